package dev.convolution.codec;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/** Writing PNGs: rows filtered with Sub, deflated in pieces side by side, one IDAT chunk. */
final class PngEncoder {
    /**
     * How written PNGs are deflated: zlib's fastest level ({@code Z_BEST_SPEED}, as OpenCV's {@code imencode} uses by
     * default) over rows filtered with Sub, in pieces of rows side by side ({@link #zlib}); through the JDK's
     * {@link Deflater}, not ImageIO's PNG writer, which never filters the rows of grey or true-colour images and has no
     * faster setting (docs/decisions.md has the measurements).
     */
    static final int WRITE_STRATEGY = Deflater.DEFAULT_STRATEGY;

    /** At most this many pieces of rows are deflated side by side (one a core, on the common pool; one per MiB). */
    private static final int PIECES = Math.max(1, Runtime.getRuntime().availableProcessors());

    private PngEncoder() {
    }

    /** The PNG file of the planes; see {@link Png#write}. */
    static byte[] write(int width, int height, int bitDepth, double[][] planes) {
        if (width < 1 || height < 1 || (long) width * height > Png.MAX_PIXELS) {
            throw new IllegalArgumentException("cannot write a PNG of " + width + "×" + height + " pixels");
        }
        int max = maxValue(bitDepth);
        int n = planes.length;
        if (n < 1 || n > 4) {
            throw new IllegalArgumentException("a PNG has 1 to 4 planes (grey, grey+alpha, RGB, RGBA), not " + n);
        }
        int pixels = width * height;
        for (int b = 0; b < n; b++) {
            if (planes[b].length != pixels) {
                throw new IllegalArgumentException("plane " + b + " has " + planes[b].length + " values, not " + width + "×" + height);
            }
        }
        int bytesPerSample = bitDepth / 8;
        int pixelBytes = n * bytesPerSample;
        int rowBytes = width * pixelBytes;
        // the scanlines, each behind its filter byte: Sub (1), each byte less the byte one pixel before it
        byte[] raw = new byte[height * (rowBytes + 1)];
        byte[] row = new byte[rowBytes];
        for (int y = 0; y < height; y++) {
            int base = y * width;
            for (int b = 0; b < n; b++) {
                double[] plane = planes[b];
                if (bytesPerSample == 1) {
                    for (int x = 0, j = b; x < width; x++, j += n) {
                        row[j] = (byte) sample(plane[base + x], max, b, base + x);
                    }
                } else {
                    for (int x = 0, j = 2 * b; x < width; x++, j += pixelBytes) {
                        int v = sample(plane[base + x], max, b, base + x);
                        row[j] = (byte) (v >>> 8);
                        row[j + 1] = (byte) v;
                    }
                }
            }
            int at = y * (rowBytes + 1);
            raw[at] = 1;
            System.arraycopy(row, 0, raw, at + 1, pixelBytes);
            for (int k = pixelBytes; k < rowBytes; k++) {
                raw[at + 1 + k] = (byte) (row[k] - row[k - pixelBytes]);
            }
        }
        int colourType = new int[] {0, 4, 2, 6}[n - 1];
        return encode(width, height, bitDepth, colourType, raw);
    }

    private static int sample(double v, int max, int plane, int i) {
        int s = (int) v;
        if (s != v || s < 0 || s > max) {
            throw new IllegalArgumentException("plane " + plane + " value " + i + " is " + v + ", not a whole number in 0…" + max);
        }
        return s;
    }

    static int maxValue(int bitDepth) {
        if (bitDepth != 8 && bitDepth != 16) {
            throw new IllegalArgumentException("the bit depth is 8 or 16, not " + bitDepth);
        }
        return (1 << bitDepth) - 1;
    }

    /**
     * The PNG file of filtered scanlines: signature, IHDR, one IDAT of their zlib stream, IEND. The stream is zlib's
     * fastest level with Huffman coding only ({@link #WRITE_STRATEGY}).
     */
    private static byte[] encode(int width, int height, int bitDepth, int colourType, byte[] raw) {
        byte[] data = zlib(raw, height);
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 64);
        out.writeBytes(Png.SIGNATURE);
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) bitDepth).put((byte) colourType)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, Png.IHDR, ihdr.array());
        chunk(out, Png.IDAT, data);
        chunk(out, Png.IEND, new byte[0]);
        return out.toByteArray();
    }

    /**
     * The zlib stream of the scanlines, deflated in pieces of whole rows side by side (as pigz does): each piece a raw
     * deflate stream of its own, all but the last ended by a sync flush so that they join into one stream, behind
     * zlib's header for the fastest level and before the Adler-32 of all the bytes. A piece starts without the
     * previous piece's window, which costs little at the fastest level.
     */
    private static byte[] zlib(byte[] raw, int rows) {
        int pieces = (int) Math.max(1, Math.min(Math.min(PIECES, rows), raw.length / (1L << 20)));
        int rowLength = raw.length / rows;
        byte[][] deflated = new byte[pieces][];
        java.util.stream.IntStream.range(0, pieces).parallel().forEach(k -> {
            int from = (int) ((long) rows * k / pieces) * rowLength;
            int to = (int) ((long) rows * (k + 1) / pieces) * rowLength;
            deflated[k] = deflate(raw, from, to - from, k == pieces - 1);
        });
        java.util.zip.Adler32 adler = new java.util.zip.Adler32();
        adler.update(raw);
        int total = 6;
        for (byte[] d : deflated) {
            total += d.length;
        }
        ByteBuffer out = ByteBuffer.allocate(total);
        out.put((byte) 0x78).put((byte) 0x01); // deflate, 32 KiB window; FLEVEL 0: the fastest level; FCHECK
        for (byte[] d : deflated) {
            out.put(d);
        }
        out.putInt((int) adler.getValue());
        return out.array();
    }

    private static byte[] deflate(byte[] raw, int from, int length, boolean last) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
        deflater.setStrategy(WRITE_STRATEGY);
        deflater.setInput(raw, from, length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(length / 3 + 1024);
        byte[] buf = new byte[1 << 16];
        if (last) {
            deflater.finish();
            while (!deflater.finished()) {
                out.write(buf, 0, deflater.deflate(buf));
            }
        } else {
            int k;
            do {
                k = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
                out.write(buf, 0, k);
            } while (k == buf.length || !deflater.needsInput());
        }
        deflater.end();
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, int type, byte[] data) {
        ByteBuffer head = ByteBuffer.allocate(8).putInt(data.length).putInt(type);
        out.writeBytes(head.array());
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(head.array(), 4, 4);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
