package dev.convolution.core;

/** The two operations the service computes. */
public enum Operation {
    /** {@code y[m] = Σ_i x[i]·h[m − i]}: the kernel meets the input rotated by 180°. */
    CONVOLUTION("convolution"),
    /** {@code y[m] = Σ_k h[k]·x[m + k]} (sliding) or its mirror; the kernel meets the input as given. */
    CROSS_CORRELATION("cross-correlation");

    private final String wireName;

    Operation(String wireName) {
        this.wireName = wireName;
    }

    /** The name used on the wire, as in the API contract. */
    public String wireName() {
        return wireName;
    }
}
