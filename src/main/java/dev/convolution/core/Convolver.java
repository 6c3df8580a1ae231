package dev.convolution.core;

import dev.convolution.core.auto.MethodChooser;
import dev.convolution.core.channel.ChannelConvolver;
import dev.convolution.core.direct.DirectConvolver;
import dev.convolution.core.fft.FftConvolver;
import dev.convolution.core.fft.FloatFft;
import dev.convolution.core.operand.AppliedKernel;
import dev.convolution.core.operand.Padder;
import dev.convolution.core.parallel.Parallel;
import dev.convolution.core.type.ElementType;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * Runs a planned operation with the requested method, keeping the contract's promises: integer
 * data give exact integers whatever the method, and a result that overflows is refused.
 */
public final class Convolver {
    private final DirectConvolver direct = new DirectConvolver();
    private final ChannelConvolver channels = new ChannelConvolver();
    private final FftConvolver fft = new FftConvolver();
    private final MethodChooser chooser = new MethodChooser(direct);

    /** The direct method's innermost loop on this runtime: {@code vector-<lanes>} (SIMD) or {@code scalar}. */
    public String directLoop() {
        return direct.loopName();
    }

    /**
     * Runs {@code task.accept(i)} for {@code i = 0 … count−1} on the core's shared pool (one worker a core, shared with
     * every computation), or in order on this thread when there is one core: the pool lent to work outside the core that
     * is worth both cores and small enough to wait for, such as reading and writing a large body's numbers.
     */
    public static void spread(int count, IntConsumer task) {
        Parallel.forEach(count, Long.MAX_VALUE, task);
    }

    /** {@link #spread} started, not waited for: the returned join waits (and rethrows the first failure). */
    public static Runnable fork(int count, IntConsumer task) {
        return Parallel.fork(count, task);
    }

    /**
     * The method for complex data: the requested one, or auto's choice priced for complex sums, whose direct method
     * takes four real products a tap (in float vectors for complex64's parts: {@code single}) and whose FFT takes complex
     * transforms in double, about two real ones.
     */
    public Method complexMethod(Plan plan, Method requested, boolean single) {
        if (requested != Method.AUTO) {
            return requested;
        }
        return 2 * chooser.fftCost(plan) < 4 * chooser.directCost(plan, single) ? Method.FFT : Method.DIRECT;
    }

    /** Computes the output of a plan with the requested method ({@code AUTO} chooses), with no time budget. */
    public Result compute(Plan plan, Grid x, Grid h, Method requested) {
        return compute(plan, x, h, requested, Deadline.none());
    }

    /** Computes the output of a plan within a time budget. */
    public Result compute(Plan plan, Grid x, Grid h, Method requested, Deadline deadline) {
        requireShapes(plan, x, h);
        double[] g = AppliedKernel.of(plan, h);
        // the kernel first: it is small, and a kernel that is not integral spares the input's scan
        boolean integers = h.allIntegers() && x.allIntegers() && Padder.paddingIsInteger(plan);
        double[][] factors = DirectConvolver.separableFactors(plan, g, integers);
        if (factors != null && !chooser.separableIsCheaper(plan)) {
            factors = null; // the full direct loop is faster than the passes for this kernel
        }
        Method method = requested == Method.AUTO ? chooser.choose(plan, factors != null) : requested;
        double[] y = null;
        if (method == Method.FFT) {
            double[] xp = Padder.pad(plan, x);
            if (!FftConvolver.mayOverflow(plan, xp, g)) {
                y = integers ? fft.computeIntegers(plan, xp, g, deadline) : fft.compute(plan, xp, g, deadline);
            }
            if (y == null) {
                method = Method.DIRECT; // the FFT could not keep the contract (exactness, overflow)
            }
        }
        if (y == null) {
            y = direct.compute(plan, x, g, integers, factors, deadline); // checks its outputs are finite
        } else {
            plan.requireFinite(y);
        }
        return new Result(plan, y, method, g, integers);
    }

