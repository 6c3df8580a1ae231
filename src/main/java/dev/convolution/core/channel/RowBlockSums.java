package dev.convolution.core.channel;

import dev.convolution.core.AxisPlan;
import dev.convolution.core.Deadline;
import dev.convolution.core.Plan;
import dev.convolution.core.parallel.Parallel;

/**
 * Float sums of one or two outputs of an image taken {@link #ROWS} output rows at a time (complex64's two parts): an
 * input row feeds every output row whose kernel rows reach it, so the eight sums of {@link FloatChannelLoop#sum8} are
 * four rows × two outputs, and each value read serves all eight. A term is (input j, row d of the block's window of
 * {@code kr + rows − 1} input rows, kernel column kx); its weight for the block's row m is the kernel's row {@code d − m},
 * zero where that is outside the kernel. The zeros cost products (a 15-row kernel: 15 of 18 are useful) but no
 * rounding, so an output carries the roundings of its groups of {@link FloatChannelLoop#GROUP_TERMS} terms as the other
 * float sums do. For plans of rank 2 whose rows have stride 1, no dilation and no reversal, the columns stride 1. A zero
 * weight times an infinite input makes NaN where no term of the output is infinite, so where a sum is not finite the
 * caller sums the outputs' own terms again to name the first output that is not.
 */
final class RowBlockSums {
    /** Output rows summed together, two outputs each: the eight sums of {@link FloatChannelLoop#sum8}. */
    static final int ROWS = 4;

    private RowBlockSums() {
    }

    /** True when these sums take the plan with this many outputs and inputs. */
    static boolean applies(Plan plan, int outputs, int inputs) {
        if (plan.rank() != 2 || outputs > 2) {
            return false;
        }
        AxisPlan rows = plan.axis(0);
        AxisPlan columns = plan.axis(1);
        if (rows.stride() != 1 || rows.dilation() != 1 || rows.inputDilation() != 1 || rows.reversed() || rows.taps() < 2
                || columns.stride() != 1 || columns.reversed()) {
            return false;
        }
        long terms = (long) inputs * (rows.taps() + ROWS - 1) * columns.taps();
        return (terms + FloatChannelLoop.GROUP_TERMS - 1) / FloatChannelLoop.GROUP_TERMS <= FloatChannelLoop.MAX_GROUPS;
    }

    /**
     * {@code y[o]} for one set: the padded inputs one after another in {@code xp}, {@code size} apart; {@code g[o][i]}
     * the applied kernels (rows × columns, row-major). Sets {@code infinite[0]} where a sum is not finite.
     */
    static double[][] compute(Plan plan, float[] xp, int size, float[][][] g, Deadline deadline, FloatChannelLoop loop,
            boolean[] infinite) {
        AxisPlan rows = plan.axis(0);
        AxisPlan columns = plan.axis(1);
        int height = rows.count();
        int width = columns.count();
        int pitch = columns.paddedLength();
        int outputs = g.length;
        Block full = new Block(ROWS, rows.taps(), columns, pitch, size, g);
        Block last = height % ROWS == 0 ? full : new Block(height % ROWS, rows.taps(), columns, pitch, size, g);
        double[][] y = new double[outputs][];
        Parallel.forEach(outputs, (long) outputs * height * width, o -> y[o] = new double[height * width]); // zeroed on two cores
        int blocks = (height + ROWS - 1) / ROWS;
        int pieces = (width + ChannelSums.PIECE - 1) / ChannelSums.PIECE;
        long work = (long) blocks * pieces * full.off.length * FloatChannelLoop.OUTPUTS * Math.min(width, ChannelSums.PIECE);
        Parallel.forEach(blocks * pieces, work, job -> {
            deadline.check();
            int r0 = job / pieces * ROWS;
            int from = job % pieces * ChannelSums.PIECE;
            int n = Math.min(ChannelSums.PIECE, width - from);
            Block b = r0 + ROWS <= height ? full : last;
            float[][] sums = FloatChannelSums.FLOAT_SUMS.get();
            int base = rows.paddedPosition(r0, 0) * pitch + columns.paddedPosition(0, 0) + from;
            loop.sum8(xp, base, b.off, b.w, FloatChannelLoop.GROUP_TERMS, sums, 0, n);
            for (int m = 0; m < b.rows; m++) {
                for (int o = 0; o < outputs; o++) {
                    float[] sum = sums[m * 2 + o];
                    if (!loop.finite(sum, n)) {
                        infinite[0] = true; // read after the pool's join
                    }
                    double[] out = y[o];
                    int at = (r0 + m) * width + from;
                    for (int i = 0; i < n; i++) {
                        out[at + i] = sum[i];
                    }
                }
            }
        });
        return y;
    }

    /** The terms of a block of {@code rows} output rows and their eight weights each (row m, output o at {@code m·2 + o}). */
    private static final class Block {
        final int rows;
        final int[] off;
        final float[] w;

        Block(int rows, int kr, AxisPlan columns, int pitch, int size, float[][][] g) {
            this.rows = rows;
            int kc = columns.taps();
            int window = kr + rows - 1;
            int inputs = g[0].length;
            off = new int[inputs * window * kc];
            w = new float[off.length * FloatChannelLoop.OUTPUTS];
            for (int j = 0; j < inputs; j++) {
                for (int d = 0; d < window; d++) {
                    for (int kx = 0; kx < kc; kx++) {
                        int q = (j * window + d) * kc + kx;
                        off[q] = j * size + d * pitch + columns.tapOffset(kx);
                        for (int m = 0; m < rows; m++) {
                            int ky = d - m;
                            for (int o = 0; o < g.length && ky >= 0 && ky < kr; o++) {
                                w[q * FloatChannelLoop.OUTPUTS + m * 2 + o] = g[o][j][ky * kc + kx];
                            }
                        }
                    }
                }
            }
        }
    }
}
