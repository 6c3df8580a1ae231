package dev.convolution.codec;

import dev.convolution.core.error.InvalidRequestException;
import dev.convolution.core.error.LimitExceededException;
import java.util.Arrays;
import java.util.Locale;
import javax.imageio.ImageIO;

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

    static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    static final int IHDR = 0x49484452;
    static final int PLTE = 0x504c5445;
    static final int IDAT = 0x49444154;
    static final int IEND = 0x49454e44;
    static final int TRNS = 0x74524e53;

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
        PngDecoder.Header header = PngDecoder.Header.parse(part, bytes);
        long pixels = (long) header.width() * header.height();
        long limit = Math.max(0, Math.min(maxPixels, MAX_PIXELS));
        if (pixels > limit) {
            throw new LimitExceededException(part, String.format(Locale.ROOT, "the part '%s' is %d×%d pixels (%,d); the limit is %,d", part,
                    header.width(), header.height(), pixels, limit));
        }
        return PngDecoder.decode(part, bytes, header);
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
        double max = PngEncoder.maxValue(bitDepth);
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
        return PngEncoder.write(width, height, bitDepth, planes);
    }
}