    /**
     * Computes the output of a plan for data of an element type: float32 data are rounded to float and computed in
     * float ({@link #compute(Plan, float[], float[], Method, Deadline)}), the output's values being floats; other types
     * as {@link #compute(Plan, Grid, Grid, Method, Deadline)}. Refuses an output that overflows (to infinity in float).
     */
    public Result compute(Plan plan, Grid x, Grid h, Method requested, Deadline deadline, ElementType type) {
        if (type != ElementType.FLOAT32) {
            return compute(plan, x, h, requested, deadline);
        }
        requireShapes(plan, x, h);
        float[] hf = narrow(h.values());
        Single s = single(plan, narrow(x.values()), hf, requested, deadline, null);
        double[] out = widen(s.y());
        double[] g = new double[hf.length];
        float[] gf = applied(plan, hf);
        for (int i = 0; i < g.length; i++) {
            g[i] = gf[i];
        }
        return new Result(plan, out, s.method(), g, false);
    }

    /**
     * Computes the output of float32 data in float32 arithmetic: the input and the kernel (row-major, as {@link Grid}
     * holds them) and the output in floats. {@code DIRECT} sums in float vectors (twice the lanes of doubles); {@code AUTO}
     * prices the methods for float. Where float sums could leave the contract's float32 bound (a kernel of thousands of
     * taps summed directly) the sums run in double and are rounded, which is better. Refuses an output that overflows.
     */
    public float[] compute(Plan plan, float[] x, float[] h, Method requested, Deadline deadline) {
        if (x.length != Shape.of(plan.inputShape()).size() || h.length != plan.kernelSize()) {
            throw new IllegalArgumentException("the plan was made for other shapes");
        }
        return single(plan, x, h, requested, deadline, null).y();
    }

    /** A float32 output and the method that computed it. */
    public record Single(float[] y, Method method) {
    }

    /** {@link #compute(Plan, float[], float[], Method, Deadline)} with the method that computed it. */
    public Single computeSingle(Plan plan, float[] x, float[] h, Method requested, Deadline deadline) {
        return computeSingle(plan, x, h, requested, deadline, null);
    }

    /**
     * The same, the output stored in {@code into} where the method allows it (the direct method's tiles, when
     * {@code into} holds exactly the output; every value is stored, none read first), in a new array otherwise: for block
     * after block of one shape, each handed on before the next is computed.
     */
    public Single computeSingle(Plan plan, float[] x, float[] h, Method requested, Deadline deadline, float[] into) {
        if (x.length != Shape.of(plan.inputShape()).size() || h.length != plan.kernelSize()) {
            throw new IllegalArgumentException("the plan was made for other shapes");
        }
        return single(plan, x, h, requested, deadline, into);
    }

    private Single single(Plan plan, float[] x, float[] h, Method requested, Deadline deadline, float[] into) {
        float[] gf = applied(plan, h);
        double[] g = new double[gf.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = gf[i];
        }
        boolean floatSums = DirectConvolver.floatApplies(plan);
        float[][] factors = DirectConvolver.floatFactors(DirectConvolver.separableFactors(plan, g, false));
        if (factors != null && !chooser.separableIsCheaper(plan, true)) {
            factors = null;
        }
        Method method = requested == Method.AUTO ? chooser.choose(plan, factors != null, true) : requested;
        if (method == Method.FFT) {
            float[] xpf = Padder.pad(plan, x);
            if (FloatFft.keepsTheBound(plan, xpf, gf)) {
                return new Single(checked(plan, FloatFft.compute(plan, xpf, gf, deadline)), Method.FFT);
            }
            double[] xp = widen(xpf); // the transforms in double where float's cannot be proven within the bound
            if (!FftConvolver.mayOverflow(plan, xp, g)) {
                return new Single(rounded(plan, fft.compute(plan, xp, g, deadline)), Method.FFT);
            }
        }
        if (factors == null && !floatSums) {
            double[] y = direct.compute(plan, Grid.of(widen(x), plan.inputShape()), g, false, null, deadline);
            return new Single(rounded(plan, y), Method.DIRECT);
        }
        return new Single(direct.compute32(plan, x, gf, factors, deadline, into), Method.DIRECT);
    }

