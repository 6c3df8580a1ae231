package dev.convolution.core;

import dev.convolution.core.error.InvalidRequestException;
import dev.convolution.core.error.LimitExceededException;
import dev.convolution.core.error.ResultNotRepresentableException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A {@link Spec} applied to an input shape and a kernel shape: the index algebra of every axis, in
 * axis order, with the limits already checked. Arrays are row-major on these axes.
 */
public final class Plan {
    /** Output and tap letters of the formula text, per axis. */
    private static final String[] OUTPUT_LETTERS = {"m", "n", "p", "q"};
    private static final String[] TAP_LETTERS = {"k", "l", "r", "s"};

    private final Spec spec;
    private final AxisPlan[] axes;
    private final int outputSize;
    private final int kernelSize;
    private final List<AxisPlan> axisList;
    private final List<AxisPlan> nonUnit;

    private Plan(Spec spec, AxisPlan[] axes) {
        this.spec = spec;
        this.axes = axes;
        long out = 1;
        long k = 1;
        for (AxisPlan a : axes) {
            out *= a.count();
            k *= a.taps();
        }
        this.outputSize = (int) out;
        this.kernelSize = (int) k;
        this.axisList = List.of(axes);
        this.nonUnit = nonUnit(axes);
    }

    /**
     * Plans a problem: every axis padded as the spec's mode says.
     *
     * @throws InvalidRequestException when the ranks differ or a per-axis list has the wrong length
     */
    public static Plan of(Spec spec, Shape input, Shape kernel, Limits limits) {
        return of(spec, input, "input", kernel, "kernel", limits);
    }

    /**
     * Plans a problem whose input and kernel came from the named request fields ({@code inputShape} and
     * {@code kernelShape} for an explanation), the fields blamed when the kernel does not match or fit.
     */
    public static Plan of(Spec spec, Shape input, String inputField, Shape kernel, String kernelField, Limits limits) {
        int rank = input.rank();
        if (kernel.rank() != rank) {
            throw new InvalidRequestException(kernelField, kernelField + " has " + kernel.rank() + " ax" + (kernel.rank() == 1 ? "is" : "es")
                    + "; " + inputField + " has " + rank + " (both must have the same rank)");
        }
        spec.stride().requireRank(rank);
        spec.dilation().requireRank(rank);
        AxisPlan[] axes = new AxisPlan[rank];
        for (int a = 0; a < rank; a++) {
            axes[a] = AxisPlan.of(axisName(rank, a), kernelField, input.dim(a), kernel.dim(a), spec.dilation().at(a), spec.stride().at(a),
                    spec.mode(), spec.flipsKernel(), spec.reversesOutput(), limits.maxPaddedElements());
        }
        return of(spec, List.of(axes), limits);
    }

    /**
     * Plans a problem from axes planned by the caller (explicit padding, input dilation), checking the
     * padded and output sizes. The axes' orientation must be the spec's.
     */
    public static Plan of(Spec spec, List<AxisPlan> axisPlans, Limits limits) {
        if (axisPlans.isEmpty() || axisPlans.size() > Shape.MAX_RANK) {
            throw new IllegalArgumentException("a plan has 1 to " + Shape.MAX_RANK + " axes");
        }
        AxisPlan[] axes = axisPlans.toArray(new AxisPlan[0]);
        long padded = 1;
        long outputs = 1;
        for (AxisPlan a : axes) {
            if (a.flipped() != spec.flipsKernel() || a.reversed() != spec.reversesOutput()) {
                throw new IllegalArgumentException("an axis was planned for another operation or convention");
            }
            padded = Limits.saturatedProduct(padded, a.paddedLength());
            outputs = Limits.saturatedProduct(outputs, a.count());
        }
        if (padded > limits.maxPaddedElements()) {
            throw new LimitExceededException("kernel", "the padded input would have " + product(axes, true)
                    + " elements; the limit is " + limits.maxPaddedElements()
                    + " (use a smaller kernel or dilation, or mode valid)");
        }
        if (outputs > limits.maxOutputElements()) {
            throw new LimitExceededException("mode", "the output would have " + product(axes, false)
                    + " elements; the limit is " + limits.maxOutputElements() + " (use mode same or valid, or a stride)");
        }
        return new Plan(spec, axes);
    }

