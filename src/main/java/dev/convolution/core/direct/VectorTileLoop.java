package dev.convolution.core.direct;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link TileLoop} in explicit SIMD (the incubating Vector API): four vectors of outputs are kept
 * in registers while every tap passes over them, one broadcast and four fused multiply-adds per tap,
 * so each output is stored once. The tail runs the same fused multiply-adds one output at a time, so
 * every output is the same chain of roundings whichever lane computes it.
 */
final class VectorTileLoop implements TileLoop {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();

    /**
     * Whether C2 keeps vectors in registers through nested loops. Java 17's keeps them through one loop but boxes them
     * at the phis of nested ones: {@link #sum4} and {@link #dots4} (a loop over inputs around a loop over taps) ran 5–9×
     * slower there than the plain loops (LayerBenchmark L1–L4), so on Java 17 they are the plain loops'. {@link #sum}
     * and {@link #sum2} are single loops over the taps and run as fast on 17 as on 25. (Flattened into single loops,
     * sum4 and dots4 ran 1.7–2.6× faster than the plain loops on 17 but 5–16% slower than these on 25.)
     */
    static final boolean NESTED_LOOPS = Runtime.version().feature() >= 25;

    /** Whether this instance runs {@link #sum4} and {@link #dots4} in its own nested loops. */
    private final boolean nested;

    VectorTileLoop() {
        this(NESTED_LOOPS);
    }

    /** @param nested {@link #sum4} and {@link #dots4} in this loop's nested loops even on Java 17 (for tests) */
    VectorTileLoop(boolean nested) {
        this.nested = nested;
    }

    @Override
    public void sum(double[] s, int sBase, int[] off, double[] g, double[] y, int yOff, int n) {
        int taps = g.length;
        int i = 0;
        for (; i + 4 * L <= n; i += 4 * L) {
            DoubleVector a0 = DoubleVector.zero(SPECIES);
            DoubleVector a1 = a0;
            DoubleVector a2 = a0;
            DoubleVector a3 = a0;
            int base = sBase + i;
            for (int t = 0; t < taps; t++) {
                DoubleVector gv = DoubleVector.broadcast(SPECIES, g[t]);
                int o = base + off[t];
                a0 = DoubleVector.fromArray(SPECIES, s, o).fma(gv, a0);
                a1 = DoubleVector.fromArray(SPECIES, s, o + L).fma(gv, a1);
                a2 = DoubleVector.fromArray(SPECIES, s, o + 2 * L).fma(gv, a2);
                a3 = DoubleVector.fromArray(SPECIES, s, o + 3 * L).fma(gv, a3);
            }
            int out = yOff + i;
            a0.intoArray(y, out);
            a1.intoArray(y, out + L);
            a2.intoArray(y, out + 2 * L);
            a3.intoArray(y, out + 3 * L);
        }
        for (; i + L <= n; i += L) {
            DoubleVector a0 = DoubleVector.zero(SPECIES);
            int base = sBase + i;
            for (int t = 0; t < taps; t++) {
                a0 = DoubleVector.fromArray(SPECIES, s, base + off[t]).fma(DoubleVector.broadcast(SPECIES, g[t]), a0);
            }
            a0.intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            double acc = 0.0;
            int base = sBase + i;
            for (int t = 0; t < taps; t++) {
                acc = Math.fma(s[base + off[t]], g[t], acc);
            }
            y[yOff + i] = acc;
        }
    }

