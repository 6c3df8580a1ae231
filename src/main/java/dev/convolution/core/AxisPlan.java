package dev.convolution.core;

import dev.convolution.core.error.KernelDoesNotFitException;
import dev.convolution.core.error.LimitExceededException;

/**
 * The index algebra of one axis: the single definition of which input position meets which
 * kernel tap for an output. Everything else (the direct loops, the FFT crop, the trace, explain and
 * the labels in a response) reaches input positions through {@link #inputPosition}.
 *
 * <p>Every operation is written as a sliding sum over the padded input {@code xp}: the input, with
 * {@code inputDilation − 1} zeros between its elements (the stride-dilated input of a transposed
 * convolution; 1 leaves it as it is), then {@code padBefore} and {@code padAfter} positions whose
 * values the boundary rule makes. Input position {@code p} (counted on the dilated input) sits at
 * padded position {@code p + padBefore}:
 *
 * <pre>
 *   y1[o] = Σ_t g[t] · xp[o + t·dilation]     o = 0 … fullCount − 1   (the stride-1 result)
 *   y[j]  = y1[start(j)]                      start(j) = j·stride, or fullCount − 1 − j·stride when reversed
 *   g[t]  = h[kernelIndex(t)]                 kernelIndex(t) = K − 1 − t when flipped (convolution), else t
 * </pre>
 *
 * so output j meets, with tap t, input position {@code inputPosition(j, t) = start(j) + t·dilation − padBefore}.
 * A {@link Mode} is one way to choose the padding ({@link #of}); {@link #padded} takes it explicitly.
 *
 * <p>With {@code center} labels, input label {@code i = p − ⌊extent/2⌋} and kernel label
 * {@code k = kernelIndex − ⌊K/2⌋}, the output label is the one that makes the contract's formula
 * true for every term: convolution {@code m = i + k·d}, sliding correlation {@code m = i − k·d},
 * mirrored correlation {@code m = k·d − i}.
 *
 * @param n input length
 * @param inputDilation distance between input elements on the dilated input (1: none inserted)
 * @param taps kernel length K
 * @param dilation distance between taps
 * @param stride keep every stride-th output
 * @param padBefore padded positions before the input
 * @param padAfter padded positions after the input
 * @param extent length of the dilated input, {@code (n − 1)·inputDilation + 1}
 * @param span effective kernel length {@code E = (K − 1)·dilation + 1}
 * @param paddedLength {@code extent + padBefore + padAfter}
 * @param fullCount number of stride-1 outputs, {@code paddedLength − E + 1}
 * @param count number of outputs returned, {@code ⌈fullCount / stride⌉}
 * @param flipped kernel meets the input reversed (convolution)
 * @param reversed output reversed (mirrored correlation)
 */
