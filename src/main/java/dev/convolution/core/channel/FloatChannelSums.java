package dev.convolution.core.channel;

import dev.convolution.core.Deadline;
import dev.convolution.core.Plan;
import dev.convolution.core.operand.Padder;
import dev.convolution.core.parallel.Parallel;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;

/**
 * {@link ChannelSums} in single precision, for float32 layers: the same terms, runs and pieces ({@link ChannelLayout},
 * {@link ChannelTerms}), summed along runs in float ({@link FloatChannelLoop}), the terms in groups that keep float's
 * rounding within the contract's bound. Dot products along the taps stay in double ({@link ChannelSums}).
 */
final class FloatChannelSums {
    /**
     * Positions a job sums with two outputs ({@link FloatChannelLoop#sum2}): six of its blocks of twelve vectors of 16, so
     * that only a run's end is left to the one-vector loop.
     */
    static final int PIECE2 = 6 * 12 * 16;
    /** A worker's float sums of one piece ({@link #computeInto}), kept from piece to piece. */
    static final ThreadLocal<float[][]> FLOAT_SUMS = ThreadLocal.withInitial(
            () -> new float[FloatChannelLoop.OUTPUTS][Math.max(ChannelSums.PIECE, PIECE2)]);
    /** A worker's totals of the parts' sums of one piece ({@link #pieceInParts}), kept from piece to piece. */
    private static final ThreadLocal<double[][]> DOUBLE_SUMS = ThreadLocal.withInitial(
            () -> new double[FloatChannelLoop.OUTPUTS][Math.max(ChannelSums.PIECE, PIECE2)]);

    private FloatChannelSums() {
    }

    /**
     * True when {@link #compute} takes the plan with this many inputs: its outputs are summed along runs (not as
     * dot products along the taps), and a set's padded inputs fit in one array. Any number of terms: an output's terms
     * are summed in float a part at a time ({@link Parts}), the parts' sums added in double.
     */
    static boolean applies(Plan plan, int inputs) {
        return !new ChannelLayout(plan).alongTaps() && (long) inputs * ChannelSums.paddedSize(plan) <= Integer.MAX_VALUE - 64;
    }

    /**
     * Terms a group sums in float: as many whole inputs as {@link FloatChannelLoop#GROUP_TERMS} holds, or that many of
     * an input's taps when one input has more.
     */
    private static int groupTerms(int taps) {
        return taps <= FloatChannelLoop.GROUP_TERMS ? FloatChannelLoop.GROUP_TERMS / taps * taps : FloatChannelLoop.GROUP_TERMS;
    }

    /** The terms, their blocks of outputs (two for one or two outputs, else eight) and pieces. */
    private static ChannelTerms terms(ChannelLayout l, Plan plan, int outputs, int inputs) {
        boolean two = outputs <= 2;
        return new ChannelTerms(l, ChannelSums.paddedSize(plan), outputs, inputs, two ? 2 : FloatChannelLoop.OUTPUTS,
                two ? PIECE2 : ChannelSums.PIECE);
    }

    /** One block's sums over a piece: {@link FloatChannelLoop#sum2} or {@link FloatChannelLoop#sum8}. */
    private static void sum(FloatChannelLoop loop, ChannelTerms terms, float[] x, int xBase, int[] off, float[] w, int groupTerms,
            float[][] y, int n) {
        if (terms.perBlock == 2) {
            loop.sum2(x, xBase, off, w, groupTerms, y, 0, n);
        } else {
            loop.sum8(x, xBase, off, w, groupTerms, y, 0, n);
        }
    }

    /**
     * The terms of each block of outputs cut into parts of at most {@link FloatChannelLoop#MAX_GROUPS} groups: a part is
     * summed in float ({@code GROUP_TERMS + MAX_GROUPS} roundings at most, within the contract's float32 bound) and the
     * parts' sums are added in double, whose roundings are 2^29 times smaller, so an output of any number of terms (a
     * layer of 512 input channels and 3 × 3 taps: 4,608, two parts) stays within the bound. Most plans have one part: the
     * terms and the interleaved kernels themselves.
     */
    private static final class Parts {
        /** {@code off[part]}: the part's terms' offsets. */
        final int[][] off;
        /** {@code w[block][part]}: the block's interleaved kernels for the part's terms. */
        final float[][][] w;

