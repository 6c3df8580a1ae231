package dev.convolution.codec;

import dev.convolution.core.error.InvalidRequestException;
import dev.convolution.core.error.LimitExceededException;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.awt.image.IndexColorModel;
import java.awt.image.MultiPixelPackedSampleModel;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.SampleModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * PNG in and out for the images endpoints, through the JDK's ImageIO, with the pixels moved straight between the
 * rasters' data buffers and {@code double} planes.
 *
 * <p>Reading checks the file's structure first, itself: the signature, the IHDR chunk (its length, its CRC, its
 * fields), the size against the caller's limit (before a pixel is decoded), then every chunk's length and CRC up to
 * IEND. Only a file that passes is given to ImageIO, from memory (no disk cache). Every failure is an
 * {@link InvalidRequestException} naming the part, or a {@link LimitExceededException} for the size.
 *
 * <p>Grey, grey+alpha, RGB and RGBA PNGs of 8 or 16 bits keep their layout and depth; palette PNGs become 8-bit RGB
 * (RGBA when a tRNS chunk gives the palette alpha); grey PNGs of 1, 2 or 4 bits become 8-bit grey, scaled as the PNG
 * specification scales them (×255, ×85, ×17); a tRNS chunk on a grey or RGB PNG (one transparent colour) becomes an
 * alpha plane, as ImageIO reads it. Interlaced (Adam7) PNGs are read like the others.
 */
public final class Png {
    /** The media type of a PNG part or response. */
    public static final String MEDIA_TYPE = "image/png";

    /**
     * The most pixels a PNG may have whatever the caller's limit: four 16-bit samples a pixel must fit one Java array
     * (2^31 − 1 elements) in the raster ImageIO fills.
     */
    public static final long MAX_PIXELS = (Integer.MAX_VALUE - 8) / 4;

    /**
     * How written PNGs are deflated: zlib's fastest level ({@code Z_BEST_SPEED}, as OpenCV's {@code imencode} uses by
     * default) over rows filtered with Sub, in pieces of rows side by side ({@link #zlib}). Writing goes through the
     * JDK's {@link Deflater}, not ImageIO's PNG writer, which never filters the rows of grey or true-colour images and
     * has no faster setting: on a blurred 2048×2048 photograph-like picture it took 1.7–1.9× OpenCV's time for 6.0 MB
     * (level 1), or wrote the raw 12.6 MB (level 0). Huffman coding alone was faster still (110 ms against 167 on one
     * core) but cannot shrink flat areas below a bit a byte. Reading stays with ImageIO.
     */
    static final int WRITE_STRATEGY = Deflater.DEFAULT_STRATEGY;

    /** At most this many pieces of rows are deflated side by side (one a core, on the common pool; one per MiB). */
    private static final int PIECES = Math.max(1, Runtime.getRuntime().availableProcessors());

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int IHDR = 0x49484452;
    private static final int PLTE = 0x504c5445;
    private static final int IDAT = 0x49444154;
    private static final int IEND = 0x49454e44;
    private static final int TRNS = 0x74524e53;

    private Png() {
    }

    /** Scaling of results to pixel values, for a bit depth {@code b} whose largest value is {@code M = 2^b − 1}. */
    public enum Scale {
        /**
         * {@code p = min(M, max(0, rint(y)))}: rounded half to even (as OpenCV's {@code cvRound}, {@link Math#rint}), then
         * clipped to 0…M. NaN becomes 0.
         */
        CLIP("clip"),
        /**
         * {@code p = rint((y − min) × M / (max − min))}, with min and max the result's smallest and largest finite values:
         * the result's range mapped linearly onto 0…M, then rounded half to even. A constant result maps to 0 (so does
         * one without a finite value); −∞ and NaN map to 0, +∞ to M.
         */
        NORMALIZE("normalize"),
        /** {@code p = min(M, rint(|y|))}: the magnitude, rounded half to even and clipped, for edge kernels. NaN becomes 0. */
        ABS("abs");

        private final String wire;

        Scale(String wire) {
            this.wire = wire;
        }

        /** The name on the wire: {@code clip}, {@code normalize} or {@code abs}. */
        public String wire() {
            return wire;
        }

        /** The scale named {@code wire} ({@code clip}, {@code normalize}, {@code abs}); an invalid request names {@code field}. */
        public static Scale of(String field, String wire) {
            for (Scale s : values()) {
                if (s.wire.equals(wire)) {
                    return s;
                }
            }
            throw new InvalidRequestException(field, "must be one of clip, normalize, abs; got "
                    + (wire == null ? "null" : "'" + (wire.length() > 40 ? wire.substring(0, 40) + "…" : wire) + "'"));
        }
    }

