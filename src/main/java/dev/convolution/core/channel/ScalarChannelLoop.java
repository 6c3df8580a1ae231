package dev.convolution.core.channel;

import java.util.Arrays;

/**
 * {@link ChannelLoop} in plain Java, shaped for C2's auto-vectoriser as {@link dev.convolution.core.direct.ScalarTileLoop} is: the values a pass
 * reads are copied to scratch lines first, so that the loop reads and writes at one index.
 */
final class ScalarChannelLoop implements ChannelLoop {
    static final ScalarChannelLoop INSTANCE = new ScalarChannelLoop();

    /** Positions summed at a time through the scratch lines (2 KiB a line, so all nine stay in L1). */
    private static final int CHUNK = 256;

    /** A scratch line for the values of a term and eight for the sums, per thread (18 KiB). */
    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[1 + OUTPUTS][CHUNK]);

    private ScalarChannelLoop() {
    }

    /**
     * Chunks of {@link #CHUNK} positions: each term's values (an input at a tap, copied so that the loop reads them at
     * the index it writes, which Java 17's C2 needs to vectorise) pass over eight scratch sums by fused multiply-adds,
     * in the order of the terms: the same bits as the Vector API loop.
     */
    @Override
    public void sum8(double[] x, int xBase, int[] off, double[] w, double[][] y, int yOff, int n) {
        double[][] scratch = SCRATCH.get();
        double[] line = scratch[0];
        for (int c = 0; c < n; c += CHUNK) {
            int m = Math.min(CHUNK, n - c);
            for (int o = 0; o < OUTPUTS; o++) {
                Arrays.fill(scratch[1 + o], 0, m, 0.0);
            }
            for (int q = 0; q < off.length; q++) {
                System.arraycopy(x, xBase + c + off[q], line, 0, m);
                for (int o = 0; o < OUTPUTS; o++) {
                    double h = w[q * OUTPUTS + o];
                    double[] a = scratch[1 + o];
                    for (int u = 0; u < m; u++) {
                        a[u] = Math.fma(line[u], h, a[u]);
                    }
                }
            }
            for (int o = 0; o < OUTPUTS; o++) {
                System.arraycopy(scratch[1 + o], 0, y[o], yOff + c, m);
            }
        }
    }

    /** Eight scalar chains side by side (Java 17's C2 does not vectorise sums of doubles, whose order it must keep). */
    @Override
    public void dots4(double[][] s, int base0, int base1, double[][][] g, int len, double[] out) {
        double c0 = 0.0;
        double c1 = 0.0;
        double c2 = 0.0;
        double c3 = 0.0;
        double d0 = 0.0;
        double d1 = 0.0;
        double d2 = 0.0;
        double d3 = 0.0;
        for (int j = 0; j < s.length; j++) {
            double[] x = s[j];
            double[] h0 = g[0][j];
            double[] h1 = g[1][j];
            double[] h2 = g[2][j];
            double[] h3 = g[3][j];
            for (int u = 0; u < len; u++) {
                double v = x[base0 + u];
                double w = x[base1 + u];
                c0 += v * h0[u];
                d0 += w * h0[u];
                c1 += v * h1[u];
                d1 += w * h1[u];
                c2 += v * h2[u];
                d2 += w * h2[u];
                c3 += v * h3[u];
                d3 += w * h3[u];
            }
        }
        out[0] = c0;
        out[1] = d0;
        out[2] = c1;
        out[3] = d1;
        out[4] = c2;
        out[5] = d2;
        out[6] = c3;
        out[7] = d3;
    }

    @Override
    public String name() {
        return "scalar";
    }
}