    private static java.math.BigInteger product(AxisPlan[] axes, boolean padded) {
        java.math.BigInteger p = java.math.BigInteger.ONE;
        for (AxisPlan a : axes) {
            p = p.multiply(java.math.BigInteger.valueOf(padded ? a.paddedLength() : a.count()));
        }
        return p;
    }

    /** The name of axis a in messages: none in 1D, rows and columns in 2D, "axis a" beyond. */
    static String axisName(int rank, int a) {
        if (rank == 1) {
            return "";
        }
        if (rank == 2) {
            return a == 0 ? "rows" : "columns";
        }
        return "axis " + a;
    }

    public Spec spec() {
        return spec;
    }

    public int rank() {
        return axes.length;
    }

    /** The index algebra of axis a. */
    public AxisPlan axis(int a) {
        return axes[a];
    }

    /** Every axis, in order. */
    public List<AxisPlan> axes() {
        return axisList;
    }

    /**
     * The axes that are not {@link AxisPlan#isUnit() unit axes}, in order, or one unit axis when all
     * are: leaving unit axes out changes no flat index, so a method may run on these.
     */
    public List<AxisPlan> nonUnitAxes() {
        return nonUnit;
    }

    private static List<AxisPlan> nonUnit(AxisPlan[] axes) {
        List<AxisPlan> kept = new ArrayList<>(axes.length);
        for (AxisPlan a : axes) {
            if (!a.isUnit()) {
                kept.add(a);
            }
        }
        return kept.isEmpty() ? List.of(axes[axes.length - 1]) : List.copyOf(kept);
    }

    public int outputSize() {
        return outputSize;
    }

    public int kernelSize() {
        return kernelSize;
    }

    /** Output shape as the client sees it. */
    public int[] outputShape() {
        int[] s = new int[axes.length];
        for (int a = 0; a < axes.length; a++) {
            s[a] = axes[a].count();
        }
        return s;
    }

    /** The input's shape: its length on each axis. */
    public int[] inputShape() {
        int[] s = new int[axes.length];
        for (int a = 0; a < axes.length; a++) {
            s[a] = axes[a].n();
        }
        return s;
    }

    /** The kernel's shape: its taps on each axis. */
    public int[] kernelShape() {
        int[] s = new int[axes.length];
        for (int a = 0; a < axes.length; a++) {
            s[a] = axes[a].taps();
        }
        return s;
    }

    /** The label of the first output on each axis. */
    public long[] outputStart() {
        long[] s = new long[axes.length];
        for (int a = 0; a < axes.length; a++) {
            s[a] = axes[a].outputLabel(0, spec.origin());
        }
        return s;
    }

    /** The step between neighbouring output labels on each axis (the stride with {@code center}, 1 with {@code corner}). */
    public int[] strides() {
        int[] s = new int[axes.length];
        for (int a = 0; a < axes.length; a++) {
            s[a] = axes[a].stride();
        }
        return s;
    }

    public int[] dilations() {
        int[] d = new int[axes.length];
        for (int a = 0; a < axes.length; a++) {
            d[a] = axes[a].dilation();
        }
        return d;
    }

    /** The output indices on each axis of the output at a flat (row-major) index. */
    public int[] outputIndices(int flat) {
        int[] j = new int[axes.length];
        for (int a = axes.length - 1; a >= 0; a--) {
            j[a] = flat % axes[a].count();
            flat /= axes[a].count();
        }
        return j;
    }

    /** Labels of the output at a flat index, in the request's labels. */
    public long[] outputLabels(int flat) {
        int[] j = outputIndices(flat);
        long[] l = new long[axes.length];
        for (int a = 0; a < axes.length; a++) {
            l[a] = axes[a].outputLabel(j[a], spec.origin());
        }
        return l;
    }

    /** Labels of input positions, one per axis. */
    public long[] inputLabels(long[] positions) {
        long[] l = new long[axes.length];
        for (int a = 0; a < axes.length; a++) {
            l[a] = axes[a].inputLabel(positions[a], spec.origin());
        }
        return l;
    }

    /** Labels of kernel indices, one per axis. */
    public long[] kernelLabels(int[] k) {
        long[] l = new long[axes.length];
        for (int a = 0; a < axes.length; a++) {
            l[a] = axes[a].kernelLabel(k[a], spec.origin());
        }
        return l;
    }