        Parts(ChannelTerms terms, float[][] interleaved, int groupTerms) {
            int length = FloatChannelLoop.MAX_GROUPS * groupTerms;
            int count = (terms.off.length + length - 1) / length;
            off = new int[count][];
            w = new float[interleaved.length][count][];
            for (int part = 0; part < count; part++) {
                int from = part * length;
                int to = Math.min(terms.off.length, from + length);
                off[part] = count == 1 ? terms.off : Arrays.copyOfRange(terms.off, from, to);
                for (int b = 0; b < interleaved.length; b++) {
                    w[b][part] = count == 1 ? interleaved[b] : Arrays.copyOfRange(interleaved[b], from * terms.perBlock, to * terms.perBlock);
                }
            }
        }
    }

    /**
     * One job: block {@code b}'s sums over a piece of plane {@code p}'s run, in float, each output {@code o}'s written to
     * {@code into(o)} from {@code at(o)} (row-major in the plan's outputs), widened, as {@code start[o] + sum} (start
     * null: the sum itself). False where a sum is not finite.
     */
    private static boolean piece(FloatChannelLoop loop, ChannelTerms terms, Parts parts, float[] xp, int p, int from, int n,
            int groupTerms, int b, IntFunction<double[]> into, IntUnaryOperator at, double[] start) {
        if (parts.off.length > 1) {
            return pieceInParts(loop, terms, parts, xp, p, from, n, groupTerms, b, into, at, start);
        }
        ChannelLayout.Runs runs = terms.layout.runs;
        float[][] sums = FLOAT_SUMS.get(); // each sum stored by the loop before it is added to
        sum(loop, terms, xp, runs.planeStart[p] + from, parts.off[0], parts.w[b][0], groupTerms, sums, n);
        boolean finite = true;
        int per = terms.perBlock;
        for (int k = 0; k < per && b * per + k < terms.outputs; k++) {
            int o = b * per + k;
            float[] sum = sums[k];
            finite &= loop.finite(sum, n);
            double[] out = into.apply(o);
            int base = at.applyAsInt(o);
            if (start == null) {
                runs.segments(p, from, n, (src, dst, len) -> {
                    for (int j = 0; j < len; j++) {
                        out[base + dst + j] = sum[src + j];
                    }
                });
            } else {
                double c = start[o];
                runs.segments(p, from, n, (src, dst, len) -> {
                    for (int j = 0; j < len; j++) {
                        out[base + dst + j] = c + sum[src + j];
                    }
                });
            }
        }
        return finite;
    }

    /**
     * {@link #piece} of more than one part: each part's sums in float added in double, in order, then the start to their
     * total, {@code start + (p0 + p1 + …)} (the same as the start plus the sums this computes without one).
     */
    private static boolean pieceInParts(FloatChannelLoop loop, ChannelTerms terms, Parts parts, float[] xp, int p, int from, int n,
            int groupTerms, int b, IntFunction<double[]> into, IntUnaryOperator at, double[] start) {
        ChannelLayout.Runs runs = terms.layout.runs;
        float[][] sums = FLOAT_SUMS.get();
        double[][] totals = DOUBLE_SUMS.get();
        boolean finite = true;
        int per = terms.perBlock;
        int outputs = Math.min(per, terms.outputs - b * per);
        for (int part = 0; part < parts.off.length; part++) {
            sum(loop, terms, xp, runs.planeStart[p] + from, parts.off[part], parts.w[b][part], groupTerms, sums, n);
            for (int k = 0; k < outputs; k++) {
                float[] sum = sums[k];
                double[] total = totals[k];
                finite &= loop.finite(sum, n);
                for (int i = 0; i < n; i++) {
                    total[i] = part == 0 ? sum[i] : total[i] + sum[i];
                }
            }
        }
        for (int k = 0; k < outputs; k++) {
            int o = b * per + k;
            double[] total = totals[k];
            double[] out = into.apply(o);
            int base = at.applyAsInt(o);
            double c = start == null ? 0 : start[o];
            boolean started = start != null;
            runs.segments(p, from, n, (src, dst, len) -> {
                for (int j = 0; j < len; j++) {
                    out[base + dst + j] = started ? c + total[src + j] : total[src + j];
                }
            });
        }
        return finite;
    }

