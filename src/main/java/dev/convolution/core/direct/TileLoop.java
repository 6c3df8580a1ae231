package dev.convolution.core.direct;

import java.util.List;

/**
 * The innermost loop of the direct method: {@code y[yOff + i] = Σ_t g[t]·s[sBase + off[t] + i]} for
 * {@code i = 0 … n−1}, taps in order, each sum starting from {@code +0.0}. Every boundary, stride,
 * dilation and convention has already been turned into the strip {@code s} and the tap offsets
 * {@code off} by {@link DirectConvolver}, so this loop is the same for all of them.
 */
public interface TileLoop {
    void sum(double[] s, int sBase, int[] off, double[] g, double[] y, int yOff, int n);

    /**
     * Two rows of outputs whose strip rows are {@code shift} kernel rows apart, each exactly as
     * {@link #sum} computes it. Taps are {@code groups × kernelRows × kernelCols} (a group for each
     * tap of the axes before the rows) with {@code off[(γ·kernelRows + r)·kernelCols + c] = base(γ) +
     * r·rowStep + off[c]}; the first row starts at {@code sBase}, the second at {@code sBase +
     * shift·rowStep}, so within a group tap {@code (r, c)} of the second reads where tap
     * {@code (r + shift, c)} of the first does, and a loop may load such values once for both.
     */
    default void sum2(double[] s, int sBase, int rowStep, int shift, int groups, int kernelRows, int[] off, double[] g,
            double[] y, int yOff0, int yOff1, int n) {
        sum(s, sBase, off, g, y, yOff0, n);
        sum(s, sBase + shift * rowStep, off, g, y, yOff1, n);
    }

    /**
     * The rows of a tile: row {@code k} of {@code rows} reads from {@code sBase + k·rows.step()} and its {@code n} sums go
     * to {@code y[yOff + k·yStep …]}, each row exactly as {@link #sum} computes it. By default in pairs of rows that share
     * loads ({@link #sum2}); a loop may share more.
     */
    default void sumRows(double[] s, int sBase, TileRows rows, int[] off, double[] g, double[] y, int yOff, int yStep, int n) {
        int m = rows.pairDistance();
        for (int pair = 0; pair < rows.count(); pair += 2 * m) {
            for (int j = 0; j < m && pair + j < rows.count(); j++) {
                int ra = pair + j;
                int rb = ra + m;
                if (rb >= rows.count()) {
                    sum(s, sBase + ra * rows.step(), off, g, y, yOff + ra * yStep, n);
                } else {
                    sum2(s, sBase + ra * rows.step(), rows.tapStep(), rows.pairShift(), rows.groups(), rows.kernelRows(), off, g,
                            y, yOff + ra * yStep, yOff + rb * yStep, n);
                }
            }
        }
    }

    /**
     * Four outputs of many inputs at once: {@code y[k][yOff + i] = Σ_j Σ_t g[k][j][t]·s[j][sBase + off[t] + i]} for
     * {@code k = 0 … 3} and {@code i = 0 … n−1}, inputs in order and each input's taps in order, every sum starting
     * from {@code +0.0}. Each value read from an input feeds four products (a CNN layer's channel sums, {@link
     * ChannelSums}).
     *
     * @param g four kernels per input, {@code g[k][j]}, each {@code off.length} long
     * @param y four outputs
     */
    void sum4(double[][] s, int sBase, int[] off, double[][][] g, double[][] y, int yOff, int n);

    /**
     * Eight dot products of four kernels with two places of many inputs: {@code out[2k + m] = Σ_j Σ_u
     * g[k][j][u]·s[j][base_m + u]} for {@code k = 0 … 3}, {@code m = 0, 1} and {@code u = 0 … len−1}: a few outputs of a
     * long kernel laid out at the input's pitch (a CNN layer's weight gradient, {@link ChannelSums}). The order of the
     * additions is the loop's own.
     */
    void dots4(double[][] s, int base0, int base1, double[][][] g, int len, double[] out);

    /**
     * True when every value {@code y[from … from+n−1]} is finite. The values are added, each multiplied by zero, in
     * several running sums: a product {@code v·0} is 0 for every finite {@code v} and NaN for an infinity or a NaN, so a
     * sum stays 0 exactly when every value is finite (no false alarms from overflow).
     */
    boolean allFinite(double[] y, int from, int n);

    /** The kernel this runtime runs best: explicit SIMD where it pays, plain loops otherwise. */
    static TileLoop preferred() {
        return Holder.PREFERRED;
    }

    /** The plain-Java kernel, which every runtime can run. */
    static TileLoop scalar() {
        return ScalarTileLoop.INSTANCE;
    }

    /**
     * The Vector API kernel, or null when this runtime cannot load it (the JVM was started without
     * {@code --add-modules jdk.incubator.vector}).
     */
    static TileLoop vector() {
        return Holder.VECTOR;
    }

    /**
     * The cost of one multiply-add in this loop, in multiply-adds of the plain-Java loop (the cost
     * model's unit), for a 1D or a 2D problem.
     */
    double relativeCost(boolean oneDimensional);

    /**
     * Every form of the loop this runtime can run, for tests: the plain loop, the Vector API loop as this runtime
     * uses it, and the Vector API loop with the nested loops Java 25 runs ({@link VectorTileLoop#NESTED_LOOPS}), so a
     * test on Java 17 covers them too. The last two only when the module is loaded.
     */
    static List<TileLoop> everyForm() {
        if (Holder.VECTOR == null) {
            return List.of(ScalarTileLoop.INSTANCE);
        }
        return List.of(ScalarTileLoop.INSTANCE, Holder.VECTOR, Holder.newVector(new Class<?>[] {boolean.class}, true));
    }

    /** A short name for logs and benchmarks. */
    String name();

    final class Holder {
        /**
         * The Vector API wherever the module is loaded. On Java 17 its loops run about as fast as on 25 (sum and sum2; W3
         * 1.85 → 0.97 ms, W4 11.4 → 6.8 ms against the plain loops), except loops nested around vectors, which Java 17's
         * C2 boxes: those fall back to the plain loops there ({@link VectorTileLoop#NESTED_LOOPS}).
         */
        static final TileLoop VECTOR = newVector(new Class<?>[0]);
        static final TileLoop PREFERRED = VECTOR != null ? VECTOR : ScalarTileLoop.INSTANCE;

        private Holder() {
        }

        /**
         * A new Vector API kernel through its constructor of these parameter types, or null when this runtime cannot load
         * it (the JVM was started without {@code --add-modules jdk.incubator.vector}).
         */
        static TileLoop newVector(Class<?>[] types, Object... args) {
            if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
                return null;
            }
            try {
                // by name, so that a runtime without the module never links the class
                return (TileLoop) Class.forName("dev.convolution.core.direct.VectorTileLoop").getDeclaredConstructor(types).newInstance(args);
            } catch (ReflectiveOperationException | LinkageError e) {
                return null;
            }
        }
    }
}
