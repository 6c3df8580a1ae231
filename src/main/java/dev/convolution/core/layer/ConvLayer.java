package dev.convolution.core.layer;

import dev.convolution.core.AxisPlan;
import dev.convolution.core.Boundary;
import dev.convolution.core.Grid;
import dev.convolution.core.Plan;
import dev.convolution.core.Term;
import dev.convolution.core.TraceEntry;
import dev.convolution.core.Tracer;
import dev.convolution.core.error.InvalidRequestException;
import dev.convolution.core.error.TraceTooLargeException;
import dev.convolution.core.parallel.Parallel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A convolution layer's values and traces, each a sum of the core's plans over channel pairs ({@link
 * LayerGeometry} says which plans). The forward pass: {@code y[n, co] = bias[co] + Σ_ci xcorr(x[n, ci], w[co, ci])};
 * the input gradient: {@code gx[n, ci] = fold(Σ_co conv(dilate(gy[n, co], stride), w[co, ci]))}; the weight
 * gradient: {@code gw[co, ci] = Σ_n xcorr(pad(x[n, ci]), dilate(gy[n, co], stride))[::dilation]}; the bias
 * gradient: {@code gb[co] = Σ gy[·, co, …]}. Channels {@code ci} run over the group of {@code co}. A transposed
 * convolution is the input gradient of its {@link LayerGeometry#transpose forward layer}.
 */
public final class ConvLayer {
    private static final Tracer TRACER = new Tracer();

    private ConvLayer() {
    }

    /**
     * The forward pass. {@code bias} may be null. Each (sample, group) is one {@link dev.convolution.core.Convolver#channelSums}
     * of the core: the group's output channels as sums over its input channels, under the one forward plan.
     */
    public static Tensor forward(LayerGeometry g, Tensor x, Tensor w, double[] bias, LayerOps ops) {
        Plan plan = g.forwardPlan(ops.limits());
        Tensor y = Tensor.zeros(g.outputShape());
        int block = y.blockSize();
        Grid[] weights = blocks(w);
        Grid[] inputs = blocks(x);
        int cin = g.inPerGroup();
        int cout = g.outPerGroup();
        Parallel.forEach(g.batch() * g.groups(), g.forwardMultiplyAdds(), job -> {
            int n = job / g.groups();
            int group = job % g.groups();
            Grid[] in = new Grid[cin];
            for (int c = 0; c < cin; c++) {
                in[c] = inputs[n * g.inChannels() + group * cin + c];
            }
            Grid[][] kernels = new Grid[cout][cin];
            for (int o = 0; o < cout; o++) {
                for (int c = 0; c < cin; c++) {
                    kernels[o][c] = weights[(group * cout + o) * cin + c];
                }
            }
            double[][] sums = ops.convolver().channelSums(plan, in, kernels, ops.method(), ops.deadline());
            for (int o = 0; o < cout; o++) {
                int co = group * cout + o;
                int base = y.blockStart(n, co);
                if (bias != null) {
                    Arrays.fill(y.values(), base, base + block, bias[co]);
                }
                add(y.values(), base, sums[o]);
            }
        });
        return y;
    }

    /**
     * The gradient of {@code (forward(x) · gy).sum()} with respect to the input (and the output of a transposed
     * convolution, whose input is {@code gy}). Each (sample, group) is one {@link dev.convolution.core.Convolver#channelSums}
     * of convolutions of the group's gradOutput channels with the weight, over the padded input, folded back onto it.
     */
    public static Tensor gradInput(LayerGeometry g, Tensor gy, Tensor w, LayerOps ops) {
        Plan plan = g.gradInputPlan(ops.limits());
        int[] fold = foldMap(g);
        Tensor gx = Tensor.zeros(g.inputShape());
        Grid[] weights = blocks(w);
        Grid[] grads = blocks(gy);
        int cin = g.inPerGroup();
        int cout = g.outPerGroup();
        Parallel.forEach(g.batch() * g.groups(), g.gradInputMultiplyAdds(), job -> {
            int n = job / g.groups();
            int group = job % g.groups();
            Grid[] in = new Grid[cout];
            for (int o = 0; o < cout; o++) {
                in[o] = grads[n * g.outChannels() + group * cout + o];
            }
            Grid[][] kernels = new Grid[cin][cout];
            for (int c = 0; c < cin; c++) {
                for (int o = 0; o < cout; o++) {
                    kernels[c][o] = weights[(group * cout + o) * cin + c];
                }
            }
            double[][] padded = ops.convolver().channelSums(plan, in, kernels, ops.method(), ops.deadline());
            double[] out = gx.values();
            for (int c = 0; c < cin; c++) {
                int base = gx.blockStart(n, group * cin + c);
                for (int q = 0; q < padded[c].length; q++) {
                    if (fold[q] >= 0) {
                        out[base + fold[q]] += padded[c][q];
                    }
                }
            }
        });
        return gx;
    }

    /**
     * A transposed convolution ({@code conv_transposeNd}): the input gradient of its forward layer ({@link
     * LayerGeometry#transpose}) for a gradOutput equal to {@code x}, plus the bias (may be null) on each output channel.
     */
    public static Tensor transpose(LayerGeometry g, Tensor x, Tensor w, double[] bias, LayerOps ops) {
        Tensor y = gradInput(g, x, w, ops);
        if (bias != null) {
            for (int n = 0; n < y.dim(0); n++) {
                for (int co = 0; co < y.dim(1); co++) {
                    int base = y.blockStart(n, co);
                    for (int i = 0; i < y.blockSize(); i++) {
                        y.values()[base + i] += bias[co];
                    }
                }
            }
        }
        return y;
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

    /**
     * The gradient of {@code (forward(x) · gy).sum()} with respect to the weight: per group, one {@link
     * dev.convolution.core.Convolver#channelSums} of cross-correlations of the input with gradOutput summed over the
     * batch, a set of inputs for each input channel, cropped to the kernel.
     */
    public static Tensor gradWeight(LayerGeometry g, Tensor x, Tensor gy, LayerOps ops) {
        Plan plan = g.gradWeightPlan(ops.limits());
        int[] crop = cropMap(plan, g.kernelSize());
        Tensor gw = Tensor.zeros(g.weightShape());
        Grid[] inputs = blocks(x);
        Grid[] grads = blocks(gy);
        int cin = g.inPerGroup();
        int cout = g.outPerGroup();
        for (int group = 0; group < g.groups(); group++) {
            Grid[][] sets = new Grid[cin][g.batch()];
            Grid[][] kernels = new Grid[cout][g.batch()];
            for (int n = 0; n < g.batch(); n++) {
                for (int c = 0; c < cin; c++) {
                    sets[c][n] = inputs[n * g.inChannels() + group * cin + c];
                }
                for (int o = 0; o < cout; o++) {
                    kernels[o][n] = grads[n * g.outChannels() + group * cout + o];
                }
            }
            double[][][] r = ops.convolver().channelSums(plan, sets, kernels, ops.method(), ops.deadline());
            for (int c = 0; c < cin; c++) {
                for (int o = 0; o < cout; o++) {
                    int base = gw.blockStart(group * cout + o, c);
                    for (int t = 0; t < crop.length; t++) {
                        gw.values()[base + t] = r[c][o][crop[t]];
                    }
                }
            }
        }
        return gw;
    }

    /** The gradient of {@code (forward(x) · gy).sum()} with respect to the bias: gy summed over the batch and space. */
    public static double[] gradBias(LayerGeometry g, Tensor gy) {
        double[] gb = new double[g.outChannels()];
        int block = gy.blockSize();
        for (int n = 0; n < g.batch(); n++) {
            for (int co = 0; co < g.outChannels(); co++) {
                int base = gy.blockStart(n, co);
                double s = 0;
                for (int i = 0; i < block; i++) {
                    s += gy.values()[base + i];
                }
                gb[co] += s;
            }
        }
        return gb;
    }

    // ---------------------------------------------------------------- traces

    /**
     * The terms of forward outputs {@code [n, co, o…]}: input × weight over the group's input channels, and the bias.
     * Every trace here takes null arrays when only shapes are known (explain): labels are the same, values NaN.
     */
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
            int flat = spatialFlat(at, g.outputSize());
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
        AxisPlan[] forward = g.forwardAxes();
        Boundary boundary = g.mode().boundary();
        List<LayerTraceEntry> entries = new ArrayList<>(labels.size());
        for (int l = 0; l < labels.size(); l++) {
            int[] at = resolve(field + "[" + l + "]", labels.get(l), g.inputShape());
            int n = at[0];
            int ci = at[1];
            int group = ci / g.inPerGroup();
            int c = ci % g.inPerGroup();
            List<LayerTerm> terms = new ArrayList<>();
            for (int[] q : paddedPositionsOf(forward, boundary, Arrays.copyOfRange(at, 2, at.length), g.padBefore())) {
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
                int flat = spatialFlat(q, g.paddedSize());
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
            int flat = spatialFlat(at, planCounts);
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
                    terms.add(new LayerTerm("gradOutput", lead(n, co, toLong(unflat(i, spatial))),
                            gy == null ? Double.NaN : gy.values()[gy.blockStart(n, co) + i],
                            null, null, Double.NaN, false, null, null));
                }
            }
            entries.add(new LayerTraceEntry(new long[] {co}, gb == null ? Double.NaN : gb[co], terms, -1, 0));
        }
        return entries;
    }

    // ---------------------------------------------------------------- index helpers

    /** Block {@code [a, b]} of a tensor, or null when only shapes are known (explain: the trace's values are then NaN). */
    private static Grid block(Tensor t, int a, int b) {
        return t == null ? null : t.block(a, b);
    }

    private static double at(Tensor t, int[] index) {
        return t == null ? Double.NaN : t.at(index);
    }

    /** For each padded position (flat, over the padded input), the input element (flat, spatial) whose value it holds, or -1. */
    private static int[] foldMap(LayerGeometry g) {
        AxisPlan[] axes = g.forwardAxes();
        Boundary boundary = g.mode().boundary();
        int[] padded = g.paddedSize();
        int size = Math.toIntExact(LayerGeometry.product(padded));
        int[] map = new int[size];
        for (int q = 0; q < size; q++) {
            int[] p = unflat(q, padded);
            int flat = 0;
            for (int a = 0; a < p.length && flat >= 0; a++) {
                int s = axes[a].source((long) p[a] - g.padBefore()[a], boundary);
                flat = s == Boundary.FILLED ? -1 : flat * g.inputSize()[a] + s;
            }
            map[q] = flat;
        }
        return map;
    }

    /** The padded positions (per axis, counted from the padded start) whose value input element {@code i} gives. */
    private static List<int[]> paddedPositionsOf(AxisPlan[] axes, Boundary boundary, int[] i, int[] padBefore) {
        List<int[]> perAxis = new ArrayList<>();
        for (int a = 0; a < axes.length; a++) {
            int[] hits = new int[axes[a].paddedLength()];
            int count = 0;
            for (int q = 0; q < axes[a].paddedLength(); q++) {
                if (axes[a].source((long) q - padBefore[a], boundary) == i[a]) {
                    hits[count++] = q;
                }
            }
            perAxis.add(Arrays.copyOf(hits, count));
        }
        List<int[]> out = new ArrayList<>();
        int[] pick = new int[axes.length];
        collect(perAxis, 0, pick, out);
        return out;
    }

    private static void collect(List<int[]> perAxis, int a, int[] pick, List<int[]> out) {
        if (a == perAxis.size()) {
            out.add(pick.clone());
            return;
        }
        for (int q : perAxis.get(a)) {
            pick[a] = q;
            collect(perAxis, a + 1, pick, out);
        }
    }

    /** For each weight tap (flat over {@code kernel}), its flat index among the plan's outputs. */
    private static int[] cropMap(Plan plan, int[] kernel) {
        int size = Math.toIntExact(LayerGeometry.product(kernel));
        int[] counts = new int[kernel.length];
        for (int a = 0; a < counts.length; a++) {
            counts[a] = plan.axis(a).count();
        }
        int[] map = new int[size];
        for (int t = 0; t < size; t++) {
            map[t] = spatialFlat(prepend2(unflat(t, kernel)), counts);
        }
        return map;
    }

    private static int[] prepend2(int[] v) {
        int[] out = new int[v.length + 2];
        System.arraycopy(v, 0, out, 2, v.length);
        return out;
    }

    /** The flat index of the spatial part of a full index (its axes from 2 on) in an array of the given spatial size. */
    private static int spatialFlat(int[] full, int[] spatial) {
        int offset = full.length - spatial.length;
        int flat = 0;
        for (int a = 0; a < spatial.length; a++) {
            flat = flat * spatial[a] + full[offset + a];
        }
        return flat;
    }

    private static int[] unflat(int flat, int[] dims) {
        int[] idx = new int[dims.length];
        for (int a = dims.length - 1; a >= 0; a--) {
            idx[a] = flat % dims[a];
            flat /= dims[a];
        }
        return idx;
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

    private static Grid[] blocks(Tensor t) {
        Grid[] g = new Grid[t.dim(0) * t.dim(1)];
        for (int a = 0; a < t.dim(0); a++) {
            for (int b = 0; b < t.dim(1); b++) {
                g[a * t.dim(1) + b] = t.block(a, b);
            }
        }
        return g;
    }

    private static void add(double[] into, int base, double[] values) {
        for (int i = 0; i < values.length; i++) {
            into[base + i] += values[i];
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
