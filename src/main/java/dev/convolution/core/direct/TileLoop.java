package dev.convolution.core.direct;

/**
 * The innermost loop of the tiled direct method ({@link Tiling}): {@code y[yOff + i] = Σ_t g[t]·s[sBase + off[t] + i]}
 * for {@code i = 0 … n−1}, taps in order, each sum starting from {@code +0.0}. Every boundary, stride, dilation and
 * convention has already been turned into the strip {@code s} and the tap offsets {@code off}, so this loop is the same
 * for all of them.
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
     * True when every value {@code y[from … from+n−1]} is finite. The values are added, each multiplied by zero, in
     * several running sums: a product {@code v·0} is 0 for every finite {@code v} and NaN for an infinity or a NaN, so a
     * sum stays 0 exactly when every value is finite (no false alarms from overflow).
     */
    boolean allFinite(double[] y, int from, int n);

    /** The loop this runtime runs best: explicit SIMD where it pays, plain loops otherwise. */
    static TileLoop preferred() {
        return Holder.PREFERRED;
    }

    /** The plain-Java loop, which every runtime can run. */
    static TileLoop scalar() {
        return ScalarTileLoop.INSTANCE;
    }

    /**
     * The Vector API loop, or null when this runtime cannot load it (the JVM was started without
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

    /** A short name for logs and benchmarks. */
    String name();

    final class Holder {
        /** The Vector API wherever the module is loaded: on Java 17 too, its loops being single loops over the taps. */
        static final TileLoop VECTOR = VectorLoader.load(TileLoop.class, "VectorTileLoop", new Class<?>[0]);
        static final TileLoop PREFERRED = VECTOR != null ? VECTOR : ScalarTileLoop.INSTANCE;

        private Holder() {
        }
    }
}