    /**
     * Two rows, four vectors each: eight independent chains of fused multiply-adds (two FMA units with
     * four cycles of latency need eight). Each row gets its taps in order, the same chain as in {@link #sum}; the second
     * row's chain runs {@code lag} taps behind the first's, where tap {@code t} of the first and tap {@code t − lag} of
     * the second read the same strip place (strip row r, in kernel rows, serves kernel row r of the first output row and
     * kernel row r − shift of the second), so there a tap costs four loads for eight fused multiply-adds. Where they do
     * not (at the edges of a group: a tap of the axes before the rows) the second row loads its own.
     *
     * <p>One loop over the taps, not a loop over groups around loops over taps: Java 17's C2 keeps vectors in registers
     * through one loop, but boxes them at the phis of nested loops (measured 8× slower on Java 17; the same on 25).
     */
    @Override
    public void sum2(double[] s, int sBase, int rowStep, int shift, int groups, int kernelRows, int[] off, double[] g,
            double[] y, int yOff0, int yOff1, int n) {
        int taps = g.length;
        int lag = Math.min(shift, kernelRows) * (taps / groups / kernelRows);
        int shiftBase = shift * rowStep;
        int i = 0;
        for (; i + 4 * L <= n; i += 4 * L) {
            DoubleVector a0 = DoubleVector.zero(SPECIES);
            DoubleVector a1 = a0;
            DoubleVector a2 = a0;
            DoubleVector a3 = a0;
            DoubleVector b0 = a0;
            DoubleVector b1 = a0;
            DoubleVector b2 = a0;
            DoubleVector b3 = a0;
            int base = sBase + i;
            int second = base + shiftBase;
            // the first row's taps before the second row's chain starts
            for (int t = 0; t < lag; t++) {
                DoubleVector ga = DoubleVector.broadcast(SPECIES, g[t]);
                int o = base + off[t];
                a0 = DoubleVector.fromArray(SPECIES, s, o).fma(ga, a0);
                a1 = DoubleVector.fromArray(SPECIES, s, o + L).fma(ga, a1);
                a2 = DoubleVector.fromArray(SPECIES, s, o + 2 * L).fma(ga, a2);
                a3 = DoubleVector.fromArray(SPECIES, s, o + 3 * L).fma(ga, a3);
            }
            // tap t of the first row beside tap t − lag of the second, sharing the loads where they read one place
            for (int t = lag; t < taps; t++) {
                int u = t - lag;
                DoubleVector ga = DoubleVector.broadcast(SPECIES, g[t]);
                DoubleVector gb = DoubleVector.broadcast(SPECIES, g[u]);
                int o = base + off[t];
                DoubleVector v0 = DoubleVector.fromArray(SPECIES, s, o);
                DoubleVector v1 = DoubleVector.fromArray(SPECIES, s, o + L);
                DoubleVector v2 = DoubleVector.fromArray(SPECIES, s, o + 2 * L);
                DoubleVector v3 = DoubleVector.fromArray(SPECIES, s, o + 3 * L);
                a0 = v0.fma(ga, a0);
                a1 = v1.fma(ga, a1);
                a2 = v2.fma(ga, a2);
                a3 = v3.fma(ga, a3);
                int ob = second + off[u];
                if (ob != o) {
                    v0 = DoubleVector.fromArray(SPECIES, s, ob);
                    v1 = DoubleVector.fromArray(SPECIES, s, ob + L);
                    v2 = DoubleVector.fromArray(SPECIES, s, ob + 2 * L);
                    v3 = DoubleVector.fromArray(SPECIES, s, ob + 3 * L);
                }
                b0 = v0.fma(gb, b0);
                b1 = v1.fma(gb, b1);
                b2 = v2.fma(gb, b2);
                b3 = v3.fma(gb, b3);
            }
            // the second row's last taps
            for (int u = taps - lag; u < taps; u++) {
                DoubleVector gb = DoubleVector.broadcast(SPECIES, g[u]);
                int o = second + off[u];
                b0 = DoubleVector.fromArray(SPECIES, s, o).fma(gb, b0);
                b1 = DoubleVector.fromArray(SPECIES, s, o + L).fma(gb, b1);
                b2 = DoubleVector.fromArray(SPECIES, s, o + 2 * L).fma(gb, b2);
                b3 = DoubleVector.fromArray(SPECIES, s, o + 3 * L).fma(gb, b3);
            }
            int out0 = yOff0 + i;
            a0.intoArray(y, out0);
            a1.intoArray(y, out0 + L);
            a2.intoArray(y, out0 + 2 * L);
            a3.intoArray(y, out0 + 3 * L);
            int out1 = yOff1 + i;
            b0.intoArray(y, out1);
            b1.intoArray(y, out1 + L);
            b2.intoArray(y, out1 + 2 * L);
            b3.intoArray(y, out1 + 3 * L);
        }
        if (i < n) {
            sum(s, sBase + i, off, g, y, yOff0 + i, n - i);
            sum(s, sBase + shiftBase + i, off, g, y, yOff1 + i, n - i);
        }
    }

