package dev.convolution.core;

import dev.convolution.core.error.ResultNotRepresentableException;
import dev.convolution.core.error.InvalidRequestException;
import dev.convolution.core.error.LimitExceededException;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Spec} applied to an input shape and a kernel shape: the index algebra of both axes
 * (a 1D problem has a {@link AxisPlan#unit() unit} row axis), plus the limits already checked.
 */
public record Plan(Spec spec, int rank, AxisPlan rows, AxisPlan cols) {

    /**
     * Plans a problem.
     *
     * @param kernelField the request field of the kernel, for messages ({@code kernel})
     * @param maxPaddedElements the largest padded input allowed (413 above)
     * @param maxOutputElements the largest output allowed (413 above)
     */
    public static Plan of(Spec spec, int rank, int inputRows, int inputCols, int kernelRows, int kernelCols,
            long maxPaddedElements, long maxOutputElements) {
        if (rank == 1 && (spec.rowStride() != 1 || spec.rowDilation() != 1 || inputRows != 1 || kernelRows != 1)) {
            throw new IllegalArgumentException("a 1D plan has a unit row axis");
        }
        boolean flipped = spec.flipsKernel();
        boolean reversed = spec.reversesOutput();
        String rowField = "rows";
        String colField = rank == 1 ? "" : "columns";
        AxisPlan rowPlan = rank == 1 ? AxisPlan.unit()
                : AxisPlan.of(rowField, inputRows, kernelRows, spec.rowDilation(), spec.rowStride(), spec.mode(), flipped,
                        reversed, maxPaddedElements);
        AxisPlan colPlan = AxisPlan.of(colField, inputCols, kernelCols, spec.colDilation(), spec.colStride(), spec.mode(),
                flipped, reversed, maxPaddedElements);
        long padded = (long) rowPlan.paddedLength() * colPlan.paddedLength();
        if (padded > maxPaddedElements) {
            throw new LimitExceededException("kernel", "the padded input would have " + padded
                    + " elements; the limit is " + maxPaddedElements + " (use a smaller kernel or dilation, or mode valid)");
        }
        long outputs = (long) rowPlan.count() * colPlan.count();
        if (outputs > maxOutputElements) {
            throw new LimitExceededException("mode", "the output would have " + outputs
                    + " elements; the limit is " + maxOutputElements + " (use mode same or valid, or a stride)");
        }
        return new Plan(spec, rank, rowPlan, colPlan);
    }

    public int outputSize() {
        return rows.count() * cols.count();
    }

    public int kernelSize() {
        return rows.taps() * cols.taps();
    }

    /** Output shape as the client sees it. */
    public int[] outputShape() {
        return rank == 1 ? new int[] {cols.count()} : new int[] {rows.count(), cols.count()};
    }

    /** The label of the first output on each axis. */
    public long[] outputStart() {
        IndexOrigin o = spec.origin();
        return rank == 1 ? new long[] {cols.outputLabel(0, o)} : new long[] {rows.outputLabel(0, o), cols.outputLabel(0, o)};
    }

    public int[] strides() {
        return rank == 1 ? new int[] {cols.stride()} : new int[] {rows.stride(), cols.stride()};
    }

    /** Labels of output (r, c) in the request's labels. */
    public long[] outputLabels(int r, int c) {
        IndexOrigin o = spec.origin();
        return rank == 1 ? new long[] {cols.outputLabel(c, o)} : new long[] {rows.outputLabel(r, o), cols.outputLabel(c, o)};
    }

    /** Labels of input position (pr, pc). */
    public long[] inputLabels(long pr, long pc) {
        IndexOrigin o = spec.origin();
        return rank == 1 ? new long[] {cols.inputLabel(pc, o)} : new long[] {rows.inputLabel(pr, o), cols.inputLabel(pc, o)};
    }

    /** Labels of kernel index (kr, kc). */
    public long[] kernelLabels(int kr, int kc) {
        IndexOrigin o = spec.origin();
        return rank == 1 ? new long[] {cols.kernelLabel(kc, o)} : new long[] {rows.kernelLabel(kr, o), cols.kernelLabel(kc, o)};
    }

    /**
     * Resolves requested output labels to output indices {@code {r, c}}.
     *
     * @param field the request field, for messages ({@code trace.outputs})
     */
    public List<int[]> resolveOutputs(String field, List<long[]> labels) {
        List<int[]> out = new ArrayList<>(labels.size());
        IndexOrigin o = spec.origin();
        for (int q = 0; q < labels.size(); q++) {
            long[] label = labels.get(q);
            String path = field + "[" + q + "]";
            if (label == null || label.length != rank) {
                throw new InvalidRequestException(path, "an output label has " + rank + (rank == 1 ? " index" : " indices")
                        + " for this request; got " + (label == null ? "none" : label.length));
            }
            int r = rank == 1 ? 0 : rows.outputIndexOf(label[0], o);
            int c = cols.outputIndexOf(label[rank - 1], o);
            if (r < 0 || c < 0) {
                throw new InvalidRequestException(path, "not an output label: " + java.util.Arrays.toString(label)
                        + "; the outputs are " + describeLabels());
            }
            out.add(new int[] {r, c});
        }
        return out;
    }

    private String describeLabels() {
        IndexOrigin o = spec.origin();
        StringBuilder s = new StringBuilder();
        AxisPlan[] axes = rank == 1 ? new AxisPlan[] {cols} : new AxisPlan[] {rows, cols};
        for (int a = 0; a < axes.length; a++) {
            AxisPlan ax = axes[a];
            if (a > 0) {
                s.append(" × ");
            }
            s.append(ax.outputLabel(0, o)).append("…").append(ax.outputLabel(ax.count() - 1, o));
            if (ax.stride() > 1) {
                s.append(" in steps of ").append(ax.stride());
            }
        }
        return s.toString();
    }

    /** The exact form of the operation in the request's labels, such as {@code y[m] = Σ_k h[k]·x[m+1−k]}. */
    public String formula() {
        IndexOrigin o = spec.origin();
        if (rank == 1) {
            return "y[m] = Σ_k h[k]·x[" + cols.inputIndexText("m", "k", o) + "]";
        }
        return "y[m,n] = Σ_k Σ_l h[k,l]·x[" + rows.inputIndexText("m", "k", o) + ", " + cols.inputIndexText("n", "l", o) + "]";
    }

    /** Refuses a result with an output that is not finite, naming the first such output. */
    public void requireFinite(double[] y) {
        int width = cols.count();
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                long[] label = outputLabels(i / width, i % width);
                throw new dev.convolution.core.error.ResultNotRepresentableException("the result cannot be represented in double precision: output "
                        + java.util.Arrays.toString(label) + " is " + (Double.isNaN(y[i]) ? "NaN" : y[i] > 0 ? "+infinity" : "-infinity")
                        + " (scale the input or the kernel down)");
            }
        }
    }
}
