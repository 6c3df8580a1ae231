package dev.convolution.core.direct;

/**
 * {@link TileLoop} in plain Java, shaped for C2's auto-vectoriser: the taps are summed up to eight
 * per pass over the outputs, the first pass setting them and later passes adding to them, so each
 * output is loaded and stored once per eight multiply-adds. The first pass starts from {@code 0.0 +}
 * so an all-zero sum is +0.
 *
 * <p>Java 17's C2 vectorises a loop only when its loads and stores use the same index: it cannot
 * tell that {@code y[yOff + u]} and {@code s[o + u]} are different places, so {@code y[yOff + u] +=
 * g·s[o + u]} runs one value at a time, several times slower than {@code y[u] += g·s[u]} (Java 25
 * vectorises both). So for rows of {@link #SHORT} outputs or more, the sums run
 * over chunks of {@link #CHUNK} outputs: each tap's values are copied to a scratch line of their own
 * ({@code System.arraycopy}, which is vectorised), the passes sum line {@code k} at index {@code u}
 * into a scratch accumulator at index {@code u}, and the chunk is copied to its place. Same
 * products, same order of additions as the loop over outputs that shorter rows use: the same bits.
 */
final class ScalarTileLoop implements TileLoop {
    static final ScalarTileLoop INSTANCE = new ScalarTileLoop();

    /** Outputs summed at a time through the scratch lines (2 KiB a line, so all nine stay in L1). */
    static final int CHUNK = 256;
    /** Rows shorter than this are summed in place: the copies would cost more than they save. */
    static final int SHORT = 32;

    /** Rows share lines ({@link #sumRows}) when they have at most this many taps. */
    static final int SHARED_TAPS = 32;

    /** Lines of two rows' taps and one for the sums, per thread (130 KiB), for {@link #sumRows}. */
    private static final ThreadLocal<double[][]> SHARED = ThreadLocal.withInitial(() -> new double[2 * SHARED_TAPS + 1][CHUNK]);

