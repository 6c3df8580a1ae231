package dev.convolution.core.layer;

import dev.convolution.core.Grid;
import dev.convolution.core.Plan;
import dev.convolution.core.Term;
import dev.convolution.core.TraceEntry;
import dev.convolution.core.Tracer;
import dev.convolution.core.error.InvalidRequestException;
import dev.convolution.core.error.TraceTooLargeException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The terms of a convolution layer's values: for each value asked for, the products that add up to it, each from the
 * core's trace ({@link Tracer}) of the plan {@link ConvLayer} sums, relabelled with the layer's arrays and channels.
 * Every trace takes null arrays when only shapes are known (explain): the labels are the same, the values NaN.
 */
public final class LayerTracer {
    private static final Tracer TRACER = new Tracer();

    private LayerTracer() {
    }

    /** The terms of forward outputs {@code [n, co, o…]}: input × weight over the group's input channels, and the bias. */
    public static List<LayerTraceEntry> traceForward(LayerGeometry g, List<long[]> labels, String field, long maxTerms, Tensor x,
            Tensor w, double[] bias, Tensor y, LayerOps ops) {
        requireTerms(field, labels.size(), (long) g.inPerGroup() * LayerGeometry.product(g.kernelSize()) + (bias == null ? 0 : 1),
                maxTerms);
        Plan plan = g.forwardPlan(ops.limits());
        List<LayerTraceEntry> entries = new ArrayList<>(labels.size());
        for (int l = 0; l < labels.size(); l++) {
            int[] at = resolve(field + "[" + l + "]", labels.get(l), g.outputShape());
            int n = at[0];
            int co = at[1];
            int flat = SpatialIndex.flat(at, g.outputSize());
            List<LayerTerm> terms = new ArrayList<>();
            int first = co / g.outPerGroup() * g.inPerGroup();
            for (int c = 0; c < g.inPerGroup(); c++) {
                int ci = first + c;
                TraceEntry e = TRACER.trace(plan, new int[] {flat}, block(x, n, ci), block(w, co, c)).get(0);
                for (Term t : e.terms()) {
                    terms.add(new LayerTerm("input", lead(n, ci, t.input()), t.inputValue(), "weight", lead(co, c, t.kernel()),
                            t.kernelValue(), t.padded(), t.source() == null ? null : lead(n, ci, t.source()), null));
                }
            }
            entries.add(new LayerTraceEntry(toLong(at), at(y, at), terms, bias == null ? -1 : co, bias == null ? 0 : bias[co]));
        }
        return entries;
    }

    /**
     * The terms of input-gradient elements {@code [n, ci, i…]}: every forward meeting of that element with a weight
     * tap, run backwards (gradOutput × weight); the taps appear flipped against the gradOutput positions, the
     * convolution of "correlation forward, convolution backward". An element the padding rule copied into the padding
     * also gets the terms of the padded positions it was copied to ({@code through}).
     */
    public static List<LayerTraceEntry> traceGradInput(LayerGeometry g, List<long[]> labels, String field, long maxTerms, Tensor gy,
            Tensor w, Tensor gx, LayerOps ops) {
        long copies = 1;
        for (int a = 0; a < g.spatialRank(); a++) {
            copies *= g.mode() == PaddingMode.ZEROS ? 1 : (g.paddedSize()[a] + g.inputSize()[a] - 1) / g.inputSize()[a];
        }
        requireTerms(field, labels.size(), (long) g.outPerGroup() * LayerGeometry.product(g.kernelSize()) * copies, maxTerms);
        Plan plan = g.gradInputPlan(ops.limits());
        LayerPadding padding = new LayerPadding(g);
        List<LayerTraceEntry> entries = new ArrayList<>(labels.size());
        for (int l = 0; l < labels.size(); l++) {
            int[] at = resolve(field + "[" + l + "]", labels.get(l), g.inputShape());
            int n = at[0];
            int ci = at[1];
            int group = ci / g.inPerGroup();
            int c = ci % g.inPerGroup();
            List<LayerTerm> terms = new ArrayList<>();
            for (int[] q : padding.positionsOf(Arrays.copyOfRange(at, 2, at.length))) {
                long[] through = null;
                for (int a = 0; a < q.length; a++) {
                    if (q[a] - g.padBefore()[a] != at[2 + a]) {
                        through = new long[q.length];
                        for (int b = 0; b < q.length; b++) {
                            through[b] = q[b] - g.padBefore()[b];
                        }
                        through = lead(n, ci, through);
                        break;
                    }
                }
                int flat = SpatialIndex.flat(q, g.paddedSize());
                for (int o = 0; o < g.outPerGroup(); o++) {
                    int co = group * g.outPerGroup() + o;
                    TraceEntry e = TRACER.trace(plan, new int[] {flat}, block(gy, n, co), block(w, co, c)).get(0);
                    for (Term t : e.terms()) {
                        // a position of the stride-dilated gradient that holds an element of it (not padding, not one of
                        // the zeros between its elements): a forward meeting
                        if (!t.padded()) {
                            long[] index = new long[t.input().length];
                            for (int a = 0; a < index.length; a++) {
                                index[a] = plan.axis(a).elementAt(t.input()[a]); // labels are positions (corner)
                            }
                            terms.add(new LayerTerm("gradOutput", lead(n, co, index), t.inputValue(), "weight", lead(co, c, t.kernel()),
                                    t.kernelValue(), false, null, through));
                        }
                    }
                }
            }
            entries.add(new LayerTraceEntry(toLong(at), at(gx, at), terms, -1, 0));
        }
        return entries;
    }