public record AxisPlan(int n, int inputDilation, int taps, int dilation, int stride, int padBefore, int padAfter, int extent,
        int span, int paddedLength, int fullCount, int count, boolean flipped, boolean reversed) {

    /** {@link #source} of a position that falls between the elements of a dilated input: the value 0. */
    public static final int HOLE = -2;

    /**
     * Plans one axis padded as a mode says.
     *
     * @param axisName the axis for messages ({@code ""} for 1D, {@code "rows"}, {@code "columns"}, {@code "axis 2"})
     * @param kernelField the request field of the kernel, blamed when it does not fit ({@code kernel}, {@code kernelShape})
     * @param maxLength the longest padded axis allowed (larger is refused with 413)
     */
    public static AxisPlan of(String axisName, String kernelField, int n, int taps, int dilation, int stride, Mode mode, boolean flipped,
            boolean reversed, long maxLength) {
        long span = span(taps, dilation);
        if (mode == Mode.VALID && span > n) {
            String what = dilation == 1 ? "the kernel has " + taps + " taps"
                    : "the dilated kernel spans " + span + " positions (" + taps + " taps, dilation " + dilation + ")";
            throw new KernelDoesNotFitException(kernelField, "in valid mode the kernel must fit inside the input"
                    + (axisName.isEmpty() ? ": " : " on every axis; on the " + axisName + " axis ") + what + " but the input has " + n
                    + " (use mode full or same, or a smaller kernel or dilation)");
        }
        return padded(axisName, n, 1, taps, dilation, stride, mode.padBefore(span), mode.padAfter(span), flipped, reversed,
                maxLength);
    }

    /**
     * Plans one axis with explicit padding and input dilation (PyTorch's {@code padding}, a transposed
     * convolution's stride-dilated input).
     *
     * @param maxLength the longest padded axis allowed (larger is refused with 413)
     */
    public static AxisPlan padded(String axisName, int n, int inputDilation, int taps, int dilation, int stride, long padBefore,
            long padAfter, boolean flipped, boolean reversed, long maxLength) {
        if (n < 1 || inputDilation < 1 || taps < 1 || dilation < 1 || stride < 1 || padBefore < 0 || padAfter < 0) {
            throw new IllegalArgumentException("an axis needs positive lengths and factors and padding ≥ 0");
        }
        long extent = dilatedLength(n, inputDilation);
        long span = span(taps, dilation);
        long padded = extent + padBefore + padAfter;
        if (padded > maxLength) {
            throw new LimitExceededException("dilation", "the padded input would be " + padded
                    + " long on one axis; the limit is " + maxLength + " (use a smaller kernel or dilation, or mode valid)");
        }
        if (span > padded) {
            throw new KernelDoesNotFitException("kernel", "the dilated kernel spans " + span + " positions but the padded input has "
                    + padded + on(axisName));
        }
        int fullCount = (int) outputCount(padded, span, 1);
        int count = (int) outputCount(padded, span, stride);
        return new AxisPlan(n, inputDilation, taps, dilation, stride, (int) padBefore, (int) padAfter, (int) extent, (int) span,
                (int) padded, fullCount, count, flipped, reversed);
    }

    /** The effective kernel length {@code E = (K − 1)·dilation + 1}: the positions from a window's first tap to its last. */
    public static long span(int taps, int dilation) {
        return (long) (taps - 1) * dilation + 1;
    }

    /** The length of an input of n elements with {@code inputDilation − 1} zeros between neighbours, {@code (n − 1)·inputDilation + 1}. */
    public static long dilatedLength(int n, int inputDilation) {
        return (long) (n - 1) * inputDilation + 1;
    }

    /**
     * The output length: how many windows of {@code span} positions, every {@code stride}-th, fit in a padded length,
     * {@code ⌊(padded − span) / stride⌋ + 1} (for {@code span ≤ padded}). The one rule every output length follows.
     */
    public static long outputCount(long paddedLength, long span, int stride) {
        return (paddedLength - span) / stride + 1;
    }

    /**
     * The padded positions that {@code count} windows of {@code span}, every {@code stride}-th, cover from the first
     * one's first tap to the last one's last, {@code (count − 1)·stride + span}: the shortest padded length with that
     * {@link #outputCount}.
     */
    public static long coveredLength(long count, long span, int stride) {
        return (count - 1) * stride + span;
    }

    private static String on(String axisName) {
        return axisName.isEmpty() ? "" : " on the " + axisName + " axis";
    }

    /** A degenerate axis (one input, one tap, one output), as a direct loop sees a missing axis. */
    public static AxisPlan unit() {
        return new AxisPlan(1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, false, false);
    }

    /** True for an axis of one input, one tap and one output, which can be left out without changing any index. */
    public boolean isUnit() {
        return paddedLength == 1;
    }

    /**
     * The input position (on the dilated input; outside {@code 0…extent−1} it is padding) that tap t
     * meets for output j: the one definition every method and the trace use.
     */
    public long inputPosition(int j, int t) {
        long start = reversed ? fullCount - 1 - (long) j * stride : (long) j * stride;
        return start + tapOffset(t) - padBefore;
    }

    /**
     * How far tap t reaches past tap 0 of the same output, {@code inputPosition(j, t) − inputPosition(j, 0) = t·dilation}
     * for every output j: the offset of a tap in any layout of the padded input, times the layout's pitch on this axis.
     */
    public int tapOffset(int t) {
        return t * dilation;
    }

    /** {@link #inputPosition} counted on the padded input (0 is the first padded position). */
    public int paddedPosition(int j, int t) {
        return (int) (inputPosition(j, t) + padBefore);
    }

    /** The output index whose stride-1 start is the u-th smallest (outputs ascend with u unless reversed). */
    public int outputOfAscending(int u) {
        return reversed ? count - 1 - u : u;
    }

    /**
     * The first output, in ascending order ({@link #outputOfAscending}), from which on every tap of every output meets an
     * input element ({@link #inputPosition} in {@code 0 … extent−1}, no padding) up to {@link #interiorTo}; with a
     * dilated input there is none (every output meets the zeros between its elements or could).
     */
    public int interiorFrom() {
        if (inputDilation != 1) {
            return 0;
        }
        long s0 = inputPosition(outputOfAscending(0), 0); // inputPosition of ascending output u is s0 + u·stride
        return (int) Math.min(count, Math.max(0, -Math.floorDiv(s0, (long) stride)));
    }

    /** The end (exclusive) of the ascending outputs from {@link #interiorFrom} on that meet input elements only. */
    public int interiorTo() {
        if (inputDilation != 1) {
            return 0;
        }
        long s0 = inputPosition(outputOfAscending(0), 0);
        long last = extent - span - s0; // the last start s0 + u·stride that keeps the span inside
        return last < 0 ? interiorFrom() : (int) Math.max(interiorFrom(), Math.min(count, last / stride + 1));
    }

    /** The kernel index (its position in the kernel as given) of applied tap t. */
    public int kernelIndex(int t) {
        return flipped ? taps - 1 - t : t;
    }

    /**
     * The input element whose value a position takes: the boundary rule applied on the dilated input,
     * then {@link #HOLE} for a position between dilated elements, {@link Boundary#FILLED} for the fill
     * value, or the input index.
     */
    public int source(long position, Boundary boundary) {
        int q = boundary.source(position, extent);
        return q == Boundary.FILLED ? q : elementAt(q);
    }

    /**
     * The input element at position p of the dilated input ({@code 0 ≤ p < extent}), or {@link #HOLE} for a position
     * between elements: element i sits at {@link #elementPosition elementPosition(i)}.
     */
    public int elementAt(long p) {
        if (inputDilation == 1) {
            return (int) p;
        }
        return p % inputDilation == 0 ? (int) (p / inputDilation) : HOLE;
    }

    /** The position of input element i on the dilated input, {@code i·inputDilation}. */
    public long elementPosition(int i) {
        return (long) i * inputDilation;
    }

    /** True when some position is not an input element (padding, or the zeros of a dilated input). */
    public boolean padsAnything() {
        return padBefore > 0 || padAfter > 0 || inputDilation > 1;
    }

    /** Label of input position p. */
    public long inputLabel(long p, IndexOrigin origin) {
        return origin == IndexOrigin.CENTER ? p - extent / 2 : p;
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

    /** The step between the labels of neighbouring outputs: 1 with {@code corner} (array positions), the stride with {@code center}. */
    public long labelStep(IndexOrigin origin) {
        return origin == IndexOrigin.CORNER ? 1 : stride;
    }

    /** The output index whose label is the given one, or -1 when it is not an output label. */
    public int outputIndexOf(long label, IndexOrigin origin) {
        long step = labelStep(origin);
        long diff = label - outputLabel(0, origin);
        if (diff < 0 || diff % step != 0 || diff / step >= count) {
            return -1;
        }
        return (int) (diff / step);
    }

    /**
     * The exact form of the input index of a term, as text: with {@code corner} labels in terms of
     * the output position {@code m} and kernel index {@code k}, with {@code center} labels in terms
     * of their labels. It is {@link #inputPosition} written out.
     */
    String inputIndexText(String m, String k, IndexOrigin origin) {
        long constant;
        long mCoefficient;
        long kCoefficient = flipped ? -(long) dilation : dilation;
        if (origin == IndexOrigin.CORNER) {
            // p = start(m) + t·d − P with t = kernelIndex(k)
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
