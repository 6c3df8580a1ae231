package dev.convolution.core.channel;

import java.util.Arrays;

/**
 * {@link FloatChannelLoop} in plain Java, shaped for C2's auto-vectoriser as {@link ScalarChannelLoop} is: chunks of
 * positions, each term (an input's tap) copied to a scratch line so that the loop reads and writes at one index, eight scratch
 * sums per chunk.
 */
final class ScalarFloatChannelLoop implements FloatChannelLoop {
    static final ScalarFloatChannelLoop INSTANCE = new ScalarFloatChannelLoop();

    /** Positions summed at a time through the scratch lines (1 KiB a line: the line, eight sums and eight totals in L1). */
    private static final int CHUNK = 256;

    /** The line, eight group sums, per thread. */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[1 + OUTPUTS][CHUNK]);

    private ScalarFloatChannelLoop() {
    }

    @Override
    public void sum8(float[] x, int xBase, int[] off, float[] w, int groupTerms, float[][] y, int yOff, int n) {
        sum(OUTPUTS, x, xBase, off, w, groupTerms, y, yOff, n);
    }

    @Override
    public void sum2(float[] x, int xBase, int[] off, float[] w, int groupTerms, float[][] y, int yOff, int n) {
        sum(2, x, xBase, off, w, groupTerms, y, yOff, n);
    }

    /** The sums of {@code outputs} outputs, {@code w} interleaved by {@code outputs}. */
    private static void sum(int outputs, float[] x, int xBase, int[] off, float[] w, int groupTerms, float[][] y, int yOff, int n) {
        float[][] scratch = SCRATCH.get();
        float[] line = scratch[0];
        int terms = off.length;
        for (int c = 0; c < n; c += CHUNK) {
            int m = Math.min(CHUNK, n - c);
            int from = xBase + c;
            for (int q0 = 0; q0 < terms; q0 += groupTerms) {
                for (int o = 0; o < outputs; o++) {
                    Arrays.fill(scratch[1 + o], 0, m, 0.0f);
                }
                for (int q = q0; q < Math.min(terms, q0 + groupTerms); q++) {
                    System.arraycopy(x, from + off[q], line, 0, m);
                    for (int o = 0; o < outputs; o++) {
                        float h = w[q * outputs + o];
                        float[] a = scratch[1 + o];
                        for (int u = 0; u < m; u++) {
                            a[u] = Math.fma(line[u], h, a[u]);
                        }
                    }
                }
                for (int o = 0; o < outputs; o++) {
                    float[] a = scratch[1 + o];
                    float[] out = y[o];
                    if (q0 == 0) {
                        System.arraycopy(a, 0, out, yOff + c, m);
                    } else {
                        for (int u = 0; u < m; u++) {
                            out[yOff + c + u] += a[u];
                        }
                    }
                }
            }
        }
    }

    @Override
    public String name() {
        return "scalar";
    }
}
