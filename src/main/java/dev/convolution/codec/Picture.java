package dev.convolution.codec;

import java.util.Objects;

/**
 * A decoded picture: planes of values 0…2^bitDepth−1, row-major height×width, colour planes first (grey, or R, G, B),
 * then alpha.
 *
 * <p>For speed the planes are not copied: {@link Png#read} hands over the arrays it filled, and whoever builds a
 * {@code Picture} hands over its arrays and must not change them afterwards. The values are not checked here (that
 * would cost a pass over every sample); {@link Png#write} checks what it writes.
 *
 * @param width pixels per row, at least 1
 * @param height rows, at least 1
 * @param bitDepth bits per sample: 8 or 16 (PNGs of 1, 2 or 4 bits and palette PNGs are expanded to 8)
 * @param colours 1 (grey) or 3 (R, G, B)
 * @param alpha whether an alpha plane follows the colour planes
 * @param planes {@code colours} (+1 with alpha) planes of width×height values each, row-major
 */
public record Picture(int width, int height, int bitDepth, int colours, boolean alpha, double[][] planes) {

    public Picture {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("a picture is at least 1×1 pixels, not " + width + "×" + height);
        }
        if (bitDepth != 8 && bitDepth != 16) {
            throw new IllegalArgumentException("a picture has 8 or 16 bits per sample, not " + bitDepth);
        }
        if (colours != 1 && colours != 3) {
            throw new IllegalArgumentException("a picture has 1 or 3 colour planes, not " + colours);
        }
        Objects.requireNonNull(planes, "planes");
        int count = colours + (alpha ? 1 : 0);
        if (planes.length != count) {
            throw new IllegalArgumentException(colours + " colour planes" + (alpha ? " and alpha" : "") + " are " + count + " planes, not "
                    + planes.length);
        }
        long pixels = (long) width * height;
        for (int p = 0; p < planes.length; p++) {
            if (planes[p] == null || planes[p].length != pixels) {
                throw new IllegalArgumentException("plane " + p + " does not hold " + width + "×" + height + " values");
            }
        }
    }

    /** The largest sample value: 2^bitDepth − 1 (255 or 65535). */
    public int maxValue() {
        return (1 << bitDepth) - 1;
    }

    /** The colour plane {@code c} (0 for grey; 0, 1, 2 for R, G, B); not a copy. */
    public double[] colour(int c) {
        return planes[Objects.checkIndex(c, colours)];
    }

    /** The alpha plane, not a copy; only when {@link #alpha()} is true. */
    public double[] alphaPlane() {
        if (!alpha) {
            throw new IllegalStateException("this picture has no alpha plane");
        }
        return planes[colours];
    }

    @Override
    public String toString() {
        return "Picture " + width + "×" + height + ", " + bitDepth + "-bit " + (colours == 1 ? "grey" : "RGB") + (alpha ? "+alpha" : "");
    }
}