    /**
     * Four outputs × three vectors of positions: twelve sums in registers while every input and tap passes over them,
     * three loads and four broadcasts for twelve fused multiply-adds, each output stored once; then one vector at a
     * time, then one position at a time.
     */
    @Override
    public void sum4(double[][] s, int sBase, int[] off, double[][][] g, double[][] y, int yOff, int n) {
        if (!nested) {
            ScalarTileLoop.INSTANCE.sum4(s, sBase, off, g, y, yOff, n);
            return;
        }
        int inputs = s.length;
        int taps = off.length;
        double[][] g0 = g[0];
        double[][] g1 = g[1];
        double[][] g2 = g[2];
        double[][] g3 = g[3];
        int i = 0;
        for (; i + 3 * L <= n; i += 3 * L) {
            DoubleVector a0 = DoubleVector.zero(SPECIES);
            DoubleVector a1 = a0;
            DoubleVector a2 = a0;
            DoubleVector a3 = a0;
            DoubleVector b0 = a0;
            DoubleVector b1 = a0;
            DoubleVector b2 = a0;
            DoubleVector b3 = a0;
            DoubleVector c0 = a0;
            DoubleVector c1 = a0;
            DoubleVector c2 = a0;
            DoubleVector c3 = a0;
            int base = sBase + i;
            for (int j = 0; j < inputs; j++) {
                double[] x = s[j];
                double[] h0 = g0[j];
                double[] h1 = g1[j];
                double[] h2 = g2[j];
                double[] h3 = g3[j];
                for (int t = 0; t < taps; t++) {
                    int o = base + off[t];
                    DoubleVector u = DoubleVector.fromArray(SPECIES, x, o);
                    DoubleVector v = DoubleVector.fromArray(SPECIES, x, o + L);
                    DoubleVector w = DoubleVector.fromArray(SPECIES, x, o + 2 * L);
                    DoubleVector q = DoubleVector.broadcast(SPECIES, h0[t]);
                    a0 = u.fma(q, a0);
                    b0 = v.fma(q, b0);
                    c0 = w.fma(q, c0);
                    q = DoubleVector.broadcast(SPECIES, h1[t]);
                    a1 = u.fma(q, a1);
                    b1 = v.fma(q, b1);
                    c1 = w.fma(q, c1);
                    q = DoubleVector.broadcast(SPECIES, h2[t]);
                    a2 = u.fma(q, a2);
                    b2 = v.fma(q, b2);
                    c2 = w.fma(q, c2);
                    q = DoubleVector.broadcast(SPECIES, h3[t]);
                    a3 = u.fma(q, a3);
                    b3 = v.fma(q, b3);
                    c3 = w.fma(q, c3);
                }
            }
            int out = yOff + i;
            a0.intoArray(y[0], out);
            b0.intoArray(y[0], out + L);
            c0.intoArray(y[0], out + 2 * L);
            a1.intoArray(y[1], out);
            b1.intoArray(y[1], out + L);
            c1.intoArray(y[1], out + 2 * L);
            a2.intoArray(y[2], out);
            b2.intoArray(y[2], out + L);
            c2.intoArray(y[2], out + 2 * L);
            a3.intoArray(y[3], out);
            b3.intoArray(y[3], out + L);
            c3.intoArray(y[3], out + 2 * L);
        }
        for (; i + L <= n; i += L) {
            DoubleVector a0 = DoubleVector.zero(SPECIES);
            DoubleVector a1 = a0;
            DoubleVector a2 = a0;
            DoubleVector a3 = a0;
            int base = sBase + i;
            for (int j = 0; j < inputs; j++) {
                double[] x = s[j];
                double[] h0 = g0[j];
                double[] h1 = g1[j];
                double[] h2 = g2[j];
                double[] h3 = g3[j];
                for (int t = 0; t < taps; t++) {
                    DoubleVector u = DoubleVector.fromArray(SPECIES, x, base + off[t]);
                    a0 = u.fma(DoubleVector.broadcast(SPECIES, h0[t]), a0);
                    a1 = u.fma(DoubleVector.broadcast(SPECIES, h1[t]), a1);
                    a2 = u.fma(DoubleVector.broadcast(SPECIES, h2[t]), a2);
                    a3 = u.fma(DoubleVector.broadcast(SPECIES, h3[t]), a3);
                }
            }
            int out = yOff + i;
            a0.intoArray(y[0], out);
            a1.intoArray(y[1], out);
            a2.intoArray(y[2], out);
            a3.intoArray(y[3], out);
        }
        for (; i < n; i++) {
            double c0 = 0.0;
            double c1 = 0.0;
            double c2 = 0.0;
            double c3 = 0.0;
            int base = sBase + i;
            for (int j = 0; j < inputs; j++) {
                double[] x = s[j];
                for (int t = 0; t < taps; t++) {
                    double v = x[base + off[t]];
                    c0 = Math.fma(v, g0[j][t], c0);
                    c1 = Math.fma(v, g1[j][t], c1);
                    c2 = Math.fma(v, g2[j][t], c2);
                    c3 = Math.fma(v, g3[j][t], c3);
                }
            }
            y[0][yOff + i] = c0;
            y[1][yOff + i] = c1;
            y[2][yOff + i] = c2;
            y[3][yOff + i] = c3;
        }
    }