    /** The terms of weight-gradient elements {@code [co, ci_g, t…]}: input × gradOutput over the batch and the outputs. */
    public static List<LayerTraceEntry> traceGradWeight(LayerGeometry g, List<long[]> labels, String field, long maxTerms, Tensor x,
            Tensor gy, Tensor gw, LayerOps ops) {
        requireTerms(field, labels.size(), (long) g.batch() * LayerGeometry.product(g.outputSize()), maxTerms);
        Plan plan = g.gradWeightPlan(ops.limits());
        int[] planCounts = new int[g.spatialRank()];
        for (int a = 0; a < planCounts.length; a++) {
            planCounts[a] = plan.axis(a).count();
        }
        List<LayerTraceEntry> entries = new ArrayList<>(labels.size());
        for (int l = 0; l < labels.size(); l++) {
            int[] at = resolve(field + "[" + l + "]", labels.get(l), g.weightShape());
            int co = at[0];
            int c = at[1];
            int ci = co / g.outPerGroup() * g.inPerGroup() + c;
            int flat = SpatialIndex.flat(at, planCounts);
            List<LayerTerm> terms = new ArrayList<>();
            for (int n = 0; n < g.batch(); n++) {
                TraceEntry e = TRACER.trace(plan, new int[] {flat}, block(x, n, ci), block(gy, n, co)).get(0);
                for (Term t : e.terms()) {
                    terms.add(new LayerTerm("input", lead(n, ci, t.input()), t.inputValue(), "gradOutput", lead(n, co, t.kernel()),
                            t.kernelValue(), t.padded(), t.source() == null ? null : lead(n, ci, t.source()), null));
                }
            }
            entries.add(new LayerTraceEntry(toLong(at), at(gw, at), terms, -1, 0));
        }
        return entries;
    }

    /** The terms of bias-gradient elements {@code [co]}: every gradOutput element of that channel. */
    public static List<LayerTraceEntry> traceGradBias(LayerGeometry g, List<long[]> labels, String field, long maxTerms, Tensor gy,
            double[] gb) {
        requireTerms(field, labels.size(), (long) g.batch() * LayerGeometry.product(g.outputSize()), maxTerms);
        List<LayerTraceEntry> entries = new ArrayList<>(labels.size());
        int[] spatial = g.outputSize();
        int block = Math.toIntExact(LayerGeometry.product(spatial));
        for (int l = 0; l < labels.size(); l++) {
            int[] at = resolve(field + "[" + l + "]", labels.get(l), new int[] {g.outChannels()});
            int co = at[0];
            List<LayerTerm> terms = new ArrayList<>();
            for (int n = 0; n < g.batch(); n++) {
                for (int i = 0; i < block; i++) {
                    terms.add(new LayerTerm("gradOutput", lead(n, co, toLong(SpatialIndex.unflat(i, spatial))),
                            gy == null ? Double.NaN : gy.values()[gy.blockStart(n, co) + i],
                            null, null, Double.NaN, false, null, null));
                }
            }
            entries.add(new LayerTraceEntry(new long[] {co}, gb == null ? Double.NaN : gb[co], terms, -1, 0));
        }
        return entries;
    }

    /** The terms of transposed-convolution outputs: those of the input gradient they are, and the bias. */
    public static List<LayerTraceEntry> traceTranspose(LayerGeometry g, List<long[]> labels, String field, long maxTerms, Tensor x,
            Tensor w, double[] bias, Tensor y, LayerOps ops) {
        List<LayerTraceEntry> entries = new ArrayList<>();
        for (LayerTraceEntry e : traceGradInput(g, labels, field, maxTerms, x, w, y, ops)) {
            int co = (int) e.output()[1];
            entries.add(new LayerTraceEntry(e.output(), e.value(), e.terms(), bias == null ? -1 : co, bias == null ? 0 : bias[co]));
        }
        return entries;
    }


    /** Block {@code [a, b]} of a tensor, or null when only shapes are known (explain: the trace's values are then NaN). */
    private static Grid block(Tensor t, int a, int b) {
        return t == null ? null : t.block(a, b);
    }

    private static double at(Tensor t, int[] index) {
        return t == null ? Double.NaN : t.at(index);
    }

    /** A requested label checked against the array's shape. */
    private static int[] resolve(String field, long[] label, int[] shape) {
        if (label.length != shape.length) {
            throw new InvalidRequestException(field, "a label has one index per axis of the array it names: " + shape.length
                    + " for the shape " + Arrays.toString(shape) + "; got " + label.length);
        }
        int[] at = new int[label.length];
        for (int a = 0; a < label.length; a++) {
            if (label[a] < 0 || label[a] >= shape[a]) {
                throw new InvalidRequestException(field, "index " + label[a] + " on axis " + a + " is outside the array of shape "
                        + Arrays.toString(shape) + " (0 to " + (shape[a] - 1) + ")");
            }
            at[a] = (int) label[a];
        }
        return at;
    }

    private static void requireTerms(String field, long outputs, long termsEach, long maxTerms) {
        long terms = outputs * termsEach;
        if (terms > maxTerms || outputs != 0 && terms / outputs != termsEach) {
            throw new TraceTooLargeException(field, "the trace would list up to " + terms + " terms (" + outputs + " values × "
                    + termsEach + "); the limit is " + maxTerms + " terms: list fewer values");
        }
    }

    private static long[] lead(int a, int b, long[] rest) {
        long[] out = new long[rest.length + 2];
        out[0] = a;
        out[1] = b;
        System.arraycopy(rest, 0, out, 2, rest.length);
        return out;
    }

    private static long[] toLong(int[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }
}
