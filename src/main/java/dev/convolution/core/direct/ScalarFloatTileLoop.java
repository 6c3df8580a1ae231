package dev.convolution.core.direct;

/**
 * {@link FloatTileLoop} in plain Java, for runtimes without the Vector API: {@link ScalarTileLoop#sum}'s passes in
 * float. Rows of {@link ScalarTileLoop#SHORT} outputs or more run over chunks of {@link ScalarTileLoop#CHUNK} outputs,
 * each tap's values copied to a scratch line first, so that Java 17's C2, which vectorises a loop only when its loads
 * and stores use the same index, vectorises the passes; shorter rows are summed in place. The taps are summed up to
 * eight per pass, the first pass of a block setting the sums (from {@code 0.0f +}) and later passes adding to them.
 */
final class ScalarFloatTileLoop implements FloatTileLoop {
    static final ScalarFloatTileLoop INSTANCE = new ScalarFloatTileLoop();

    private static final int CHUNK = ScalarTileLoop.CHUNK;

    /** Eight scratch lines for the taps of a pass and one for the sums, per thread (9 KiB). */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[9][CHUNK]);

    private ScalarFloatTileLoop() {
    }

    @Override
    public void sum(float[] s, int sBase, int[] off, float[] g, float[] y, int yOff, int n) {
        int taps = g.length;
        if (n < ScalarTileLoop.SHORT) {
            float[] acc = new float[n];
            for (int j = 0; j < taps; ) {
                int k = passLength(taps - j);
                for (int u = 0; u < n; u++) {
                    float v = 0.0f;
                    for (int q = 0; q < k; q++) {
                        v += g[j + q] * s[sBase + off[j + q] + u];
                    }
                    acc[u] = j == 0 ? 0.0f + v : acc[u] + v;
                }
                j += k;
            }
            for (int u = 0; u < n; u++) {
                y[yOff + u] = acc[u];
            }
            return;
        }
        float[][] lines = SCRATCH.get();
        float[] acc = lines[8];
        for (int c = 0; c < n; c += CHUNK) {
            int m = Math.min(CHUNK, n - c);
            int from = sBase + c;
            int j = 0;
            while (j < taps) {
                int k = passLength(taps - j);
                for (int q = 0; q < k; q++) {
                    System.arraycopy(s, from + off[j + q], lines[q], 0, m);
                }
                if (k == 8) {
                    pass8(acc, lines, g, j, m, j == 0);
                } else if (k == 4) {
                    pass4(acc, lines, g, j, m, j == 0);
                } else {
                    pass1(acc, lines[0], g[j], m, j == 0);
                }
                j += k;
            }
            System.arraycopy(acc, 0, y, yOff + c, m);
        }
    }

    /** Taps in the next pass: eight, four or one. */
    private static int passLength(int left) {
        return left >= 8 ? 8 : left >= 4 ? 4 : 1;
    }

    private static void pass8(float[] y, float[][] lines, float[] g, int j, int n, boolean first) {
        float[] s0 = lines[0];
        float[] s1 = lines[1];
        float[] s2 = lines[2];
        float[] s3 = lines[3];
        float[] s4 = lines[4];
        float[] s5 = lines[5];
        float[] s6 = lines[6];
        float[] s7 = lines[7];
        float g0 = g[j];
        float g1 = g[j + 1];
        float g2 = g[j + 2];
        float g3 = g[j + 3];
        float g4 = g[j + 4];
        float g5 = g[j + 5];
        float g6 = g[j + 6];
        float g7 = g[j + 7];
        if (first) {
            for (int u = 0; u < n; u++) {
                y[u] = 0.0f + (g0 * s0[u] + g1 * s1[u] + g2 * s2[u] + g3 * s3[u] + g4 * s4[u] + g5 * s5[u] + g6 * s6[u]
                        + g7 * s7[u]);
            }
        } else {
            for (int u = 0; u < n; u++) {
                y[u] += g0 * s0[u] + g1 * s1[u] + g2 * s2[u] + g3 * s3[u] + g4 * s4[u] + g5 * s5[u] + g6 * s6[u] + g7 * s7[u];
            }
        }
    }

    private static void pass4(float[] y, float[][] lines, float[] g, int j, int n, boolean first) {
        float[] s0 = lines[0];
        float[] s1 = lines[1];
        float[] s2 = lines[2];
        float[] s3 = lines[3];
        float g0 = g[j];
        float g1 = g[j + 1];
        float g2 = g[j + 2];
        float g3 = g[j + 3];
        if (first) {
            for (int u = 0; u < n; u++) {
                y[u] = 0.0f + (g0 * s0[u] + g1 * s1[u] + g2 * s2[u] + g3 * s3[u]);
            }
        } else {
            for (int u = 0; u < n; u++) {
                y[u] += g0 * s0[u] + g1 * s1[u] + g2 * s2[u] + g3 * s3[u];
            }
        }
    }

    private static void pass1(float[] y, float[] s0, float g0, int n, boolean first) {
        if (first) {
            for (int u = 0; u < n; u++) {
                y[u] = 0.0f + g0 * s0[u];
            }
        } else {
            for (int u = 0; u < n; u++) {
                y[u] += g0 * s0[u];
            }
        }
    }

    /** Eight running sums side by side, as {@link ScalarTileLoop#allFinite}. */
    @Override
    public boolean allFinite(float[] y, int from, int n) {
        float z0 = 0.0f;
        float z1 = 0.0f;
        float z2 = 0.0f;
        float z3 = 0.0f;
        int i = from;
        int end = from + n;
        for (; i + 4 <= end; i += 4) {
            z0 += y[i] * 0.0f;
            z1 += y[i + 1] * 0.0f;
            z2 += y[i + 2] * 0.0f;
            z3 += y[i + 3] * 0.0f;
        }
        for (; i < end; i++) {
            z0 += y[i] * 0.0f;
        }
        return z0 + z1 + z2 + z3 == 0.0f;
    }

    /** C2 vectorises the passes with twice the lanes of doubles. */
    @Override
    public double relativeCost(boolean oneDimensional) {
        return 0.5;
    }

    @Override
    public String name() {
        return "scalar";
    }
}
