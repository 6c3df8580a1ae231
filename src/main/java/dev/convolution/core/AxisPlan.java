package dev.convolution.core;

import dev.convolution.core.error.KernelDoesNotFitException;
import dev.convolution.core.error.LimitExceededException;

/**
 * The index algebra of one axis: the single definition of which input position meets which
 * kernel tap for an output. Everything else (the direct loop, the FFT crop, the trace, explain and
 * the labels in a response) is derived from these few numbers.
 *
 * <p>Every operation is written as a sliding sum over the padded input {@code xp}, where input
 * position {@code p} sits at padded position {@code p + padBefore}:
 *
 * <pre>
 *   y1[o] = Σ_t g[t] · xp[o + t·dilation]     o = 0 … fullCount − 1   (the stride-1 result)
 *   y[j]  = y1[origin(j)]                     origin(j) = j·stride, or fullCount − 1 − j·stride when reversed
 *   g[t]  = h[kernelIndex(t)]                 kernelIndex(t) = K − 1 − t when flipped (convolution), else t
 * </pre>
 *
 * <p>With {@code center} labels, input label {@code i = p − ⌊n/2⌋} and kernel label
 * {@code k = kernelIndex − ⌊K/2⌋}, the output label is the one that makes the contract's formula
 * true for every term: convolution {@code m = i + k·d}, sliding correlation {@code m = i − k·d},
 * mirrored correlation {@code m = k·d − i}.
 *
 * @param n input length
 * @param taps kernel length K
 * @param dilation distance between taps
 * @param stride keep every stride-th output
 * @param span effective kernel length {@code E = (K − 1)·dilation + 1}
 * @param padBefore padding before the input (from the mode)
 * @param paddedLength {@code n + padBefore + padAfter}
 * @param fullCount number of stride-1 outputs, {@code paddedLength − E + 1}
 * @param count number of outputs returned, {@code ⌈fullCount / stride⌉}
 * @param flipped kernel meets the input reversed (convolution)
 * @param reversed output reversed (mirrored correlation)
 */
