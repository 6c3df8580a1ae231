package dev.convolution.core.channel;

import dev.convolution.core.Deadline;
import dev.convolution.core.Plan;

/**
 * {@link ChannelSums} in single precision, for float32 layers: the same terms, runs and pieces ({@link ChannelLayout},
 * {@link ChannelTerms}), summed along runs in float ({@link FloatChannelLoop}), the terms in groups that keep float's
 * rounding within the contract's bound. Dot products along the taps stay in double ({@link ChannelSums}).
 */
final class FloatChannelSums {
    private FloatChannelSums() {
    }

    /**
     * True when {@link #compute} takes the plan with this many inputs: its outputs are summed along runs (not as
     * dot products along the taps), and the terms of an output fit in the groups that keep float's rounding within the
     * contract's bound ({@link FloatChannelLoop#GROUP_TERMS}, {@link FloatChannelLoop#MAX_GROUPS}).
     */
    static boolean applies(Plan plan, int inputs) {
        ChannelLayout l = new ChannelLayout(plan);
        int taps = l.off.length;
        if (l.alongTaps() || taps > FloatChannelLoop.GROUP_TERMS || (long) inputs * ChannelSums.paddedSize(plan) > Integer.MAX_VALUE - 64) {
            return false;
        }
        int perGroup = FloatChannelLoop.GROUP_TERMS / taps;
        return (inputs + perGroup - 1) / perGroup <= FloatChannelLoop.MAX_GROUPS;
    }

    /**
     * {@link ChannelSums#alongRuns} in single precision, for float32 layers ({@link #applies}): eight outputs at a
     * time ({@link FloatChannelLoop#sum8}), the terms of a group of whole inputs (as many as keep it within {@link
     * FloatChannelLoop#GROUP_TERMS}) summed in float, the kernels interleaved once.
     *
     * @param xp the padded inputs of each set one after another, {@code xp[s]}: input {@code i} from {@code i ·
     *     ChannelSums.paddedSize(plan)}
     * @param g the applied kernels, {@code g[o][i]}
     * @return {@code y[s][o]}, each a sum in float
     */
    static float[][][] compute(Plan plan, float[][] xp, float[][][] g, Deadline deadline, FloatChannelLoop loop) {
        ChannelLayout l = new ChannelLayout(plan);
        int taps = l.off.length;
        ChannelTerms terms = new ChannelTerms(l, ChannelSums.paddedSize(plan), g.length, g[0].length);
        int groupTerms = FloatChannelLoop.GROUP_TERMS / taps * taps;
        float[][] interleaved = new float[terms.blocks][terms.off.length * FloatChannelLoop.OUTPUTS];
        for (int o = 0; o < g.length; o++) {
            for (int j = 0; j < g[o].length; j++) {
                for (int t = 0; t < taps; t++) {
                    interleaved[o / FloatChannelLoop.OUTPUTS][(j * taps + t) * FloatChannelLoop.OUTPUTS + o % FloatChannelLoop.OUTPUTS] = g[o][j][t];
                }
            }
        }
        float[][][] y = new float[xp.length][g.length][plan.outputSize()];
        terms.overPieces(xp.length, deadline, (s, b, p, from, n) -> {
            float[][] sums = new float[FloatChannelLoop.OUTPUTS][n];
            loop.sum8(xp[s], l.runs.planeStart[p] + from, terms.off, interleaved[b], groupTerms, sums, 0, n);
            for (int k = 0; k < FloatChannelLoop.OUTPUTS && b * FloatChannelLoop.OUTPUTS + k < g.length; k++) {
                l.runs.scatter(sums[k], y[s][b * FloatChannelLoop.OUTPUTS + k], p, from, n);
            }
        });
        for (float[][] set : y) {
            for (float[] out : set) {
                for (float v : out) {
                    if (!Float.isFinite(v)) {
                        plan.requireFinite(widen(out), true); // names the first one
                    }
                }
            }
        }
        return y;
    }

    private static double[] widen(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
