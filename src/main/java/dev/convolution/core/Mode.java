package dev.convolution.core;

/**
 * Which outputs are produced. With effective kernel length {@code E = (K − 1)·dilation + 1} on an
 * axis, each mode pads the input and then takes the operation wherever the dilated kernel fits
 * entirely inside the padded input.
 */
public enum Mode {
    /** Pads {@code E − 1} on both sides: every output that has at least one term. */
    FULL,
    /** Pads {@code ⌊E/2⌋} before and {@code ⌊(E−1)/2⌋} after: as many outputs as inputs. */
    SAME,
    /** Pads nothing: only outputs whose terms all lie inside the input; needs {@code E ≤ n}. */
    VALID;

    long padBefore(long effectiveLength) {
        return switch (this) {
            case FULL -> effectiveLength - 1;
            case SAME -> effectiveLength / 2;
            case VALID -> 0;
        };
    }

    long padAfter(long effectiveLength) {
        return switch (this) {
            case FULL -> effectiveLength - 1;
            case SAME -> (effectiveLength - 1) / 2;
            case VALID -> 0;
        };
    }
}
