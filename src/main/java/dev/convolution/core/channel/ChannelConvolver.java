package dev.convolution.core.channel;

import dev.convolution.core.Deadline;
import dev.convolution.core.Grid;
import dev.convolution.core.Plan;
import dev.convolution.core.operand.AppliedKernel;
import dev.convolution.core.parallel.Parallel;

/**
 * The direct sums of a CNN layer: many (input, kernel) pairs under one plan, added up per output, {@code y[o] = Σ_i
 * (xp[i] ⋆ g[o][i])} over padded inputs made once ({@code ChannelSums}), for each set of inputs {@code xp[s]}. The same
 * sums the direct method takes pair by pair, so the same index algebra: the plan's.
 */
public final class ChannelConvolver {
    private final ChannelLoop loop;
    private final FloatChannelLoop floatLoop;

    /** With the loops this runtime runs best. */
    public ChannelConvolver() {
        this(ChannelLoop.preferred(), FloatChannelLoop.preferred());
    }

    /** With the given innermost loop of double sums (tests). */
    public ChannelConvolver(ChannelLoop loop) {
        this(loop, FloatChannelLoop.preferred());
    }

    /** With the given innermost loop of float sums (tests). */
    public ChannelConvolver(FloatChannelLoop floatLoop) {
        this(ChannelLoop.preferred(), floatLoop);
    }

    private ChannelConvolver(ChannelLoop loop, FloatChannelLoop floatLoop) {
        this.loop = loop;
        this.floatLoop = floatLoop;
    }

    /** True when the channel sums take the plan: the last axis has stride 1 and no output is reversed. */
    public static boolean applies(Plan plan) {
        return ChannelSums.applies(plan);
    }

    /** True when the plan's outputs are summed as dot products along the taps (few outputs, long kernels). */
    public static boolean alongTaps(Plan plan) {
        return ChannelSums.alongTaps(plan);
    }

    /**
     * The sums along runs of the outputs ({@link #alongTaps} false), eight outputs at a time. Not for integer data whose
     * sums may leave the range where doubles are exact.
     *
     * @param xp the padded inputs of each set one after another ({@link dev.convolution.core.operand.Padder#padInto}),
     *     {@code xp[s]}, input {@code i} from {@code i ·} {@link #paddedSize}
     * @param g applied kernels ({@link dev.convolution.core.operand.AppliedKernel#of}), {@code g[o][i]}
     * @return {@code y[s][o]}
     */
    public double[][][] sumsAlongRuns(Plan plan, double[][] xp, double[][][] g, Deadline deadline) {
        return ChannelSums.alongRuns(plan, xp, g, deadline, loop);
    }

    /**
     * The sums as dot products along the taps ({@link #alongTaps} true). Not for integer data whose sums may leave the
     * range where doubles are exact.
     *
     * @param xp padded inputs ({@link dev.convolution.core.operand.Padder#pad}), {@code xp[s][i]} for set s and input i
     * @param g applied kernels, {@code g[o][i]}
     * @return {@code y[s][o]}
     */
    public double[][][] sumsAlongTaps(Plan plan, double[][][] xp, double[][][] g, Deadline deadline) {
        return ChannelSums.alongTaps(plan, xp, g, deadline, loop);
    }

    /** True when {@link #sumsInFloat} takes the plan with this many inputs ({@link FloatChannelSums#applies}). */
    public static boolean appliesInFloat(Plan plan, int inputs) {
        return FloatChannelSums.applies(plan, inputs);
    }

    /**
     * The applied kernels {@code kernels[o][i]} narrowed to float (exactly, for float32 data), {@code g[o][i]}, as {@link
     * #sumsInFloat} takes them, the outputs spread over the pool.
     */
    public static float[][][] appliedInFloat(Plan plan, Grid[][] kernels) {
        return appliedInFloat(plan, kernels.length, kernels[0].length,
                (o, i) -> AppliedKernel.inFloat(plan, kernels[o][i].values(), 0, kernels[o][i].values().length));
    }

    /**
     * {@link #appliedInFloat(Plan, Grid[][])} of kernels held in a layer's weight tensor {@code w}, kernel (o, i) row-major
     * from {@code wAt[o][i]}, read in place: a wide layer's are many (512 × 512), and copying each into a grid of its own
     * first took longer than the sums.
     */
    public static float[][][] appliedInFloat(Plan plan, double[] w, int[][] wAt) {
        int taps = plan.kernelSize();
        return appliedInFloat(plan, wAt.length, wAt[0].length, (o, i) -> AppliedKernel.inFloat(plan, w, wAt[o][i], taps));
    }

    /** Kernel (o, i) applied and narrowed. */
    private interface Applied {
        float[] of(int o, int i);
    }

    private static float[][][] appliedInFloat(Plan plan, int outputs, int inputs, Applied applied) {
        float[][][] g = new float[outputs][inputs][];
        Parallel.forEach(outputs, (long) outputs * inputs * plan.kernelSize(), o -> {
            for (int i = 0; i < inputs; i++) {
                g[o][i] = applied.of(o, i);
            }
        });
        return g;
    }

    /** Elements of one padded input of the plan. */
    public static int paddedSize(Plan plan) {
        return ChannelSums.paddedSize(plan);
    }

    /**
     * The sums in single precision (float32 layers), eight outputs at a time in float vectors ({@link FloatChannelLoop}),
     * where {@link #appliesInFloat} says so.
     *
     * @param xp the padded inputs of each set one after another, {@code xp[s]}, input {@code i} from {@code i ·}
     *     {@link #paddedSize}
     * @param g applied kernels, {@code g[o][i]}
     * @return {@code y[s][o]}, each a sum in float, widened
     */
    public double[][][] sumsInFloat(Plan plan, float[][] xp, float[][][] g, Deadline deadline) {
        return FloatChannelSums.compute(plan, xp, g, deadline, floatLoop);
    }

    /**
     * {@link #sumsInFloat} of one set from its inputs' values, unpadded ({@code x[i]}, row-major, float32 values held as
     * doubles): padded into floats here, by the jobs that read them where they can ({@link FloatChannelSums#computeSet}).
     *
     * @return {@code y[o]}
     */
    public double[][] padAndSumInFloat(Plan plan, double[][] x, float[][][] g, Deadline deadline) {
        return FloatChannelSums.computeSet(plan, x, g, deadline, floatLoop);
    }

    /**
     * {@link #sumsInFloat} from a layer's tensors to its tensors: input i of set s is float32 values held as doubles,
     * row-major from {@code xAt[s][i]} in {@code x}; output o of set s goes to {@code out} from {@code outAt[s][o]}, each
     * value {@code start[o] + sum}. Each set is padded into floats just before it is read and its sums go straight into
     * {@code out}, so no set's inputs or sums are held apart.
     *
     * @param g applied kernels, {@code g[o][i]}, in floats
     */
    public void sumsInFloatInto(Plan plan, double[] x, int[][] xAt, float[][][] g, double[] start, double[] out, int[][] outAt,
            Deadline deadline) {
        FloatChannelSums.computeInto(plan, x, xAt, g, start, out, outAt, deadline, floatLoop);
    }
}
