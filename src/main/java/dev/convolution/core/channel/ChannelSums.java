package dev.convolution.core.channel;

import dev.convolution.core.AxisPlan;
import dev.convolution.core.Deadline;
import dev.convolution.core.Plan;
import dev.convolution.core.operand.Padder;
import dev.convolution.core.parallel.Parallel;

/**
 * The direct sums of many (input, kernel) pairs under one plan, added up per output: {@code y[o] = Σ_i Σ_t
 * g[o][i][t]·xp[i][start + t·d]}, the same sums {@link dev.convolution.core.direct.DirectConvolver} takes for one pair, over padded inputs made
 * once. Eight outputs are summed together ({@link ChannelLoop#sum8}), so each value read from an input feeds eight
 * products; a set's inputs lie one after another in one array, so an output's terms (input × tap) are one loop.
 *
 * <p>The loop runs over long runs of the padded input rather than over output rows, which are short in a CNN (56
 * positions: a vector loop would spend half its time in its tails). With stride 1 on the last two axes, output row
 * {@code r + 1} starts one padded row after row {@code r}, so a plane of rows (all rows for one index of the axes
 * before them) is one run of the padded input read at the padded row pitch: positions past an output row's width
 * are computed and dropped (the padding columns: 2 of 58 in a 56-wide 3×3 layer). Runs are cut into pieces of
 * {@link #PIECE} positions, and eight outputs × a piece make one job on the shared pool.
 *
 * <p>A plan with few outputs and a long kernel (a layer's weight gradient: 3×3 outputs, the 56×56 gradOutput as the
 * kernel) is summed the other way ({@link #dots}): each output is a dot product along the taps, which are one
 * contiguous run once the kernel is laid out at the padded input's pitch. {@link ChannelLayout#alongTaps} picks the way that
 * computes fewer products. Several sets of inputs can meet the same kernels (one set per input channel of a weight
 * gradient), the kernels prepared once. For plans whose last axis has stride 1 and whose outputs are not reversed (a
 * CNN layer's plans).
 *
 * <p>float32 layers sum along runs in float ({@link FloatChannelSums}): the same terms, runs and pieces ({@link
 * FloatChannelLoop}), the terms in groups that keep float's rounding within the contract's bound. Dot products along
 * the taps stay in double.
 */
final class ChannelSums {
    /** Kernels (outputs) of the dot products summed together. */
    private static final int BLOCK = 4;
    /** Outputs summed together along runs, in double ({@link ChannelLoop#OUTPUTS}) and in float alike. */
    private static final int OUTPUTS = ChannelLoop.OUTPUTS;
    /** Positions summed in one job: its eight sums and the inputs' values it reads stay in the first caches. */
    static final int PIECE = 1024;

    private ChannelSums() {
    }

    /** True when this loop takes the plan. */
    static boolean applies(Plan plan) {
        for (AxisPlan a : plan.axes()) {
            if (a.reversed()) {
                return false;
            }
        }
        return plan.axis(plan.rank() - 1).stride() == 1;
    }

    /**
     * The sums along runs ({@link #alongTaps} false): eight outputs at a time ({@link ChannelLoop#sum8}).
     *
     * @param xp the padded inputs of each set one after another, {@code xp[s]}: input {@code i} from {@code i ·
     *     paddedSize(plan)}
     * @param g the applied kernels, {@code g[o][i]} for output o and input i
     * @return {@code y[s][o]}
     */
    static double[][][] alongRuns(Plan plan, double[][] xp, double[][][] g, Deadline deadline, ChannelLoop loop) {
        ChannelLayout l = new ChannelLayout(plan);
        ChannelTerms terms = new ChannelTerms(l, paddedSize(plan), g.length, g[0].length);
        double[][] interleaved = new double[terms.blocks][terms.off.length * OUTPUTS];
        int taps = l.off.length;
        for (int o = 0; o < g.length; o++) {
            for (int j = 0; j < g[o].length; j++) {
                for (int t = 0; t < taps; t++) {
                    interleaved[o / OUTPUTS][(j * taps + t) * OUTPUTS + o % OUTPUTS] = g[o][j][t];
                }
            }
        }
        double[][][] y = new double[xp.length][g.length][plan.outputSize()];
        terms.overPieces(xp.length, deadline, (s, b, p, from, n) -> {
            double[][] sums = new double[OUTPUTS][n];
            loop.sum8(xp[s], l.runs.planeStart[p] + from, terms.off, interleaved[b], sums, 0, n);
            for (int k = 0; k < OUTPUTS && b * OUTPUTS + k < g.length; k++) {
                l.runs.scatter(sums[k], y[s][b * OUTPUTS + k], p, from, n);
            }
        });
        requireFinite(plan, y);
        return y;
    }