    /**
     * {@link ChannelSums#alongRuns} in single precision, for float32 layers ({@link #applies}): eight outputs at a
     * time ({@link FloatChannelLoop#sum8}; two for one or two outputs, {@link FloatChannelLoop#sum2}), the terms in groups
     * of whole inputs (as many as keep a group within {@link FloatChannelLoop#GROUP_TERMS}; an input of more taps split
     * into groups of that many) summed in float, the kernels interleaved once.
     *
     * @param xp the padded inputs of each set one after another, {@code xp[s]}: input {@code i} from {@code i ·
     *     ChannelSums.paddedSize(plan)}
     * @param g the applied kernels, {@code g[o][i]}
     * @return {@code y[s][o]}, each a sum in float (widened)
     */
    static double[][][] compute(Plan plan, float[][] xp, float[][][] g, Deadline deadline, FloatChannelLoop loop) {
        if (xp.length == 1 && RowBlockSums.applies(plan, g.length, g[0].length)) {
            double[][] y = rowBlocks(plan, g[0].length, RowBlockSums.ofPadded(plan, xp[0], g[0].length, ChannelSums.paddedSize(plan)), g,
                    deadline, loop);
            if (y != null) {
                return new double[][][] {y};
            }
        }
        return alongRuns(plan, xp, g, deadline, loop);
    }

    /**
     * {@link #compute} of one set from its inputs' values ({@code x[i]}, unpadded, row-major): where four output rows
     * are summed at a time ({@link RowBlockSums}) each job pads the band of rows it reads, and otherwise the inputs are
     * padded whole first, side by side on the pool.
     *
     * @return {@code y[o]}, each a sum in float (widened)
     */
    static double[][] computeSet(Plan plan, double[][] x, float[][][] g, Deadline deadline, FloatChannelLoop loop) {
        if (RowBlockSums.applies(plan, g.length, x.length)) {
            double[][] y = rowBlocks(plan, x.length, RowBlockSums.ofInputs(plan, x), g, deadline, loop);
            if (y != null) {
                return y;
            }
        }
        int size = ChannelSums.paddedSize(plan);
        float[] xp = new float[x.length * size];
        Parallel.forEach(x.length, (long) x.length * size, i -> Padder.padInto(plan, x[i], 0, xp, i * size));
        return alongRuns(plan, new float[][] {xp}, g, deadline, loop)[0];
    }

    /**
     * The sums four output rows at a time, or null where one is not finite: a zero weight may have met an infinite input,
     * so the sums of the outputs' own terms ({@link #alongRuns}) name the first output that is not finite.
     */
    private static double[][] rowBlocks(Plan plan, int inputs, RowBlockSums.PaddedRows rows, float[][][] g, Deadline deadline,
            FloatChannelLoop loop) {
        boolean[] infinite = new boolean[1];
        double[][] y = RowBlockSums.compute(plan, inputs, rows, g, deadline, loop, infinite);
        return infinite[0] ? null : y;
    }