    /** True when the bytes start with the PNG signature. */
    public static boolean isPng(byte[] bytes) {
        return bytes != null && isPng(bytes, 0, bytes.length);
    }

    /** True when {@code bytes[offset … offset+length−1]} start with the PNG signature. */
    public static boolean isPng(byte[] bytes, int offset, int length) {
        return length >= SIGNATURE.length && Arrays.equals(bytes, offset, offset + SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length);
    }

    /**
     * Decodes a PNG.
     *
     * @param part the multipart part (named in errors)
     * @param bytes the file
     * @param maxPixels width×height above it (or above {@link #MAX_PIXELS}) is refused, from the IHDR chunk, before any
     *     pixel is decoded
     * @return the picture; its planes are the caller's
     * @throws InvalidRequestException (field {@code part}) when the bytes are not a PNG or a corrupt one
     * @throws LimitExceededException (field {@code part}) when the picture has more pixels than the limit
     */
    public static Picture read(String part, byte[] bytes, long maxPixels) {
        Header header = Header.parse(part, bytes);
        long pixels = (long) header.width * header.height;
        long limit = Math.max(0, Math.min(maxPixels, MAX_PIXELS));
        if (pixels > limit) {
            throw new LimitExceededException(part, String.format(Locale.ROOT, "the part '%s' is %d×%d pixels (%,d); the limit is %,d", part,
                    header.width, header.height, pixels, limit));
        }
        boolean transparency = checkChunks(part, bytes, header);
        BufferedImage image = decode(part, bytes);
        return picture(header, transparency, image);
    }

    /**
     * Scales one plane of results to integer pixel values for the bit depth (a new array); see {@link Scale}.
     *
     * @param y the results
     * @param bitDepth 8 or 16
     * @param scale how results become pixel values
     * @return values in 0…2^bitDepth−1, whole numbers
     */
    public static double[] scale(double[] y, int bitDepth, Scale scale) {
        double max = maxValue(bitDepth);
        double[] p = new double[y.length];
        switch (scale) {
            case CLIP -> {
                for (int i = 0; i < y.length; i++) {
                    p[i] = clip(Math.rint(y[i]), max);
                }
            }
            case ABS -> {
                for (int i = 0; i < y.length; i++) {
                    p[i] = clip(Math.rint(Math.abs(y[i])), max);
                }
            }
            case NORMALIZE -> normalize(y, max, p);
        }
        return p;
    }