    /** Eight scratch lines for the taps of a pass and one for the sums, per thread (18 KiB). */
    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[9][CHUNK]);

    private ScalarTileLoop() {
    }

    @Override
    public void sum(double[] s, int sBase, int[] off, double[] g, double[] y, int yOff, int n) {
        if (n < SHORT) {
            inPlace(s, sBase, off, g, y, yOff, n);
            return;
        }
        double[][] lines = SCRATCH.get();
        double[] acc = lines[8];
        for (int c = 0; c < n; c += CHUNK) {
            int m = Math.min(CHUNK, n - c);
            int from = sBase + c;
            int taps = g.length;
            int j = 0;
            boolean first = true;
            while (j < taps) {
                int k = passLength(taps - j);
                for (int q = 0; q < k; q++) {
                    System.arraycopy(s, from + off[j + q], lines[q], 0, m);
                }
                if (k == 8) {
                    pass8(acc, lines[0], lines[1], lines[2], lines[3], lines[4], lines[5], lines[6], lines[7], g, j, m, first);
                } else if (k == 4) {
                    pass4(acc, lines[0], lines[1], lines[2], lines[3], g, j, m, first);
                } else {
                    pass1(acc, lines[0], g[j], m, first);
                }
                j += k;
                first = false;
            }
            System.arraycopy(acc, 0, y, yOff + c, m);
        }
    }

    /**
     * The rows of a tile, chunk by chunk going down the rows: a tap's line of a row is the line of another tap of the row
     * before (tap (r, c) of row k reads where tap (r + 1, c) of row k − 1 did, when the rows step by the kernel rows'
     * step), so only the lines no tap of the row before read are copied: for a 3×3 kernel three copies a row instead
     * of nine. Each row's sums are {@link #sum}'s: the same passes over the same lines.
     */
    @Override
    public void sumRows(double[] s, int sBase, TileRows rows, int[] off, double[] g, double[] y, int yOff, int yStep, int n) {
        int taps = g.length;
        int[] previous = rows.count() > 1 && n >= SHORT && taps <= SHARED_TAPS ? previousTaps(off, rows.step()) : null;
        if (previous == null) {
            TileLoop.super.sumRows(s, sBase, rows, off, g, y, yOff, yStep, n);
            return;
        }
        double[][] buffers = SHARED.get();
        double[] acc = buffers[2 * SHARED_TAPS];
        boolean[] kept = new boolean[taps]; // the line of this tap serves a tap of the next row
        for (int p : previous) {
            if (p >= 0) {
                kept[p] = true;
            }
        }
        double[][] line = new double[taps][];
        double[][] before = new double[taps][];
        double[][] free = new double[2 * taps][];
        for (int c = 0; c < n; c += CHUNK) {
            int m = Math.min(CHUNK, n - c);
            int freeCount = 0;
            for (int i = 0; i < 2 * taps; i++) {
                free[freeCount++] = buffers[i];
            }
            for (int k = 0; k < rows.count(); k++) {
                if (k > 0) {
                    double[][] t = before;
                    before = line;
                    line = t;
                    for (int q = 0; q < taps; q++) {
                        if (!kept[q]) {
                            free[freeCount++] = before[q];
                        }
                    }
                }
                int from = sBase + k * rows.step() + c;
                for (int q = 0; q < taps; q++) {
                    if (k > 0 && previous[q] >= 0) {
                        line[q] = before[previous[q]];
                    } else {
                        line[q] = free[--freeCount];
                        System.arraycopy(s, from + off[q], line[q], 0, m);
                    }
                }
                // sum's passes, written out here: one call deeper and Java 17's C2 no longer inlines them, nor vectorises them
                int j = 0;
                boolean firstPass = true;
                while (j < taps) {
                    int kk = passLength(taps - j);
                    if (kk == 8) {
                        pass8(acc, line[j], line[j + 1], line[j + 2], line[j + 3], line[j + 4], line[j + 5], line[j + 6], line[j + 7], g,
                                j, m, firstPass);
                    } else if (kk == 4) {
                        pass4(acc, line[j], line[j + 1], line[j + 2], line[j + 3], g, j, m, firstPass);
                    } else {
                        pass1(acc, line[j], g[j], m, firstPass);
                    }
                    j += kk;
                    firstPass = false;
                }
                System.arraycopy(acc, 0, y, yOff + k * yStep + c, m);
            }
        }
    }

    /**
     * For each tap, the tap whose line in the row before is its line ({@code off[p] = off[t] + step}), or −1; null when
     * no tap has one or the offsets are not ascending (then nothing is shared).
     */
    static int[] previousTaps(int[] off, int step) {
        int[] previous = new int[off.length];
        boolean any = false;
        for (int t = 0; t < off.length; t++) {
            if (t > 0 && off[t] <= off[t - 1]) {
                return null;
            }
        }
        for (int t = 0; t < off.length; t++) {
            int p = java.util.Arrays.binarySearch(off, off[t] + step);
            previous[t] = p >= 0 ? p : -1;
            any |= p >= 0;
        }
        return any ? previous : null;
    }

    /**
     * Short rows: the same passes reading the strip where it is (one value at a time on Java 17,
     * which for rows this short is faster than copying).
     */
    private static void inPlace(double[] s, int sBase, int[] off, double[] g, double[] y, int yOff, int n) {
        int taps = g.length;
        int j = 0;
        boolean first = true;
        while (j < taps) {
            int left = taps - j;
            if (left >= 8) {
                inPlace8(y, yOff, s, sBase, off, g, j, n, first);
                j += 8;
            } else if (left >= 4) {
                inPlace4(y, yOff, s, sBase, off, g, j, n, first);
                j += 4;
            } else {
                inPlace1(y, yOff, s, sBase + off[j], g[j], n, first);
                j += 1;
            }
            first = false;
        }
    }

    private static void inPlace8(double[] y, int a0, double[] s, int sBase, int[] off, double[] g, int j, int n, boolean first) {
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

    private static void inPlace4(double[] y, int a0, double[] s, int sBase, int[] off, double[] g, int j, int n, boolean first) {
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

    private static void inPlace1(double[] y, int a0, double[] s, int o0, double g0, int n, boolean first) {
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

    /** Taps in the next pass: eight, four or one. */
    private static int passLength(int left) {
        return left >= 8 ? 8 : left >= 4 ? 4 : 1;
    }

    private static void pass8(double[] y, double[] s0, double[] s1, double[] s2, double[] s3, double[] s4,
            double[] s5, double[] s6, double[] s7, double[] g, int j, int n, boolean first) {
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
                y[u] = 0.0 + g0 * s0[u] + g1 * s1[u] + g2 * s2[u] + g3 * s3[u]
                        + g4 * s4[u] + g5 * s5[u] + g6 * s6[u] + g7 * s7[u];
            }
        } else {
            for (int u = 0; u < n; u++) {
                y[u] += g0 * s0[u] + g1 * s1[u] + g2 * s2[u] + g3 * s3[u]
                        + g4 * s4[u] + g5 * s5[u] + g6 * s6[u] + g7 * s7[u];
            }
        }
    }

    private static void pass4(double[] y, double[] s0, double[] s1, double[] s2, double[] s3, double[] g, int j,
            int n, boolean first) {
        double g0 = g[j];
        double g1 = g[j + 1];
        double g2 = g[j + 2];
        double g3 = g[j + 3];
        if (first) {
            for (int u = 0; u < n; u++) {
                y[u] = 0.0 + g0 * s0[u] + g1 * s1[u] + g2 * s2[u] + g3 * s3[u];
            }
        } else {
            for (int u = 0; u < n; u++) {
                y[u] += g0 * s0[u] + g1 * s1[u] + g2 * s2[u] + g3 * s3[u];
            }
        }
    }

    private static void pass1(double[] y, double[] s0, double g0, int n, boolean first) {
        if (first) {
            for (int u = 0; u < n; u++) {
                y[u] = 0.0 + g0 * s0[u];
            }
        } else {
            for (int u = 0; u < n; u++) {
                y[u] += g0 * s0[u];
            }
        }
    }

    /** Eight running sums side by side (C2 keeps the order of a sum of doubles, so one sum would be one long chain). */
    @Override
    public boolean allFinite(double[] y, int from, int n) {
        double z0 = 0.0;
        double z1 = 0.0;
        double z2 = 0.0;
        double z3 = 0.0;
        double z4 = 0.0;
        double z5 = 0.0;
        double z6 = 0.0;
        double z7 = 0.0;
        int i = from;
        int end = from + n;
        for (; i + 8 <= end; i += 8) {
            z0 += y[i] * 0.0;
            z1 += y[i + 1] * 0.0;
            z2 += y[i + 2] * 0.0;
            z3 += y[i + 3] * 0.0;
            z4 += y[i + 4] * 0.0;
            z5 += y[i + 5] * 0.0;
            z6 += y[i + 6] * 0.0;
            z7 += y[i + 7] * 0.0;
        }
        for (; i < end; i++) {
            z0 += y[i] * 0.0;
        }
        return z0 + z1 + z2 + z3 + z4 + z5 + z6 + z7 == 0.0;
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
