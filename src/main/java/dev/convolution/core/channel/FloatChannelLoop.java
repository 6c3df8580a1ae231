package dev.convolution.core.channel;

import dev.convolution.core.direct.DirectConvolver;
import dev.convolution.core.direct.VectorLoader;
import java.util.List;

/**
 * The innermost loop of {@link ChannelSums} in single precision, for float32 layers: eight outputs of many inputs at
 * once, so that each value read from an input feeds eight products (the register blocking of a GEMM's micro-kernel:
 * eight outputs × three vectors of 16 floats are 24 of AVX-512's 32 registers).
 *
 * <p>The sums run in {@code float} over groups of inputs whose terms are at most {@link #GROUP_TERMS}, and the groups'
 * sums are added in order: an output then carries at most {@code GROUP_TERMS + groups} roundings, which keeps it
 * within the contract's float32 bound (1e-5 of the sum of its terms' moduli) while there are at most {@link
 * #MAX_GROUPS} groups (the same rule as the direct method's float32 tiles, {@link DirectConvolver#FLOAT_BLOCK_TAPS}).
 * An output of more terms is summed a part of {@code MAX_GROUPS} groups at a time, the parts' sums added in double by
 * the caller ({@link FloatChannelSums}). Every form gives the same bits.
 */
public interface FloatChannelLoop {
    /** Outputs summed together. */
    int OUTPUTS = 8;
    /** Terms (inputs × taps) summed in float before a group's sum is added to the output. */
    int GROUP_TERMS = DirectConvolver.FLOAT_BLOCK_TAPS;
    /** Groups an output may be added from and stay within the float32 bound. */
    int MAX_GROUPS = DirectConvolver.FLOAT_MAX_BLOCKS;

    /**
     * {@code y[k][yOff + i] = Σ_groups Σ_{q in group} w[q·8 + k]·x[xBase + off[q] + i]} for {@code k = 0 … 7} and {@code i
     * = 0 … n−1}: the terms {@code q} (an input's tap: the inputs lie one after another in {@code x}, so {@code off[q]} is
     * the input's start plus the tap's offset) in groups of {@code groupTerms}, each group's sum from {@code +0.0f} by fused
     * multiply-adds in the order of {@code q}, the first group's sum stored and each later one added.
     *
     * @param w the eight outputs' kernels interleaved: term {@code q} for output {@code k} at {@code q·8 + k}
     * @param y eight outputs
     */
    void sum8(float[] x, int xBase, int[] off, float[] w, int groupTerms, float[][] y, int yOff, int n);

    /**
     * {@link #sum8} for two outputs ({@code y[0]}, {@code y[1]}; {@code w} interleaved by two: term {@code q} for output
     * {@code k} at {@code q·2 + k}): a complex product's real and imaginary parts, whose two outputs would leave six of
     * eight idle, summed over more positions at a time instead.
     */
    void sum2(float[] x, int xBase, int[] off, float[] w, int groupTerms, float[][] y, int yOff, int n);

    /** True when {@code v[0 … n−1]} are all finite (a sum that overflowed float, or met a non-finite input, is not). */
    default boolean finite(float[] v, int n) {
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(v[i])) {
                return false;
            }
        }
        return true;
    }

    /** A short name for logs and test messages. */
    String name();

    /** The loop this runtime runs best: the Vector API's when the module is loaded. */
    static FloatChannelLoop preferred() {
        return Holder.PREFERRED;
    }

    /** Every form of the loop this runtime can run, for tests: the plain loop, and the Vector API loop when the module is loaded. */
    static List<FloatChannelLoop> everyForm() {
        return Holder.VECTOR == null ? List.of(ScalarFloatChannelLoop.INSTANCE) : List.of(ScalarFloatChannelLoop.INSTANCE, Holder.VECTOR);
    }

    final class Holder {
        static final FloatChannelLoop VECTOR = VectorLoader.load(FloatChannelLoop.class, "VectorFloatChannelLoop", new Class<?>[0]);
        static final FloatChannelLoop PREFERRED = VECTOR != null ? VECTOR : ScalarFloatChannelLoop.INSTANCE;

        private Holder() {
        }
    }
}
