package dev.convolution.core.layer;

import dev.convolution.core.Boundary;

/** PyTorch's {@code padding_mode}, as the core's boundary rule that makes the same values. */
public enum PaddingMode {
    /** Zeros outside the input. */
    ZEROS(Boundary.FILL, "zeros"),
    /** Mirror without repeating the edge (numpy's and the core's {@code reflect}). */
    REFLECT(Boundary.REFLECT, "reflect"),
    /** The edge value. */
    REPLICATE(Boundary.REPLICATE, "replicate"),
    /** Periodic (the core's {@code wrap}). */
    CIRCULAR(Boundary.WRAP, "circular");

    private final Boundary boundary;
    private final String wireName;

    PaddingMode(Boundary boundary, String wireName) {
        this.boundary = boundary;
        this.wireName = wireName;
    }

    /** The core's boundary rule that makes this mode's padded values. */
    public Boundary boundary() {
        return boundary;
    }

    /** PyTorch's name. */
    public String wireName() {
        return wireName;
    }

    public static final PaddingMode DEFAULT = ZEROS;
}