    /**
     * The sums as dot products along the taps ({@link #alongTaps} true).
     *
     * @param xp the padded inputs ({@link dev.convolution.core.operand.Padder#pad}), {@code xp[s][i]} for set s and input i
     * @param g the applied kernels, {@code g[o][i]} for output o and input i
     * @return {@code y[s][o]}
     */
    static double[][][] alongTaps(Plan plan, double[][][] xp, double[][][] g, Deadline deadline, ChannelLoop loop) {
        double[][][] y = dots(plan, new ChannelLayout(plan), xp, g, deadline, loop);
        requireFinite(plan, y);
        return y;
    }

    private static void requireFinite(Plan plan, double[][][] y) {
        for (double[][] set : y) {
            for (double[] out : set) {
                plan.requireFinite(out);
            }
        }
    }

    /** True when the plan's outputs are summed as dot products along the taps ({@link #dots}), not along runs of outputs. */
    static boolean alongTaps(Plan plan) {
        return new ChannelLayout(plan).alongTaps();
    }

    /** Elements of one padded input of the plan. */
    static int paddedSize(Plan plan) {
        return Math.toIntExact(Padder.paddedSize(plan));
    }

    /**
     * Few outputs, many taps (a layer's weight gradient: 3×3 outputs of a 56×56 kernel): each output is a dot product of
     * the input from its first position with the kernel laid out at the padded input's pitch (zeros between its rows and
     * between dilated taps), so that the taps are one contiguous run; four kernels × two outputs at a time.
     */
    private static double[][][] dots(Plan plan, ChannelLayout l, double[][][] xp, double[][][] g, Deadline deadline, ChannelLoop loop) {
        int[] off = l.off;
        int[] count = l.count;
        int[] stride = l.stride;
        int sets = xp.length;
        int inputs = g[0].length;
        int outputs = g.length;
        int rank = plan.rank();
        int span = l.span();
        int blocks = (outputs + BLOCK - 1) / BLOCK;
        double[][][] laid = new double[blocks * BLOCK][inputs][];
        double[] zero = new double[span];
        for (int o = 0; o < laid.length; o++) {
            for (int i = 0; i < inputs; i++) {
                if (o < outputs) {
                    double[] at = new double[span];
                    for (int t = 0; t < off.length; t++) {
                        at[off[t]] = g[o][i][t];
                    }
                    laid[o][i] = at;
                } else {
                    laid[o][i] = zero;
                }
            }
        }
        int positions = plan.outputSize();
        int[] start = new int[positions]; // of each output in the padded input
        for (int q = 0; q < positions; q++) {
            int rest = q;
            int at = 0;
            for (int a = rank - 1; a >= 0; a--) {
                at += plan.axis(a).paddedPosition(rest % count[a], 0) * stride[a];
                rest /= count[a];
            }
            start[q] = at;
        }
        double[][][] y = new double[sets][outputs][positions];
        int pairs = (positions + 1) / 2;
        int perSet = blocks * pairs;
        long work = (long) sets * blocks * BLOCK * pairs * 2 * inputs * span;
        Parallel.forEach(sets * perSet, work, job -> {
            deadline.check();
            int s = job / perSet;
            int o0 = job % perSet / pairs * BLOCK;
            int q0 = job % pairs * 2;
            int q1 = Math.min(q0 + 1, positions - 1);
            double[] out = new double[2 * BLOCK];
            double[][][] kernels = {laid[o0], laid[o0 + 1], laid[o0 + 2], laid[o0 + 3]};
            loop.dots4(xp[s], start[q0], start[q1], kernels, span, out);
            for (int k = 0; k < BLOCK && o0 + k < outputs; k++) {
                y[s][o0 + k][q0] = out[2 * k];
                y[s][o0 + k][q1] = out[2 * k + 1];
            }
        });
        return y;
    }
}
