package dev.convolution.core.channel;

import dev.convolution.core.direct.VectorLoader;
import java.util.List;

/**
 * The innermost loops of {@link ChannelSums}: the sums of many (input, kernel) pairs several outputs at a time, so each
 * value read from an input feeds several products. Every form gives the same bits for {@link #sum8}.
 */
public interface ChannelLoop {

    /** Outputs summed together by {@link #sum8}. */
    int OUTPUTS = 8;

    /**
     * Eight outputs of many terms at once: {@code y[k][yOff + i] = Σ_q w[q·8 + k]·x[xBase + off[q] + i]} for {@code k = 0
     * … 7} and {@code i = 0 … n−1}, the terms {@code q} (an input's tap: the inputs lie one after another in {@code x}, so
     * {@code off[q]} is the input's start plus the tap's offset) in order, each sum from {@code +0.0} by fused
     * multiply-adds (a CNN layer's channel sums along runs).
     *
     * @param w the eight outputs' kernels interleaved: term {@code q} for output {@code k} at {@code q·8 + k}
     * @param y eight outputs
     */
    void sum8(double[] x, int xBase, int[] off, double[] w, double[][] y, int yOff, int n);

    /**
     * Eight dot products of four kernels with two places of many inputs: {@code out[2k + m] = Σ_j Σ_u
     * g[k][j][u]·s[j][base_m + u]} for {@code k = 0 … 3}, {@code m = 0, 1} and {@code u = 0 … len−1}: a few outputs of a
     * long kernel laid out at the input's pitch (a CNN layer's weight gradient). The order of the additions is the
     * loop's own.
     */
    void dots4(double[][] s, int base0, int base1, double[][][] g, int len, double[] out);

    /** A short name for logs and test messages. */
    String name();

    /** The loop this runtime runs best: the Vector API's where it pays ({@link VectorChannelLoop#NESTED_LOOPS}). */
    static ChannelLoop preferred() {
        return Holder.PREFERRED;
    }

    /**
     * Every form of the loop this runtime can run, for tests: the plain loop, the Vector API loop as this runtime uses
     * it, and the Vector API loop with the nested loops Java 25 runs ({@link VectorChannelLoop#NESTED_LOOPS}), so a test
     * on Java 17 covers them too. The last two only when the module is loaded.
     */
    static List<ChannelLoop> everyForm() {
        if (Holder.VECTOR == null) {
            return List.of(ScalarChannelLoop.INSTANCE);
        }
        return List.of(ScalarChannelLoop.INSTANCE, Holder.VECTOR,
                VectorLoader.load(ChannelLoop.class, "VectorChannelLoop", new Class<?>[] {boolean.class}, true));
    }

    final class Holder {
        static final ChannelLoop VECTOR = VectorLoader.load(ChannelLoop.class, "VectorChannelLoop", new Class<?>[0]);
        static final ChannelLoop PREFERRED = VECTOR != null ? VECTOR : ScalarChannelLoop.INSTANCE;

        private Holder() {
        }
    }
}
