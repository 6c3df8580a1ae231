package dev.convolution.core.channel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ChannelLoop} in explicit SIMD (the incubating Vector API): the sums of four outputs in registers while every
 * input and tap passes over them, each output stored once. On a runtime whose C2 boxes vectors in nested loops
 * ({@link #NESTED_LOOPS}) it runs the plain loops instead.
 */
final class VectorChannelLoop implements ChannelLoop {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();

    /**
     * Whether C2 keeps vectors in registers through nested loops, as Java 25's does. Java 17's keeps them through one
     * loop but boxes them at the phis of nested ones, which makes {@link #sum4} and {@link #dots4} (a loop over inputs
     * around a loop over taps) slower than the plain loops there, so on Java 17 they are the plain loops'. (Flattened
     * into single loops they beat the plain loops on 17 but lose to these on 25; see docs/performance.md.)
     */
    static final boolean NESTED_LOOPS = Runtime.version().feature() >= 25;

    /** Whether this instance runs {@link #sum4} and {@link #dots4} in its own nested loops. */
    private final boolean nested;

    VectorChannelLoop() {
        this(NESTED_LOOPS);
    }

    /** @param nested {@link #sum4} and {@link #dots4} in this loop's nested loops even on Java 17 (for tests) */
    VectorChannelLoop(boolean nested) {
        this.nested = nested;
    }

    /**
     * Four outputs × three vectors of positions: twelve sums in registers while every input and tap passes over them,
     * three loads and four broadcasts for twelve fused multiply-adds, each output stored once; then one vector at a
     * time, then one position at a time.
     */
    @Override
    public void sum4(double[][] s, int sBase, int[] off, double[][][] g, double[][] y, int yOff, int n) {
        if (!nested) {
            ScalarChannelLoop.INSTANCE.sum4(s, sBase, off, g, y, yOff, n);
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
            ScalarChannelLoop.INSTANCE.dots4(s, base0, base1, g, len, out);
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

    @Override
    public String name() {
        return "vector-" + L + (nested && !NESTED_LOOPS ? "-nested" : "");
    }
}