    /** The kernel as it meets the input ({@link AppliedKernel}), in floats. */
    private static float[] applied(Plan plan, float[] h) {
        if (!plan.spec().flipsKernel()) {
            return h.clone();
        }
        float[] g = new float[h.length];
        for (int i = 0; i < h.length; i++) {
            g[i] = h[h.length - 1 - i];
        }
        return g;
    }

    /** Double sums rounded to float, refused where a value is not finite in float. */
    private static float[] rounded(Plan plan, double[] y) {
        return checked(plan, narrow(y));
    }

    /** The float output, refused where a value is not finite. */
    private static float[] checked(Plan plan, float[] y) {
        for (float v : y) {
            if (!Float.isFinite(v)) {
                plan.requireFinite(widen(y), true);
            }
        }
        return y;
    }

    /** Values converted over the shared pool when there are many ({@link Parallel#forRanges}). */
    private static float[] narrow(double[] v) {
        float[] f = new float[v.length];
        Parallel.forRanges(v.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                f[i] = (float) v[i];
            }
        });
        return f;
    }

    private static double[] widen(float[] v) {
        double[] d = new double[v.length];
        Parallel.forRanges(v.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                d[i] = v[i];
            }
        });
        return d;
    }

    /**
     * The sums over pairs that a CNN layer is made of: for each output o, {@code Σ_i compute(plan, inputs[i], kernels[o][i])},
     * all pairs under one plan. Where the direct method would run each pair, it runs them together ({@link
     * ChannelConvolver#sumsAlongRuns}: each input padded once, eight outputs summed from each value read); otherwise, and
     * where integer sums could leave the range in which doubles are exact, pair by pair as {@link #compute} runs them.
     */
    public double[][] channelSums(Plan plan, Grid[] inputs, Grid[][] kernels, Method requested, Deadline deadline) {
        return channelSums(plan, new Grid[][] {inputs}, kernels, requested, deadline)[0];
    }

    /**
     * {@link #channelSums(Plan, Grid[], Grid[][], Method, Deadline)} for several sets of inputs that meet the same
     * kernels ({@code y[s][o] = Σ_i compute(plan, inputSets[s][i], kernels[o][i])}; a layer's weight gradient, one set per
     * input channel), the kernels prepared once.
     */
    public double[][][] channelSums(Plan plan, Grid[][] inputSets, Grid[][] kernels, Method requested, Deadline deadline) {
        return channelSums(plan, inputSets, kernels, requested, deadline, ElementType.FLOAT64);
    }

    /**
     * {@link #channelSums(Plan, Grid[][], Grid[][], Method, Deadline)} computed in {@code type}: FLOAT32 (values that are
     * floats) sums in float vectors where {@link ChannelConvolver#appliesInFloat} says the contract's bound holds,
     * and in double elsewhere (the dot products of a weight gradient, very long sums), the results then floats or
     * doubles to be rounded; any other type as FLOAT64.
     */
    public double[][][] channelSums(Plan plan, Grid[][] inputSets, Grid[][] kernels, Method requested, Deadline deadline,
            ElementType type) {
        int outputs = kernels.length;
        int inputs = inputSets[0].length;
        boolean together = together(plan, inputs, requested);
        if (together && type == ElementType.FLOAT32 && ChannelConvolver.appliesInFloat(plan, inputs)) {
            return inFloat(plan, inputSets, kernels, deadline);
        }
        double[][][] g = new double[outputs][inputs][];
        boolean integers = together;
        double maxX = 0;
        double maxSumG = 0;
        for (int o = 0; o < outputs && together; o++) {
            double sumG = 0;
            for (int i = 0; i < inputs; i++) {
                g[o][i] = AppliedKernel.of(plan, kernels[o][i]);
                integers &= kernels[o][i].allIntegers();
                for (double v : g[o][i]) {
                    sumG += Math.abs(v);
                }
            }
            maxSumG = Math.max(maxSumG, sumG);
        }
        for (Grid[] set : inputSets) {
            for (int o = 0; o < outputs; o++) {
                for (int i = 0; i < inputs; i++) {
                    requireShapes(plan, set[i], kernels[o][i]);
                }
            }
        }
        if (together && integers) {
            for (Grid[] set : inputSets) {
                for (Grid x : set) {
                    integers &= x.allIntegers();
                    for (double v : x.values()) {
                        maxX = Math.max(maxX, Math.abs(v));
                    }
                }
            }
            // integer data stay exact while every product and partial sum stays below 2^53 (padding is 0 or input values)
            together = !integers || !Padder.paddingIsInteger(plan) || maxX * maxSumG * (1 + 0x1p-40) < 0x1p53;
        }
        if (together && ChannelConvolver.alongTaps(plan)) {
            double[][][] xp = new double[inputSets.length][inputs][];
            for (int s = 0; s < inputSets.length; s++) {
                for (int i = 0; i < inputs; i++) {
                    xp[s][i] = Padder.pad(plan, inputSets[s][i]);
                }
            }
            return channels.sumsAlongTaps(plan, xp, g, deadline);
        }
        if (together) {
            // a set's inputs padded one after another in one array, so that an output's terms are one loop
            int size = ChannelConvolver.paddedSize(plan);
            double[][] xp = new double[inputSets.length][inputs * size];
            for (int s = 0; s < inputSets.length; s++) {
                for (int i = 0; i < inputs; i++) {
                    Padder.padInto(plan, inputSets[s][i], xp[s], i * size);
                }
            }
            return channels.sumsAlongRuns(plan, xp, g, deadline);
        }
        double[][][] y = new double[inputSets.length][outputs][plan.outputSize()];
        for (int s = 0; s < inputSets.length; s++) {
            for (int o = 0; o < outputs; o++) {
                for (int i = 0; i < inputs; i++) {
                    double[] r = compute(plan, inputSets[s][i], kernels[o][i], requested, deadline).output();
                    for (int k = 0; k < r.length; k++) {
                        y[s][o][k] += r[k];
                    }
                }
            }
        }
        return y;
    }

    /** True when the pairs of a channel-sums call are summed together ({@link ChannelConvolver}), not pair by pair. */
    private boolean together(Plan plan, int inputs, Method requested) {
        boolean together = requested != Method.FFT && ChannelConvolver.applies(plan)
                && (requested == Method.DIRECT || chooser.choose(plan, false) == Method.DIRECT);
        // along runs a set's inputs lie in one array (at most 2^31 elements; beyond that, pair by pair)
        return together && (ChannelConvolver.alongTaps(plan) || (long) inputs * ChannelConvolver.paddedSize(plan) <= Integer.MAX_VALUE - 64);
    }

    /**
     * {@link #channelSums(Plan, Grid[][], Grid[][], Method, Deadline, ElementType)} from a layer's tensors to its tensors
     * (the forward pass): input i of set s is held row-major in {@code x} from {@code xAt[s][i]} (a block of the input
     * tensor), and output o of set s is written to {@code out} from {@code outAt[s][o]} (a block of the output tensor),
     * each value {@code start[o] + sum} (the bias, or +0.0); the kernel of output o and input i is held row-major in {@code
     * w} from {@code wAt[o][i]} (a block of the weight tensor). float32 sums in float vectors read the blocks in place and
     * write straight into {@code out}, set after set, the kernels prepared once from the weight tensor; otherwise the sets
     * run as {@link #channelSums} runs them, each set's blocks and the kernels copied out.
     */
    public void channelSumsInto(Plan plan, double[] x, int[][] xAt, double[] w, int[][] wAt, Method requested, Deadline deadline,
            ElementType type, double[] start, double[] out, int[][] outAt) {
        int outputs = wAt.length;
        int inputs = wAt[0].length;
        int inputSize = inputSize(plan);
        int taps = plan.kernelSize();
        for (int[] row : wAt) {
            for (int at : row) {
                Objects.checkFromIndexSize(at, taps, w.length);
            }
        }
        for (int[] set : xAt) {
            for (int at : set) {
                Objects.checkFromIndexSize(at, inputSize, x.length);
            }
        }
        for (int[] set : outAt) {
            for (int at : set) {
                Objects.checkFromIndexSize(at, plan.outputSize(), out.length);
            }
        }
        if (type == ElementType.FLOAT32 && together(plan, inputs, requested) && ChannelConvolver.appliesInFloat(plan, inputs)) {
            channels.sumsInFloatInto(plan, x, xAt, ChannelConvolver.appliedInFloat(plan, w, wAt), start, out, outAt, deadline);
            return;
        }
        int[] kernelShape = plan.kernelShape();
        Grid[][] kernels = new Grid[outputs][inputs];
        for (int o = 0; o < outputs; o++) {
            for (int i = 0; i < inputs; i++) {
                kernels[o][i] = Grid.of(Arrays.copyOfRange(w, wAt[o][i], wAt[o][i] + taps), kernelShape);
            }
        }
        Parallel.forEach(xAt.length, (long) xAt.length * outputs * inputs * plan.outputSize(), s -> {
            Grid[] set = new Grid[inputs];
            for (int i = 0; i < inputs; i++) {
                // copied here, on the set's thread, just before it is padded
                set[i] = Grid.of(Arrays.copyOfRange(x, xAt[s][i], xAt[s][i] + inputSize), plan.inputShape());
            }
            double[][] sums = channelSums(plan, new Grid[][] {set}, kernels, requested, deadline, type)[0];
            for (int o = 0; o < outputs; o++) {
                double b = start[o];
                double[] sum = sums[o];
                for (int k = 0, at = outAt[s][o]; k < sum.length; k++) {
                    out[at + k] = b + sum[k]; // the output starts at the bias (or +0.0) and adds the sum, in one pass
                }
            }
        });
    }

    /** The channel sums in float: the inputs padded into floats and the kernels applied and narrowed (exactly). */
    private double[][][] inFloat(Plan plan, Grid[][] inputSets, Grid[][] kernels, Deadline deadline) {
        int outputs = kernels.length;
        int inputs = inputSets[0].length;
        float[][][] g = ChannelConvolver.appliedInFloat(plan, kernels);
        for (Grid[] set : inputSets) {
            for (int o = 0; o < outputs; o++) {
                for (int i = 0; i < inputs; i++) {
                    requireShapes(plan, set[i], kernels[o][i]);
                }
            }
        }
        // set by set, each set's inputs padded just before they are read
        double[][][] y = new double[inputSets.length][][];
        for (int s = 0; s < inputSets.length; s++) {
            double[][] x = new double[inputs][];
            for (int i = 0; i < inputs; i++) {
                x[i] = inputSets[s][i].values();
            }
            y[s] = channels.padAndSumInFloat(plan, x, g, deadline);
        }
        return y;
    }

    /** Elements of the plan's input. */
    private static int inputSize(Plan plan) {
        int size = 1;
        for (int n : plan.inputShape()) {
            size = Math.multiplyExact(size, n);
        }
        return size;
    }

    private static void requireShapes(Plan plan, Grid x, Grid h) {
        if (x.rank() != plan.rank()) {
            throw new IllegalArgumentException("the plan was made for other shapes");
        }
        for (int a = 0; a < plan.rank(); a++) {
            if (x.shape().dim(a) != plan.axis(a).n()) {
                throw new IllegalArgumentException("the plan was made for other shapes");
            }
        }
        requireKernelShape(plan, h);
    }

    private static void requireKernelShape(Plan plan, Grid h) {
        if (h.rank() != plan.rank()) {
            throw new IllegalArgumentException("the plan was made for other shapes");
        }
        for (int a = 0; a < plan.rank(); a++) {
            if (h.shape().dim(a) != plan.axis(a).taps()) {
                throw new IllegalArgumentException("the plan was made for other shapes");
            }
        }
    }
}
