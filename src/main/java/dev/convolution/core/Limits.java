package dev.convolution.core;

/**
 * The sizes a plan may reach; larger plans are refused with {@link
 * dev.convolution.core.error.LimitExceededException} (413) before anything is computed.
 *
 * @param maxPaddedElements the largest padded input the computation may build (and the longest padded axis)
 * @param maxOutputElements the largest output
 */
public record Limits(long maxPaddedElements, long maxOutputElements) {
    /** No limits beyond what one Java array can hold (tests, benchmarks). */
    public static final Limits NONE = new Limits(Integer.MAX_VALUE - 8, Integer.MAX_VALUE - 8);

    public Limits {
        if (maxPaddedElements < 1 || maxOutputElements < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /**
     * The product of two sizes (element counts, multiply-adds), or {@link Long#MAX_VALUE} where it would overflow: a
     * size too large to count is over every limit.
     */
    public static long saturatedProduct(long a, long b) {
        long p = a * b;
        return Math.multiplyHigh(a, b) != 0 || p < 0 ? Long.MAX_VALUE : p;
    }
}