public record AxisPlan(int n, int taps, int dilation, int stride, int span, int padBefore, int paddedLength,
        int fullCount, int count, boolean flipped, boolean reversed) {

    /**
     * Plans one axis.
     *
     * @param axisName the axis for messages ({@code ""} for 1D, {@code "rows"}, {@code "columns"})
     * @param maxLength the longest padded axis allowed (larger is refused with 413)
     */
    static AxisPlan of(String axisName, int n, int taps, int dilation, int stride, Mode mode, boolean flipped,
            boolean reversed, long maxLength) {
        long span = (long) (taps - 1) * dilation + 1;
        if (mode == Mode.VALID && span > n) {
            String what = dilation == 1 ? "the kernel has " + taps + " taps"
                    : "the dilated kernel spans " + span + " positions (" + taps + " taps, dilation " + dilation + ")";
            String axis = axisName.isEmpty() ? "" : " on the " + axisName + " axis";
            throw new KernelDoesNotFitException("kernel",
                    "in valid mode the kernel must fit inside the input on every axis" + axis + ": " + what
                            + " but the input has " + n + " (use mode full or same, or a smaller kernel or dilation)");
        }
        long padBefore = mode.padBefore(span);
        long padded = n + padBefore + mode.padAfter(span);
        if (padded > maxLength) {
            throw new LimitExceededException("dilation", "the padded input would be " + padded
                    + " long on one axis; the limit is " + maxLength + " (use a smaller kernel or dilation, or mode valid)");
        }
        int fullCount = (int) (padded - span + 1);
        int count = (int) ((fullCount + (long) stride - 1) / stride);
        return new AxisPlan(n, taps, dilation, stride, (int) span, (int) padBefore, (int) padded, fullCount, count,
                flipped, reversed);
    }

    /** A degenerate axis (one input, one tap): the row axis of a 1D problem. */
    static AxisPlan unit() {
        return new AxisPlan(1, 1, 1, 1, 1, 0, 1, 1, 1, false, false);
    }

    /** The stride-1 position in the padded input where output j starts. */
    public int origin(int j) {
        return reversed ? fullCount - 1 - j * stride : j * stride;
    }

    /** The smallest origin of any returned output; origins ascend from it by the stride. */
    public int firstOrigin() {
        return reversed ? fullCount - 1 - (count - 1) * stride : 0;
    }

    /** The output index whose origin is the u-th smallest. */
    public int outputOfAscending(int u) {
        return reversed ? count - 1 - u : u;
    }

    /** The input position (may be outside 0…n−1) that tap t meets for output j. */
    public long inputPosition(int j, int t) {
        return (long) origin(j) + (long) t * dilation - padBefore;
    }

    /** The kernel index (its position in the kernel as given) of applied tap t. */
    public int kernelIndex(int t) {
        return flipped ? taps - 1 - t : t;
    }

    /** Label of input position p. */
    public long inputLabel(long p, IndexOrigin origin) {
        return origin == IndexOrigin.CENTER ? p - n / 2 : p;
    }

    /** Label of kernel index k. */
    public long kernelLabel(int k, IndexOrigin origin) {
        return origin == IndexOrigin.CENTER ? k - taps / 2 : k;
    }

    /** The label of output j: its array position with {@code corner}, the formula's m with {@code center}. */
    public long outputLabel(int j, IndexOrigin origin) {
        if (origin == IndexOrigin.CORNER) {
            return j;
        }
        long i = inputLabel(inputPosition(j, 0), origin);
        long k = kernelLabel(kernelIndex(0), origin);
        long m = flipped ? i + k * dilation : i - k * dilation;
        return reversed ? -m : m;
    }

    /** The output index whose label is the given one, or -1 when it is not an output label. */
    public int outputIndexOf(long label, IndexOrigin origin) {
        long diff = label - outputLabel(0, origin);
        if (diff < 0 || diff % stride != 0 || diff / stride >= count) {
            return -1;
        }
        return (int) (diff / stride);
    }

    /** The padded positions that take values from outside the input (nonzero only when padding). */
    boolean padsAnything() {
        return padBefore > 0 || paddedLength > n + padBefore;
    }

    /**
     * The exact form of the input index of a term, as text: with {@code corner} labels in terms of
     * the output position {@code m} and kernel index {@code k}, with {@code center} labels in terms
     * of their labels.
     */
    String inputIndexText(String m, String k, IndexOrigin origin) {
        long constant;
        long mCoefficient;
        long kCoefficient = flipped ? -(long) dilation : dilation;
        if (origin == IndexOrigin.CORNER) {
            // p = origin(m) + t·d − P with t = kernelIndex(k)
            long base = reversed ? fullCount - 1 : 0;
            mCoefficient = reversed ? -(long) stride : stride;
            constant = base - padBefore + (flipped ? (long) (taps - 1) * dilation : 0);
        } else {
            // sliding i = m + k·d; convolution i = m − k·d; mirrored i = k·d − m
            mCoefficient = reversed ? -1 : 1;
            constant = 0;
        }
        return affine(mCoefficient, m, kCoefficient, k, constant);
    }

    private static String affine(long a, String m, long b, String k, long c) {
        StringBuilder s = new StringBuilder();
        appendTerm(s, a, m);
        if (c != 0) {
            s.append(s.length() == 0 ? (c < 0 ? "−" : "") : (c < 0 ? "−" : "+")).append(Math.abs(c));
        }
        appendTerm(s, b, k);
        return s.length() == 0 ? "0" : s.toString();
    }

    private static void appendTerm(StringBuilder s, long coefficient, String name) {
        if (coefficient == 0) {
            return;
        }
        if (s.length() == 0) {
            s.append(coefficient < 0 ? "−" : "");
        } else {
            s.append(coefficient < 0 ? "−" : "+");
        }
        long a = Math.abs(coefficient);
        if (a != 1) {
            s.append(a);
        }
        s.append(name);
    }
}
