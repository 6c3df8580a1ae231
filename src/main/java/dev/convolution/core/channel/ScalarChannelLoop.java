package dev.convolution.core.channel;

import java.util.Arrays;

/**
 * {@link ChannelLoop} in plain Java, shaped for C2's auto-vectoriser as {@link dev.convolution.core.direct.ScalarTileLoop} is: the values a pass
 * reads are copied to scratch lines first, so that the loop reads and writes at one index.
 */
final class ScalarChannelLoop implements ChannelLoop {
    static final ScalarChannelLoop INSTANCE = new ScalarChannelLoop();

    /** Positions summed at a time through the scratch lines (2 KiB a line, so all six stay in L1). */
    private static final int CHUNK = 256;

    /** Two scratch lines for the values of a pass and four for the sums, per thread (12 KiB). */
    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[6][CHUNK]);

    private ScalarChannelLoop() {
    }

    /**
     * Chunks of {@link #CHUNK} positions: two source lines at a time (an input at a tap each, copied so that the loop reads
     * them at the index it writes, which Java 17's C2 needs to vectorise) pass over four scratch sums.
     */
    @Override
    public void sum4(double[][] s, int sBase, int[] off, double[][][] g, double[][] y, int yOff, int n) {
        double[][] lines = SCRATCH.get();
        double[] l0 = lines[0];
        double[] l1 = lines[1];
        double[] a0 = lines[2];
        double[] a1 = lines[3];
        double[] a2 = lines[4];
        double[] a3 = lines[5];
        int inputs = s.length;
        int taps = off.length;
        int sources = inputs * taps;
        for (int c = 0; c < n; c += CHUNK) {
            int m = Math.min(CHUNK, n - c);
            Arrays.fill(a0, 0, m, 0.0);
            Arrays.fill(a1, 0, m, 0.0);
            Arrays.fill(a2, 0, m, 0.0);
            Arrays.fill(a3, 0, m, 0.0);
            int from = sBase + c;
            int q = 0;
            for (; q + 1 < sources; q += 2) {
                int j0 = q / taps;
                int t0 = q % taps;
                int j1 = (q + 1) / taps;
                int t1 = (q + 1) % taps;
                System.arraycopy(s[j0], from + off[t0], l0, 0, m);
                System.arraycopy(s[j1], from + off[t1], l1, 0, m);
                double w00 = g[0][j0][t0];
                double w01 = g[0][j1][t1];
                double w10 = g[1][j0][t0];
                double w11 = g[1][j1][t1];
                double w20 = g[2][j0][t0];
                double w21 = g[2][j1][t1];
                double w30 = g[3][j0][t0];
                double w31 = g[3][j1][t1];
                for (int u = 0; u < m; u++) {
                    double v0 = l0[u];
                    double v1 = l1[u];
                    a0[u] = a0[u] + w00 * v0 + w01 * v1;
                    a1[u] = a1[u] + w10 * v0 + w11 * v1;
                    a2[u] = a2[u] + w20 * v0 + w21 * v1;
                    a3[u] = a3[u] + w30 * v0 + w31 * v1;
                }
            }
            if (q < sources) {
                int j0 = q / taps;
                int t0 = q % taps;
                System.arraycopy(s[j0], from + off[t0], l0, 0, m);
                double w0 = g[0][j0][t0];
                double w1 = g[1][j0][t0];
                double w2 = g[2][j0][t0];
                double w3 = g[3][j0][t0];
                for (int u = 0; u < m; u++) {
                    double v0 = l0[u];
                    a0[u] += w0 * v0;
                    a1[u] += w1 * v0;
                    a2[u] += w2 * v0;
                    a3[u] += w3 * v0;
                }
            }
            System.arraycopy(a0, 0, y[0], yOff + c, m);
            System.arraycopy(a1, 0, y[1], yOff + c, m);
            System.arraycopy(a2, 0, y[2], yOff + c, m);
            System.arraycopy(a3, 0, y[3], yOff + c, m);
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
