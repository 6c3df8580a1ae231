package dev.convolution.core.direct;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScalarTileLoopTest {
    private final TileLoop loop = TileLoop.scalar();

    /**
     * Rows of SHORT outputs or more go through the scratch lines in chunks; shorter rows are summed
     * in place. Every output of a long row must be the bits a one-output row gives at its place, and
     * the sum of its products in the passes' order (eight, four, one at a time).
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 3, 4, 7, 8, 9, 12, 13, 25, 31, 64})
    void chunkedRowsGiveTheBitsOfOneOutputAtATimeForEveryTapCount(int taps) {
        Random rnd = new Random(taps);
        int n = ScalarTileLoop.CHUNK * 2 + 37; // two whole chunks and a part
        int[] off = new int[taps];
        for (int t = 1; t < taps; t++) {
            off[t] = off[t - 1] + 1 + rnd.nextInt(5);
        }
        double[] g = new double[taps];
        for (int t = 0; t < taps; t++) {
            g[t] = rnd.nextGaussian();
        }
        int sBase = 3;
        double[] s = new double[sBase + n + off[taps - 1] + 2];
        for (int i = 0; i < s.length; i++) {
            s[i] = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(9) - 4);
        }
        double[] y = new double[n + 5];
        loop.sum(s, sBase, off, g, y, 5, n);
        for (int u = 0; u < n; u++) {
            double[] one = new double[1];
            loop.sum(s, sBase + u, off, g, one, 0, 1);
            assertThat(y[5 + u]).as("output %d", u).isEqualTo(one[0]);
            assertThat(Double.doubleToRawLongBits(y[5 + u])).isEqualTo(Double.doubleToRawLongBits(inPassOrder(s, sBase + u, off, g)));
        }
        assertThat(y[0]).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {ScalarTileLoop.SHORT - 1, ScalarTileLoop.SHORT})
    void anAllZeroSumIsPositiveZeroOnEitherSideOfTheShortRowLimit(int n) {
        double[] g = {-1, 2, -3, 4, -5, 6, -7, 8, -9};
        int[] off = {0, 1, 2, 3, 4, 5, 6, 7, 8};
        double[] s = new double[n + 8];
        java.util.Arrays.fill(s, -0.0);
        double[] y = new double[n];
        java.util.Arrays.fill(y, Double.NaN);
        loop.sum(s, 0, off, g, y, 0, n);
        for (double v : y) {
            assertThat(Double.doubleToRawLongBits(v)).isEqualTo(Double.doubleToRawLongBits(0.0));
        }
    }

    /** The sum written out as the passes define it: y = (0.0 + p0 + … + p7) + (p8 + … + p15) + …, with groups of 8, 4, 1. */
    private static double inPassOrder(double[] s, int at, int[] off, double[] g) {
        double y = 0;
        int j = 0;
        while (j < g.length) {
            int left = g.length - j;
            int k = left >= 8 ? 8 : left >= 4 ? 4 : 1;
            double part = j == 0 ? 0.0 + g[j] * s[at + off[j]] : g[j] * s[at + off[j]];
            for (int q = j + 1; q < j + k; q++) {
                part += g[q] * s[at + off[q]];
            }
            y = j == 0 ? part : y + part;
            j += k;
        }
        return y;
    }
}