    /** A vector of each of the eight sums, two loads from the inputs and four from the kernels for eight FMAs. */
    @Override
    public void dots4(double[][] s, int base0, int base1, double[][][] g, int len, double[] out) {
        if (!nested) {
            ScalarTileLoop.INSTANCE.dots4(s, base0, base1, g, len, out);
            return;
        }
        DoubleVector a0 = DoubleVector.zero(SPECIES);
        DoubleVector a1 = a0;
        DoubleVector a2 = a0;
        DoubleVector a3 = a0;
        DoubleVector b0 = a0;
        DoubleVector b1 = a0;
        DoubleVector b2 = a0;
        DoubleVector b3 = a0;
        double c0 = 0.0;
        double c1 = 0.0;
        double c2 = 0.0;
        double c3 = 0.0;
        double d0 = 0.0;
        double d1 = 0.0;
        double d2 = 0.0;
        double d3 = 0.0;
        int whole = len - len % L;
        for (int j = 0; j < s.length; j++) {
            double[] x = s[j];
            double[] h0 = g[0][j];
            double[] h1 = g[1][j];
            double[] h2 = g[2][j];
            double[] h3 = g[3][j];
            int u = 0;
            for (; u < whole; u += L) {
                DoubleVector v = DoubleVector.fromArray(SPECIES, x, base0 + u);
                DoubleVector w = DoubleVector.fromArray(SPECIES, x, base1 + u);
                DoubleVector q = DoubleVector.fromArray(SPECIES, h0, u);
                a0 = v.fma(q, a0);
                b0 = w.fma(q, b0);
                q = DoubleVector.fromArray(SPECIES, h1, u);
                a1 = v.fma(q, a1);
                b1 = w.fma(q, b1);
                q = DoubleVector.fromArray(SPECIES, h2, u);
                a2 = v.fma(q, a2);
                b2 = w.fma(q, b2);
                q = DoubleVector.fromArray(SPECIES, h3, u);
                a3 = v.fma(q, a3);
                b3 = w.fma(q, b3);
            }
            for (; u < len; u++) {
                double v = x[base0 + u];
                double w = x[base1 + u];
                c0 = Math.fma(v, h0[u], c0);
                d0 = Math.fma(w, h0[u], d0);
                c1 = Math.fma(v, h1[u], c1);
                d1 = Math.fma(w, h1[u], d1);
                c2 = Math.fma(v, h2[u], c2);
                d2 = Math.fma(w, h2[u], d2);
                c3 = Math.fma(v, h3[u], c3);
                d3 = Math.fma(w, h3[u], d3);
            }
        }
        out[0] = a0.reduceLanes(VectorOperators.ADD) + c0;
        out[1] = b0.reduceLanes(VectorOperators.ADD) + d0;
        out[2] = a1.reduceLanes(VectorOperators.ADD) + c1;
        out[3] = b1.reduceLanes(VectorOperators.ADD) + d1;
        out[4] = a2.reduceLanes(VectorOperators.ADD) + c2;
        out[5] = b2.reduceLanes(VectorOperators.ADD) + d2;
        out[6] = a3.reduceLanes(VectorOperators.ADD) + c3;
        out[7] = b3.reduceLanes(VectorOperators.ADD) + d3;
    }

    /**
     * Fitted to scripts/bench-sweep (direct medians on Java 25 over Java 17's plain loop, per
     * multiply-add, same session). 8 lanes (AVX-512, Zen 5): about 0.16 in 2D (0.18 at 15×15, 0.14 at
     * 31×31 and 63×63 on 1024²), 0.19 in 1D (255 to 4095 taps); C2 vectorises the plain loop 8 wide as
     * well, hence not 1/8. 4 lanes (an AVX2-only VM, one-row loop, an earlier session): 0.275 in 2D,
     * 0.1375 in 1D. Other widths are unmeasured and assumed to scale from the 8-lane figures.
     */
    /** Four vectors of running sums, then one value at a time. */
    @Override
    public boolean allFinite(double[] y, int from, int n) {
        DoubleVector zero = DoubleVector.zero(SPECIES);
        DoubleVector z0 = zero;
        DoubleVector z1 = zero;
        DoubleVector z2 = zero;
        DoubleVector z3 = zero;
        int i = from;
        int end = from + n;
        for (; i + 4 * L <= end; i += 4 * L) {
            z0 = DoubleVector.fromArray(SPECIES, y, i).fma(zero, z0);
            z1 = DoubleVector.fromArray(SPECIES, y, i + L).fma(zero, z1);
            z2 = DoubleVector.fromArray(SPECIES, y, i + 2 * L).fma(zero, z2);
            z3 = DoubleVector.fromArray(SPECIES, y, i + 3 * L).fma(zero, z3);
        }
        double z = z0.add(z1).add(z2).add(z3).reduceLanes(VectorOperators.ADD);
        for (; i < end; i++) {
            z += y[i] * 0.0;
        }
        return z == 0.0;
    }

    @Override
    public double relativeCost(boolean oneDimensional) {
        if (L == 4) {
            return oneDimensional ? 0.1375 : 0.275;
        }
        return (oneDimensional ? 1.5 : 1.3) / L;
    }

    @Override
    public String name() {
        return "vector-" + L + (nested && !NESTED_LOOPS ? "-nested" : "");
    }
}
