package dev.convolution.core.direct;

/**
 * {@link TileLoop} in plain Java, shaped for C2's auto-vectoriser: the taps are summed up to eight
 * per pass over the outputs, the first pass setting them and later passes adding to them, so each
 * output is loaded and stored once per eight multiply-adds. The first pass starts from {@code 0.0 +}
 * so an all-zero sum is +0.
 */
final class ScalarTileLoop implements TileLoop {
    static final ScalarTileLoop INSTANCE = new ScalarTileLoop();

    private ScalarTileLoop() {
    }

    @Override
    public void sum(double[] s, int sBase, int[] off, double[] g, double[] y, int yOff, int n) {
        int taps = g.length;
        int j = 0;
        boolean first = true;
        while (j < taps) {
            int left = taps - j;
            if (left >= 8) {
                pass8(y, yOff, s, sBase, off, g, j, n, first);
                j += 8;
            } else if (left >= 4) {
                pass4(y, yOff, s, sBase, off, g, j, n, first);
                j += 4;
            } else {
                pass1(y, yOff, s, sBase + off[j], g[j], n, first);
                j += 1;
            }
            first = false;
        }
    }

    private static void pass8(double[] y, int a0, double[] s, int sBase, int[] off, double[] g, int j, int n, boolean first) {
        int o0 = sBase + off[j];
        int o1 = sBase + off[j + 1];
        int o2 = sBase + off[j + 2];
        int o3 = sBase + off[j + 3];
        int o4 = sBase + off[j + 4];
        int o5 = sBase + off[j + 5];
        int o6 = sBase + off[j + 6];
        int o7 = sBase + off[j + 7];
        double g0 = g[j];
        double g1 = g[j + 1];
        double g2 = g[j + 2];
        double g3 = g[j + 3];
        double g4 = g[j + 4];
        double g5 = g[j + 5];
        double g6 = g[j + 6];
        double g7 = g[j + 7];
        if (first) {
            for (int u = 0; u < n; u++) {
                y[a0 + u] = 0.0 + g0 * s[o0 + u] + g1 * s[o1 + u] + g2 * s[o2 + u] + g3 * s[o3 + u]
                        + g4 * s[o4 + u] + g5 * s[o5 + u] + g6 * s[o6 + u] + g7 * s[o7 + u];
            }
        } else {
            for (int u = 0; u < n; u++) {
                y[a0 + u] += g0 * s[o0 + u] + g1 * s[o1 + u] + g2 * s[o2 + u] + g3 * s[o3 + u]
                        + g4 * s[o4 + u] + g5 * s[o5 + u] + g6 * s[o6 + u] + g7 * s[o7 + u];
            }
        }
    }

    private static void pass4(double[] y, int a0, double[] s, int sBase, int[] off, double[] g, int j, int n, boolean first) {
        int o0 = sBase + off[j];
        int o1 = sBase + off[j + 1];
        int o2 = sBase + off[j + 2];
        int o3 = sBase + off[j + 3];
        double g0 = g[j];
        double g1 = g[j + 1];
        double g2 = g[j + 2];
        double g3 = g[j + 3];
        if (first) {
            for (int u = 0; u < n; u++) {
                y[a0 + u] = 0.0 + g0 * s[o0 + u] + g1 * s[o1 + u] + g2 * s[o2 + u] + g3 * s[o3 + u];
            }
        } else {
            for (int u = 0; u < n; u++) {
                y[a0 + u] += g0 * s[o0 + u] + g1 * s[o1 + u] + g2 * s[o2 + u] + g3 * s[o3 + u];
            }
        }
    }

    private static void pass1(double[] y, int a0, double[] s, int o0, double g0, int n, boolean first) {
        if (first) {
            for (int u = 0; u < n; u++) {
                y[a0 + u] = 0.0 + g0 * s[o0 + u];
            }
        } else {
            for (int u = 0; u < n; u++) {
                y[a0 + u] += g0 * s[o0 + u];
            }
        }
    }

    @Override
    public double relativeCost(boolean oneDimensional) {
        return 1.0;
    }

    @Override
    public String name() {
        return "scalar";
    }
}
