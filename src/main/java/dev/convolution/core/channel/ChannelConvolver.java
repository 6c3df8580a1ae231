package dev.convolution.core.channel;

import dev.convolution.core.Deadline;
import dev.convolution.core.Plan;

/**
 * The direct sums of a CNN layer: many (input, kernel) pairs under one plan, added up per output, {@code y[o] = Σ_i
 * (xp[i] ⋆ g[o][i])} over padded inputs made once ({@link ChannelSums}), for each set of inputs {@code xp[s]}. The same
 * sums the direct method takes pair by pair, so the same index algebra: the plan's.
 */
public final class ChannelConvolver {
    private final ChannelLoop loop;

    /** With the loop this runtime runs best. */
    public ChannelConvolver() {
        this(ChannelLoop.preferred());
    }

    /** With the given innermost loop (tests). */
    public ChannelConvolver(ChannelLoop loop) {
        this.loop = loop;
    }

    /** True when {@link #sums} takes the plan: the last axis has stride 1 and no output is reversed. */
    public static boolean applies(Plan plan) {
        return ChannelSums.applies(plan);
    }

    /** True when {@link #sums} sums the plan's outputs as dot products along the taps (few outputs, long kernels). */
    public static boolean alongTaps(Plan plan) {
        return ChannelSums.alongTaps(plan);
    }

    /**
     * The sums. Not for integer data whose sums may leave the range where doubles are exact.
     *
     * @param xp padded inputs ({@link dev.convolution.core.operand.Padder#pad}), {@code xp[s][i]} for set s and input i
     * @param g applied kernels ({@link dev.convolution.core.operand.AppliedKernel#of}), {@code g[o][i]}
     * @return {@code y[s][o]}
     */
    public double[][][] sums(Plan plan, double[][][] xp, double[][][] g, Deadline deadline) {
        return ChannelSums.compute(plan, xp, g, deadline, loop);
    }
}