    /** {@link #compute} by the outputs' own terms along runs. */
    private static double[][][] alongRuns(Plan plan, float[][] xp, float[][][] g, Deadline deadline, FloatChannelLoop loop) {
        ChannelLayout l = new ChannelLayout(plan);
        int taps = l.off.length;
        ChannelTerms terms = terms(l, plan, g.length, g[0].length);
        int groupTerms = groupTerms(taps);
        Parts parts = new Parts(terms, interleave(g, taps, terms), groupTerms);
        double[][][] y = new double[xp.length][g.length][plan.outputSize()];
        boolean[] infinite = new boolean[xp.length];
        terms.overPieces(xp.length, deadline, (s, b, p, from, n) -> {
            if (!piece(loop, terms, parts, xp[s], p, from, n, groupTerms, b, o -> y[s][o], o -> 0, null)) {
                infinite[s] = true; // read after the pool's join
            }
        });
        for (int s = 0; s < xp.length; s++) {
            if (infinite[s]) {
                for (double[] out : y[s]) {
                    plan.requireFinite(out, true); // names the first one
                }
            }
        }
        return y;
    }

    /**
     * {@link #compute} for the sets of a layer's forward pass, from its tensors to its tensors: input i of set s is
     * float32 values held as doubles, row-major from {@code xAt[s][i]} in {@code x}, padded into floats just before its
     * set is read; output o of set s goes to {@code out} from {@code outAt[s][o]}, each value {@code start[o] + sum} (the
     * sum in float, widened, added to its start in double: a layer's bias). No set's inputs or sums are held apart.
     */
    static void computeInto(Plan plan, double[] x, int[][] xAt, float[][][] g, double[] start, double[] out, int[][] outAt,
            Deadline deadline, FloatChannelLoop loop) {
        ChannelLayout l = new ChannelLayout(plan);
        int taps = l.off.length;
        int inputs = g[0].length;
        int size = ChannelSums.paddedSize(plan);
        ChannelTerms terms = terms(l, plan, g.length, inputs);
        int groupTerms = groupTerms(taps);
        Parts parts = new Parts(terms, interleave(g, taps, terms), groupTerms);
        // a dilated input leaves holes that padding does not write: zeros, from a new array only
        boolean holes = plan.axes().stream().anyMatch(a -> a.inputDilation() > 1);
        // the sets spread over the pool, each padded by its worker (other workers take part of its pieces when idle),
        // into a buffer kept for the next set: at most one a worker
        Queue<float[]> buffers = new ConcurrentLinkedQueue<>();
        boolean[] infinite = new boolean[xAt.length];
        long work = (long) xAt.length * g.length * terms.off.length * l.runs.planes * l.runs.run;
        Parallel.forEach(xAt.length, work, set -> {
            float[] kept = buffers.poll();
            float[] xp = kept != null ? kept : new float[inputs * size];
            if (holes && kept != null) {
                Arrays.fill(xp, 0f);
            }
            Parallel.forEach(inputs, (long) inputs * size, i -> Padder.padInto(plan, x, xAt[set][i], xp, i * size));
            terms.overPieces(1, deadline, (unused, b, p, from, n) -> {
                if (!piece(loop, terms, parts, xp, p, from, n, groupTerms, b, o -> out, o -> outAt[set][o], start)) {
                    infinite[set] = true; // read after the pool's join
                }
            });
            buffers.add(xp);
        });
        for (int s = 0; s < xAt.length; s++) {
            if (infinite[s]) {
                for (int o = 0; o < g.length; o++) {
                    plan.requireFinite(Arrays.copyOfRange(out, outAt[s][o], outAt[s][o] + plan.outputSize()), true);
                }
            }
        }
    }

    /** The applied kernels of each block of outputs, a term's taps for the block's outputs side by side. */
    private static float[][] interleave(float[][][] g, int taps, ChannelTerms terms) {
        int per = terms.perBlock;
        int inputs = g[0].length;
        float[][] interleaved = new float[terms.blocks][terms.off.length * per];
        // block by block on the pool, each written in order (a wide layer's are megabytes)
        Parallel.forEach(terms.blocks, (long) g.length * inputs * taps, b -> {
            float[] w = interleaved[b];
            for (int k = 0; k < per && b * per + k < g.length; k++) {
                float[][] gk = g[b * per + k];
                for (int j = 0; j < inputs; j++) {
                    float[] h = gk[j];
                    for (int t = 0, at = j * taps * per + k; t < taps; t++, at += per) {
                        w[at] = h[t];
                    }
                }
            }
        });
        return interleaved;
    }
}
