package dev.convolution.codec;

import dev.convolution.core.error.InvalidRequestException;
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
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Reading PNGs: the file's structure checked first (signature, IHDR, every chunk's length and CRC up to IEND), then the
 * pixels decoded by ImageIO from memory and moved straight from the raster's data buffer into {@code double} planes.
 */
final class PngDecoder {
    private PngDecoder() {
    }

    /** The picture of a file whose header has been read and whose size the caller has admitted. */
    static Picture decode(String part, byte[] bytes, Header header) {
        boolean transparency = checkChunks(part, bytes, header);
        return picture(header, transparency, decode(part, bytes));
    }

    /** The IHDR chunk's fields. */
    record Header(int width, int height, int bitDepth, int colourType, int interlace) {
        static Header parse(String part, byte[] bytes) {
            if (!Png.isPng(bytes)) {
                throw new InvalidRequestException(part, "the part '" + part + "' is not a PNG: it does not start with the PNG signature");
            }
            if (bytes.length < 8 + 8) {
                throw corrupt(part, "it ends after the signature, before the IHDR chunk");
            }
            int length = readInt(bytes, 8);
            int type = readInt(bytes, 12);
            if (type != Png.IHDR) {
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
                case Png.IEND -> {
                    if (!data) {
                        throw corrupt(part, "it has no IDAT chunk (no image data)");
                    }
                    return transparency;
                }
                case Png.IDAT -> {
                    if (header.colourType == 3 && !palette) {
                        throw corrupt(part, "its image data comes before the PLTE chunk that a palette image needs");
                    }
                    data = true;
                }
                case Png.PLTE -> {
                    if (length == 0 || length % 3 != 0 || length / 3 > 256) {
                        throw corrupt(part, "its PLTE chunk is " + length + " bytes long, not 3 to 768 bytes of whole colours");
                    }
                    palette = true;
                }
                case Png.TRNS -> transparency = true;
                case Png.IHDR -> throw corrupt(part, "it has a second IHDR chunk at byte " + pos);
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