    private static void normalize(double[] y, double max, double[] p) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : y) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (!(hi > lo)) { // constant, or no finite value at all
            for (int i = 0; i < y.length; i++) {
                p[i] = y[i] == Double.POSITIVE_INFINITY ? max : 0;
            }
            return;
        }
        // halved when the range itself overflows (finite values of opposite signs near the double limits)
        double half = Double.isFinite(hi - lo) ? 1 : 0.5;
        double from = lo * half;
        double k = max / (hi * half - from);
        for (int i = 0; i < y.length; i++) {
            double v = y[i];
            p[i] = v == Double.POSITIVE_INFINITY ? max : clip(Math.rint((v * half - from) * k), max);
        }
    }

    private static double clip(double v, double max) {
        return v > 0 ? Math.min(v, max) : 0; // NaN, −0 and negatives: 0
    }

    /**
     * Encodes planes as a PNG of that bit depth: 1 plane grey, 2 grey+alpha, 3 RGB, 4 RGBA.
     *
     * @param width pixels per row
     * @param height rows
     * @param bitDepth 8 or 16
     * @param planes width×height values each, row-major, whole numbers in 0…2^bitDepth−1 (see {@link #scale})
     * @return the PNG file
     * @throws IllegalArgumentException when the planes do not fit the description (a programming error, not a request's)
     */
    public static byte[] write(int width, int height, int bitDepth, double[][] planes) {
        if (width < 1 || height < 1 || (long) width * height > MAX_PIXELS) {
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

    private static int maxValue(int bitDepth) {
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
        out.writeBytes(SIGNATURE);
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) bitDepth).put((byte) colourType)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, IHDR, ihdr.array());
        chunk(out, IDAT, data);
        chunk(out, IEND, new byte[0]);
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

    /** The IHDR chunk's fields. */
    private record Header(int width, int height, int bitDepth, int colourType, int interlace) {
        static Header parse(String part, byte[] bytes) {
            if (!isPng(bytes)) {
                throw new InvalidRequestException(part, "the part '" + part + "' is not a PNG: it does not start with the PNG signature");
            }
            if (bytes.length < 8 + 8) {
                throw corrupt(part, "it ends after the signature, before the IHDR chunk");
            }
            int length = readInt(bytes, 8);
            int type = readInt(bytes, 12);
            if (type != IHDR) {
                throw corrupt(part, "the first chunk is " + name(type) + ", not IHDR");
            }
            if (length != 13) {
                throw corrupt(part, "the IHDR chunk is " + Integer.toUnsignedString(length) + " bytes long, not 13");
            }
            if (bytes.length < 8 + 12 + 13) {
                throw corrupt(part, "it ends inside the IHDR chunk (byte " + bytes.length + " of 33)");
            }
            if (!crcMatches(bytes, 8, 13)) {
                throw corrupt(part, "the CRC of the IHDR chunk does not match its contents");
            }
            int width = readInt(bytes, 16);
            int height = readInt(bytes, 20);
            int bitDepth = bytes[24] & 0xff;
            int colourType = bytes[25] & 0xff;
            if (width <= 0 || height <= 0) {
                throw corrupt(part, "the IHDR chunk gives a size of " + Integer.toUnsignedString(width) + "×" + Integer.toUnsignedString(height)
                        + " pixels (each side must be 1 to 2147483647)");
            }
            boolean allowed = switch (colourType) {
                case 0 -> bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8 || bitDepth == 16;
                case 3 -> bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8;
                case 2, 4, 6 -> bitDepth == 8 || bitDepth == 16;
                default -> throw corrupt(part, "the IHDR chunk gives colour type " + colourType + ", which PNG does not define (0, 2, 3, 4, 6)");
            };
            if (!allowed) {
                String depths = colourType == 0 ? "1, 2, 4, 8 or 16" : colourType == 3 ? "1, 2, 4 or 8" : "8 or 16";
                throw corrupt(part, "the IHDR chunk gives bit depth " + bitDepth + ", which colour type " + colourType + " does not allow ("
                        + depths + ")");
            }
            if (bytes[26] != 0) {
                throw corrupt(part, "the IHDR chunk gives compression method " + (bytes[26] & 0xff) + "; PNG defines only 0 (deflate)");
            }
            if (bytes[27] != 0) {
                throw corrupt(part, "the IHDR chunk gives filter method " + (bytes[27] & 0xff) + "; PNG defines only 0");
            }
            int interlace = bytes[28] & 0xff;
            if (interlace > 1) {
                throw corrupt(part, "the IHDR chunk gives interlace method " + interlace + "; PNG defines 0 (none) and 1 (Adam7)");
            }
            return new Header(width, height, bitDepth, colourType, interlace);
        }
    }

    /**
     * Walks the chunks after IHDR up to IEND: lengths within the file, CRCs, types of four letters, no unknown critical
     * chunk, a PLTE chunk for palette images, at least one IDAT chunk.
     *
     * @return whether a tRNS chunk is present
     */
    private static boolean checkChunks(String part, byte[] bytes, Header header) {
        int pos = 8 + 12 + 13;
        boolean palette = false;
        boolean data = false;
        boolean transparency = false;
        while (true) {
            if (pos == bytes.length) {
                throw corrupt(part, "it ends after " + pos + " bytes without an IEND chunk");
            }
            if (bytes.length - pos < 12) {
                throw corrupt(part, "it ends inside a chunk header at byte " + pos + " (" + (bytes.length - pos) + " bytes left)");
            }
            int length = readInt(bytes, pos);
            int type = readInt(bytes, pos + 4);
            if (!letters(type)) {
                throw corrupt(part, "the chunk at byte " + pos + " has the type " + name(type) + ", which is not four letters");
            }
            if (length < 0) {
                throw corrupt(part, "the " + name(type) + " chunk at byte " + pos + " claims " + Integer.toUnsignedString(length)
                        + " bytes, more than PNG allows (2147483647)");
            }
            if (bytes.length - pos - 12 < length) {
                throw corrupt(part, "it ends inside the " + name(type) + " chunk at byte " + pos + " (the chunk claims " + length + " bytes; "
                        + Math.max(0, bytes.length - pos - 8) + " remain)");
            }
            if (!crcMatches(bytes, pos, length)) {
                throw corrupt(part, "the CRC of the " + name(type) + " chunk at byte " + pos + " does not match its contents");
            }
            switch (type) {
                case IEND -> {
                    if (!data) {
                        throw corrupt(part, "it has no IDAT chunk (no image data)");
                    }
                    return transparency;
                }
                case IDAT -> {
                    if (header.colourType == 3 && !palette) {
                        throw corrupt(part, "its image data comes before the PLTE chunk that a palette image needs");
                    }
                    data = true;
                }
                case PLTE -> {
                    if (length == 0 || length % 3 != 0 || length / 3 > 256) {
                        throw corrupt(part, "its PLTE chunk is " + length + " bytes long, not 3 to 768 bytes of whole colours");
                    }
                    palette = true;
                }
                case TRNS -> transparency = true;
                case IHDR -> throw corrupt(part, "it has a second IHDR chunk at byte " + pos);
                default -> {
                    if ((type & 0x20000000) == 0) {
                        throw corrupt(part, "it has the chunk " + name(type) + " at byte " + pos + ", which is critical and unknown");
                    }
                }
            }
            pos += 12 + length;
        }
    }

    private static BufferedImage decode(String part, byte[] bytes) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("png");
        if (!readers.hasNext()) {
            throw new IllegalStateException("this JVM has no ImageIO reader for PNG");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, false, true);
            ImageReadParam param = reader.getDefaultReadParam();
            ImageTypeSpecifier inOrder = inOrder(reader.getImageTypes(0));
            if (inOrder != null) {
                param.setDestinationType(inOrder);
            }
            return reader.read(0, param);
        } catch (IOException | RuntimeException e) {
            throw corrupt(part, report(e));
        } finally {
            reader.dispose();
        }
    }

    /**
     * The destination ImageIO copies rows into whole (an interleaved raster with bands in the file's order), when it
     * offers one with as many bands as its first choice: its first choice for 8-bit RGB(A) is BGR(A), filled pixel by
     * pixel.
     */
    private static ImageTypeSpecifier inOrder(Iterator<ImageTypeSpecifier> types) {
        if (!types.hasNext()) {
            return null;
        }
        ImageTypeSpecifier first = types.next();
        int bands = first.getNumBands();
        for (ImageTypeSpecifier t = first; ; t = types.next()) {
            if (t.getNumBands() == bands && t.getSampleModel() instanceof PixelInterleavedSampleModel sm && inOrder(sm.getBandOffsets())) {
                return t;
            }
            if (!types.hasNext()) {
                return null;
            }
        }
    }

    private static boolean inOrder(int[] offsets) {
        for (int b = 0; b < offsets.length; b++) {
            if (offsets[b] != b) {
                return false;
            }
        }
        return true;
    }

    /** ImageIO's messages down the chain of causes, without class names. */
    private static String report(Throwable e) {
        List<String> messages = new ArrayList<>();
        boolean early = false;
        for (Throwable t = e; t != null && messages.size() < 4; t = t.getCause() == t ? null : t.getCause()) {
            early |= t instanceof EOFException;
            String m = t.getMessage();
            if (m != null && !m.isBlank() && !messages.contains(m.strip()) && !m.contains("Exception")) {
                messages.add(m.strip());
            }
        }
        if (early) {
            messages.add("the compressed image data ends before the last row");
        }
        return messages.isEmpty() ? "ImageIO could not decode it" : String.join(": ", messages);
    }

    private static Picture picture(Header header, boolean transparency, BufferedImage image) {
        int w = header.width;
        int h = header.height;
        WritableRaster raster = image.getRaster();
        if (raster.getWidth() != w || raster.getHeight() != h) {
            throw new IllegalStateException("ImageIO decoded " + raster.getWidth() + "×" + raster.getHeight() + " pixels, not " + w + "×" + h);
        }
        if (header.colourType == 3 && image.getColorModel() instanceof IndexColorModel palette) {
            return expand(w, h, palette, transparency, raster);
        }
        int bands = raster.getNumBands();
        if (bands < 1 || bands > 4) {
            throw new IllegalStateException("ImageIO decoded " + bands + " bands");
        }
        int bitDepth = header.bitDepth == 16 ? 16 : 8;
        double[][] planes = new double[bands][];
        SampleModel sm = raster.getSampleModel();
        if (sm instanceof MultiPixelPackedSampleModel packed && bands == 1) {
            int bits = packed.getPixelBitStride();
            byte[] values = unpack(w, h, packed, raster);
            int k = 255 / ((1 << bits) - 1);
            double[] grey = new double[w * h];
            for (int i = 0; i < grey.length; i++) {
                grey[i] = (values[i] & 0xff) * k;
            }
            planes[0] = grey;
        } else {
            for (int b = 0; b < bands; b++) {
                planes[b] = band(w, h, raster, b);
            }
        }
        return new Picture(w, h, bitDepth, bands < 3 ? 1 : 3, bands % 2 == 0, planes);
    }

    /** One band of an 8- or 16-bit raster as a plane, read from the data buffer where the layout allows. */
    private static double[] band(int w, int h, WritableRaster raster, int b) {
        double[] plane = new double[w * h];
        SampleModel sm = raster.getSampleModel();
        DataBuffer db = raster.getDataBuffer();
        if (sm instanceof ComponentSampleModel c && raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0) {
            int bank = c.getBankIndices()[b];
            int offset = db.getOffsets()[bank] + c.getBandOffsets()[b];
            int stride = c.getPixelStride();
            int scanline = c.getScanlineStride();
            if (db instanceof DataBufferByte bytes) {
                byte[] data = bytes.getData(bank);
                for (int y = 0, i = 0; y < h; y++) {
                    for (int x = 0, j = offset + y * scanline; x < w; x++, i++, j += stride) {
                        plane[i] = data[j] & 0xff;
                    }
                }
                return plane;
            }
            if (db instanceof DataBufferUShort shorts) {
                short[] data = shorts.getData(bank);
                for (int y = 0, i = 0; y < h; y++) {
                    for (int x = 0, j = offset + y * scanline; x < w; x++, i++, j += stride) {
                        plane[i] = data[j] & 0xffff;
                    }
                }
                return plane;
            }
        }
        return raster.getSamples(0, 0, w, h, b, plane); // any other layout: slower, as correct
    }

    /** Palette indices looked up: R, G, B, and alpha when the file has a tRNS chunk. */
    private static Picture expand(int w, int h, IndexColorModel palette, boolean transparency, WritableRaster raster) {
        byte[] indices;
        if (raster.getSampleModel() instanceof MultiPixelPackedSampleModel packed) {
            indices = unpack(w, h, packed, raster);
        } else {
            double[] band = band(w, h, raster, 0);
            indices = new byte[band.length];
            for (int i = 0; i < band.length; i++) {
                indices[i] = (byte) band[i];
            }
        }
        int size = palette.getMapSize();
        byte[][] tables = new byte[4][size];
        palette.getReds(tables[0]);
        palette.getGreens(tables[1]);
        palette.getBlues(tables[2]);
        palette.getAlphas(tables[3]);
        int n = transparency ? 4 : 3;
        double[][] planes = new double[n][w * h];
        for (int p = 0; p < n; p++) {
            byte[] table = tables[p];
            double[] plane = planes[p];
            for (int i = 0; i < plane.length; i++) {
                int index = indices[i] & 0xff;
                plane[i] = index < size ? table[index] & 0xff : 0;
            }
        }
        return new Picture(w, h, 8, 3, transparency, planes);
    }

    /** Samples of 1, 2 or 4 bits (or 8), one a byte, row-major. */
    private static byte[] unpack(int w, int h, MultiPixelPackedSampleModel sm, WritableRaster raster) {
        int bits = sm.getPixelBitStride();
        byte[] values = new byte[w * h];
        if (!(raster.getDataBuffer() instanceof DataBufferByte db) || raster.getSampleModelTranslateX() != 0
                || raster.getSampleModelTranslateY() != 0) {
            int[] samples = raster.getSamples(0, 0, w, h, 0, (int[]) null);
            for (int i = 0; i < values.length; i++) {
                values[i] = (byte) samples[i];
            }
            return values;
        }
        byte[] data = db.getData();
        int offset = db.getOffset();
        int scanline = sm.getScanlineStride();
        int first = sm.getDataBitOffset();
        int mask = (1 << bits) - 1;
        for (int y = 0, i = 0; y < h; y++) {
            int row = offset + y * scanline;
            for (int x = 0, bit = first; x < w; x++, i++, bit += bits) {
                values[i] = (byte) ((data[row + (bit >>> 3)] >>> (8 - bits - (bit & 7))) & mask);
            }
        }
        return values;
    }

    private static InvalidRequestException corrupt(String part, String what) {
        return new InvalidRequestException(part, "the part '" + part + "' is a corrupt PNG: " + what);
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    /** Whether the CRC after the chunk at {@code pos} (length, type, data) matches its type and data. */
    private static boolean crcMatches(byte[] bytes, int pos, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, pos + 4, 4 + length);
        return (int) crc.getValue() == readInt(bytes, pos + 8 + length);
    }

    private static boolean letters(int type) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            int c = (type >>> shift) & 0xff;
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                return false;
            }
        }
        return true;
    }

    private static String name(int type) {
        return letters(type) ? new String(new char[] {(char) (type >>> 24), (char) (type >>> 16 & 0xff), (char) (type >>> 8 & 0xff),
                (char) (type & 0xff)}) : String.format(Locale.ROOT, "0x%08x", type);
    }
}
