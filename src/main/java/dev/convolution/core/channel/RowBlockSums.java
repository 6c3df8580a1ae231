package dev.convolution.core.channel;

import dev.convolution.core.AxisPlan;
import dev.convolution.core.Deadline;
import dev.convolution.core.Plan;
import dev.convolution.core.operand.Padder;
import dev.convolution.core.parallel.Parallel;
import java.util.Arrays;

/**
 * Float sums of one or two outputs of an image taken {@link #ROWS} output rows at a time (complex64's two parts): an
 * input row feeds every output row whose kernel rows reach it, so the eight sums of {@link FloatChannelLoop#sum8} are
 * four rows × two outputs, and each value read serves all eight. A term is (input j, row d of the block's window of
 * {@code kr + rows − 1} input rows, kernel column kx); its weight for the block's row m is the kernel's row {@code d − m},
 * zero where that is outside the kernel. The zeros cost products (a 15-row kernel: 15 of 18 are useful) but no
 * rounding, so an output carries the roundings of its groups of {@link FloatChannelLoop#GROUP_TERMS} terms as the other
 * float sums do. For plans of rank 2 whose rows have stride 1, no dilation and no reversal, the columns stride 1. A zero
 * weight times an infinite input makes NaN where no term of the output is infinite, so where a sum is not finite the
 * caller sums the outputs' own terms again to name the first output that is not. The jobs are bands of output rows,
 * each reading the padded rows it needs from a buffer of its worker's, filled just before ({@link PaddedRows}).
 */
final class RowBlockSums {
    /** Output rows summed together, two outputs each: the eight sums of {@link FloatChannelLoop#sum8}. */
    static final int ROWS = 4;
    /** Output rows a job sums at least (a band): its buffer holds them and the kernel's rows less one. */
    static final int BAND = 32;
    /** Floats of a band buffer a worker keeps for its next band (4 MiB); a larger one is made for its band only. */
    static final int KEPT = 1 << 20;
    private static final ThreadLocal<float[]> BUFFER = ThreadLocal.withInitial(() -> new float[0]);

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
     * A source of the padded inputs' rows: writes padded rows {@code fromRow … toRow−1} of every input into {@code band},
     * input j's from {@code j · bandSize}, one row after another.
     */
    interface PaddedRows {
        void into(float[] band, int bandSize, int fromRow, int toRow);
    }

    /**
     * The padded rows of {@code inputs} padded inputs held one after another in {@code xp}, {@code size} apart (copied, so that a job
     * reads its band from its own buffer as when it pads it).
     */
    static PaddedRows ofPadded(Plan plan, float[] xp, int inputs, int size) {
        int pitch = plan.axis(1).paddedLength();
        return (band, bandSize, fromRow, toRow) -> {
            for (int j = 0; j < inputs; j++) {
                System.arraycopy(xp, j * size + fromRow * pitch, band, j * bandSize, (toRow - fromRow) * pitch);
            }
        };
    }

    /** The padded rows of the inputs {@code x[j]} (unpadded, row-major), padded into floats as a job needs them. */
    static PaddedRows ofInputs(Plan plan, double[][] x) {
        boolean holes = plan.axis(1).inputDilation() > 1; // not written by the padding: zeros in a buffer that is reused
        return (band, bandSize, fromRow, toRow) -> {
            for (int j = 0; j < x.length; j++) {
                if (holes) {
                    Arrays.fill(band, j * bandSize, j * bandSize + (toRow - fromRow) * plan.axis(1).paddedLength(), 0f);
                }
                Padder.padRowsInto(plan, x[j], 0, band, j * bandSize, fromRow, toRow);
            }
        };
    }

    /**
     * {@code y[o]} for one set of {@code inputs} inputs whose padded rows come from {@code rows}; {@code g[o][i]} the
     * applied kernels (rows × columns, row-major). A job sums a band of output rows ({@link #band}): it takes the padded
     * rows they read into a buffer of its worker's, so no padded copy of a whole input is made or zeroed, and what a
     * job reads was written just before (a band of an image 1,024 wide: a few hundred KiB). Sets {@code infinite[0]}
     * where a sum is not finite.
     */
    static double[][] compute(Plan plan, int inputs, PaddedRows rows, float[][][] g, Deadline deadline, FloatChannelLoop loop,
            boolean[] infinite) {
        AxisPlan rowAxis = plan.axis(0);
        AxisPlan columns = plan.axis(1);
        int height = rowAxis.count();
        int width = columns.count();
        int pitch = columns.paddedLength();
        int outputs = g.length;
        int kr = rowAxis.taps();
        int band = band(kr, height);
        int bandSize = (band + kr - 1) * pitch; // an input's rows in a band's buffer
        Block full = new Block(ROWS, kr, columns, pitch, bandSize, g);
        Block last = height % ROWS == 0 ? full : new Block(height % ROWS, kr, columns, pitch, bandSize, g);
        double[][] y = new double[outputs][];
        Parallel.forEach(outputs, (long) outputs * height * width, o -> y[o] = new double[height * width]); // zeroed on two cores
        int bands = (height + band - 1) / band;
        long work = (long) height * width * full.off.length * FloatChannelLoop.OUTPUTS / ROWS;
        Parallel.forEach(bands, work, job -> {
            deadline.check();
            int r0 = job * band;
            int r1 = Math.min(height, r0 + band);
            int first = rowAxis.paddedPosition(r0, 0);
            float[] buffer = buffer(inputs * bandSize);
            rows.into(buffer, bandSize, first, rowAxis.paddedPosition(r1 - 1, kr - 1) + 1);
            float[][] sums = FloatChannelSums.FLOAT_SUMS.get();
            for (int r = r0; r < r1; r += ROWS) {
                Block b = r + ROWS <= height ? full : last;
                for (int from = 0; from < width; from += ChannelSums.PIECE) {
                    int n = Math.min(ChannelSums.PIECE, width - from);
                    int base = (rowAxis.paddedPosition(r, 0) - first) * pitch + columns.paddedPosition(0, 0) + from;
                    loop.sum8(buffer, base, b.off, b.w, FloatChannelLoop.GROUP_TERMS, sums, 0, n);
                    for (int m = 0; m < b.rows; m++) {
                        for (int o = 0; o < outputs; o++) {
                            float[] sum = sums[m * 2 + o];
                            if (!loop.finite(sum, n)) {
                                infinite[0] = true; // read after the pool's join
                            }
                            double[] out = y[o];
                            int at = (r + m) * width + from;
                            for (int i = 0; i < n; i++) {
                                out[at + i] = sum[i];
                            }
                        }
                    }
                }
            }
        });
        return y;
    }

    /**
     * Output rows of a band, a multiple of {@link #ROWS}: at least {@link #BAND} and the kernel's rows less one, so a
     * band's buffer holds at most about twice the rows its outputs need; at most the image's height.
     */
    static int band(int kr, int height) {
        int rows = Math.max(BAND, kr - 1);
        rows = (rows + ROWS - 1) / ROWS * ROWS;
        return Math.min(rows, (height + ROWS - 1) / ROWS * ROWS);
    }

    /** This worker's band buffer, of at least {@code size} floats: kept for the next band when at most {@link #KEPT}. */
    private static float[] buffer(int size) {
        float[] kept = BUFFER.get();
        if (kept.length >= size) {
            return kept;
        }
        float[] made = new float[size];
        if (size <= KEPT) {
            BUFFER.set(made);
        }
        return made;
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