    /**
     * Resolves requested output labels to flat output indices.
     *
     * @param field the request field, for messages ({@code trace.outputs})
     */
    public int[] resolveOutputs(String field, List<long[]> labels) {
        int[] out = new int[labels.size()];
        IndexOrigin o = spec.origin();
        int rank = axes.length;
        for (int q = 0; q < labels.size(); q++) {
            long[] label = labels.get(q);
            String path = field + "[" + q + "]";
            if (label == null || label.length != rank) {
                throw new InvalidRequestException(path, "an output label has " + rank + (rank == 1 ? " index" : " indices")
                        + " for this request; got " + (label == null ? "none" : label.length));
            }
            int flat = 0;
            for (int a = 0; a < rank; a++) {
                int j = axes[a].outputIndexOf(label[a], o);
                if (j < 0) {
                    throw new InvalidRequestException(path, "not an output label: " + Arrays.toString(label)
                            + "; the outputs are " + describeLabels());
                }
                flat = flat * axes[a].count() + j;
            }
            out[q] = flat;
        }
        return out;
    }

    private String describeLabels() {
        IndexOrigin o = spec.origin();
        StringBuilder s = new StringBuilder();
        for (int a = 0; a < axes.length; a++) {
            AxisPlan ax = axes[a];
            if (a > 0) {
                s.append(" × ");
            }
            s.append(ax.outputLabel(0, o)).append("…").append(ax.outputLabel(ax.count() - 1, o));
            if (ax.labelStep(o) > 1) {
                s.append(" in steps of ").append(ax.labelStep(o));
            }
        }
        return s.toString();
    }

    /** The exact form of the operation in the request's labels, such as {@code y[m] = Σ_k h[k]·x[m+1−k]}. */
    public String formula() {
        return formula(false);
    }

    /**
     * The formula; a correlation that conjugates the kernel (complex data) writes it {@code conj(h[k])}, as in
     * {@code y[m] = Σ_k conj(h[k])·x[m+k]}.
     */
    public String formula(boolean conjugated) {
        StringBuilder sums = new StringBuilder();
        StringBuilder in = new StringBuilder();
        for (int a = 0; a < axes.length; a++) {
            sums.append("Σ_").append(TAP_LETTERS[a]).append(' ');
            in.append(a > 0 ? ", " : "").append(axes[a].inputIndexText(OUTPUT_LETTERS[a], TAP_LETTERS[a], spec.origin()));
        }
        String h = "h" + labelText(axes.length, a -> TAP_LETTERS[a]);
        return "y" + labelText(axes.length, a -> OUTPUT_LETTERS[a]) + " = " + sums + (conjugated ? "conj(" + h + ")" : h)
                + "·x[" + in + "]";
    }

    /** A label as every formula writes it: its indices in brackets, comma-separated, {@code [0,-1,2]}. */
    public static String labelText(long[] label) {
        return labelText(label.length, a -> Long.toString(label[a]));
    }

    private static String labelText(int rank, IntFunction<String> index) {
        StringBuilder s = new StringBuilder("[");
        for (int a = 0; a < rank; a++) {
            s.append(a > 0 ? "," : "").append(index.apply(a));
        }
        return s.append(']').toString();
    }

    /**
     * This plan with another fill value: the same axes and indices, the padding of a fill boundary made of {@code value}
     * (the imaginary part of complex data pads with 0 where the real part pads with the fill value).
     */
    public Plan withFillValue(double value) {
        return value == spec.fillValue() ? this : new Plan(spec.withBoundary(spec.boundary(), value), axes);
    }

    /** Refuses a result with an output that is not finite, naming the first such output in the request's labels. */
    public void requireFinite(double[] y) {
        requireFinite(y, false);
    }

    /**
     * Refuses a result with an output that is not finite, naming the first such output and the precision it was computed
     * in ({@code single}: float32 or complex64's parts, which overflow beyond about 3.4e38).
     */
    public void requireFinite(double[] y, boolean single) {
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                throw new ResultNotRepresentableException("the result cannot be represented in " + (single ? "single precision (float32)"
                        : "double precision") + ": output "
                        + Arrays.toString(outputLabels(i)) + " is " + (Double.isNaN(y[i]) ? "NaN" : y[i] > 0 ? "+infinity" : "-infinity")
                        + " (scale the input or the kernel down)");
            }
        }
    }

    @Override
    public String toString() {
        return "Plan" + Arrays.toString(outputShape()) + " of " + spec;
    }
}
