package dev.convolution.core.direct;

/**
 * {@link TileLoop} in single precision, for float32 data: the same strip, offsets and rows, summed in {@code float}
 * (twice the lanes of a vector of doubles). {@code y[yOff + i] = Σ_t g[t]·s[sBase + off[t] + i]}, taps in order, each
 * sum starting from {@code +0.0f}. The tiles give it a long kernel a block of taps at a time ({@link Tiling#BLOCK_TAPS}),
 * which keeps float's rounding error within the contract's bound.
 */
public interface FloatTileLoop {
    void sum(float[] s, int sBase, int[] off, float[] g, float[] y, int yOff, int n);

    /** Two rows of outputs that may share loads, each exactly as {@link #sum} computes it (see {@link TileLoop#sum2}). */
    default void sum2(float[] s, int sBase, int rowStep, int shift, int groups, int kernelRows, int[] off, float[] g,
            float[] y, int yOff0, int yOff1, int n) {
        sum(s, sBase, off, g, y, yOff0, n);
        sum(s, sBase + shift * rowStep, off, g, y, yOff1, n);
    }

    /** The rows of a tile, as {@link TileLoop#sumRows}: in pairs of rows that share loads ({@link #sum2}). */
    default void sumRows(float[] s, int sBase, TileRows rows, int[] off, float[] g, float[] y, int yOff, int yStep, int n) {
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

    /** True when every value {@code y[from … from+n−1]} is finite ({@link TileLoop#allFinite}'s method). */
    boolean allFinite(float[] y, int from, int n);

    /** The cost of one multiply-add in this loop, in multiply-adds of the plain double loop (the cost model's unit). */
    double relativeCost(boolean oneDimensional);

    /** A short name for logs and benchmarks ({@code scalar}, {@code vector-16}). */
    String name();

    /** The loop this runtime runs best. */
    static FloatTileLoop preferred() {
        return Holder.PREFERRED;
    }

    /** The plain-Java loop, which every runtime can run. */
    static FloatTileLoop scalar() {
        return ScalarFloatTileLoop.INSTANCE;
    }

    /** The Vector API loop, or null when this runtime cannot load it. */
    static FloatTileLoop vector() {
        return Holder.VECTOR;
    }

    final class Holder {
        static final FloatTileLoop VECTOR = VectorLoader.load(FloatTileLoop.class, "VectorFloatTileLoop", new Class<?>[0]);
        static final FloatTileLoop PREFERRED = VECTOR != null ? VECTOR : ScalarFloatTileLoop.INSTANCE;

        private Holder() {
        }
    }
}
