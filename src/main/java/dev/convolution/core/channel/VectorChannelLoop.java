package dev.convolution.core.channel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ChannelLoop} in explicit SIMD (the incubating Vector API): the sums of eight outputs in registers while every
 * term passes over them, each output stored once ({@link #sum8}, on every runtime); the dot products of {@link #dots4}
 * in nested loops, which on a runtime whose C2 boxes vectors in nested loops ({@link #NESTED_LOOPS}) are the plain
 * loop's instead.
 */
final class VectorChannelLoop implements ChannelLoop {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();
    /** Whether {@link #sum8}'s three-vector loop runs: its 24 sums and 4 operands fit AVX-512's 32 registers. */
    private static final boolean THREE = L >= 8;

    /**
     * Whether C2 keeps vectors in registers through nested loops, as Java 25's does. Java 17's keeps them through one
     * loop but boxes them at the phis of nested ones, which makes {@link #dots4} (a loop over inputs around a loop along
     * the taps) slower than the plain loop there, so on Java 17 it is the plain loop's.
     */
    static final boolean NESTED_LOOPS = Runtime.version().feature() >= 25;

    /** Whether this instance runs {@link #dots4} in its own nested loops. */
    private final boolean nested;

    VectorChannelLoop() {
        this(NESTED_LOOPS);
    }

    /** @param nested {@link #dots4} in this loop's nested loops even on Java 17 (for tests) */
    VectorChannelLoop(boolean nested) {
        this.nested = nested;
    }

    /**
     * Eight outputs × three vectors of positions: 24 sums in registers while every term (an input's tap) passes over
     * them, three loads and eight broadcasts for 24 fused multiply-adds, each output stored once; then one vector at a
     * time, and the positions left in a masked vector. The terms are one loop (every input at its offset in one array),
     * so the sums are carried through one loop only, which Java 17's C2 keeps in registers too: this loop runs on Java
     * 17 as well. Three vectors only where 24 sums and 4 operands fit the registers (AVX-512's 32; AVX2 has 16).
     */
    @Override
    public void sum8(double[] x, int xBase, int[] off, double[] w, double[][] y, int yOff, int n) {
        int terms = off.length;
        DoubleVector z = DoubleVector.zero(SPECIES);
        int i = 0;
        for (; THREE && i + 3 * L <= n; i += 3 * L) {
            int base = xBase + i;
            int out = yOff + i;
            DoubleVector a0 = z, b0 = z, c0 = z;
            DoubleVector a1 = z, b1 = z, c1 = z;
            DoubleVector a2 = z, b2 = z, c2 = z;
            DoubleVector a3 = z, b3 = z, c3 = z;
            DoubleVector a4 = z, b4 = z, c4 = z;
            DoubleVector a5 = z, b5 = z, c5 = z;
            DoubleVector a6 = z, b6 = z, c6 = z;
            DoubleVector a7 = z, b7 = z, c7 = z;
            for (int q = 0, at = 0; q < terms; q++, at += OUTPUTS) {
                int o = base + off[q];
                DoubleVector u = DoubleVector.fromArray(SPECIES, x, o);
                DoubleVector v = DoubleVector.fromArray(SPECIES, x, o + L);
                DoubleVector t = DoubleVector.fromArray(SPECIES, x, o + 2 * L);
                DoubleVector h;
                h = DoubleVector.broadcast(SPECIES, w[at + 0]);
                a0 = u.fma(h, a0);
                b0 = v.fma(h, b0);
                c0 = t.fma(h, c0);
                h = DoubleVector.broadcast(SPECIES, w[at + 1]);
                a1 = u.fma(h, a1);
                b1 = v.fma(h, b1);
                c1 = t.fma(h, c1);
                h = DoubleVector.broadcast(SPECIES, w[at + 2]);
                a2 = u.fma(h, a2);
                b2 = v.fma(h, b2);
                c2 = t.fma(h, c2);
                h = DoubleVector.broadcast(SPECIES, w[at + 3]);
                a3 = u.fma(h, a3);
                b3 = v.fma(h, b3);
                c3 = t.fma(h, c3);
                h = DoubleVector.broadcast(SPECIES, w[at + 4]);
                a4 = u.fma(h, a4);
                b4 = v.fma(h, b4);
                c4 = t.fma(h, c4);
                h = DoubleVector.broadcast(SPECIES, w[at + 5]);
                a5 = u.fma(h, a5);
                b5 = v.fma(h, b5);
                c5 = t.fma(h, c5);
                h = DoubleVector.broadcast(SPECIES, w[at + 6]);
                a6 = u.fma(h, a6);
                b6 = v.fma(h, b6);
                c6 = t.fma(h, c6);
                h = DoubleVector.broadcast(SPECIES, w[at + 7]);
                a7 = u.fma(h, a7);
                b7 = v.fma(h, b7);
                c7 = t.fma(h, c7);
            }
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
            a4.intoArray(y[4], out);
            b4.intoArray(y[4], out + L);
            c4.intoArray(y[4], out + 2 * L);
            a5.intoArray(y[5], out);
            b5.intoArray(y[5], out + L);
            c5.intoArray(y[5], out + 2 * L);
            a6.intoArray(y[6], out);
            b6.intoArray(y[6], out + L);
            c6.intoArray(y[6], out + 2 * L);
            a7.intoArray(y[7], out);
            b7.intoArray(y[7], out + L);
            c7.intoArray(y[7], out + 2 * L);
        }
        for (; i + L <= n; i += L) {
            int base = xBase + i;
            int out = yOff + i;
            DoubleVector a0 = z;
            DoubleVector a1 = z;
            DoubleVector a2 = z;
            DoubleVector a3 = z;
            DoubleVector a4 = z;
            DoubleVector a5 = z;
            DoubleVector a6 = z;
            DoubleVector a7 = z;
            for (int q = 0, at = 0; q < terms; q++, at += OUTPUTS) {
                DoubleVector u = DoubleVector.fromArray(SPECIES, x, base + off[q]);
                a0 = u.fma(DoubleVector.broadcast(SPECIES, w[at + 0]), a0);
                a1 = u.fma(DoubleVector.broadcast(SPECIES, w[at + 1]), a1);
                a2 = u.fma(DoubleVector.broadcast(SPECIES, w[at + 2]), a2);
                a3 = u.fma(DoubleVector.broadcast(SPECIES, w[at + 3]), a3);
                a4 = u.fma(DoubleVector.broadcast(SPECIES, w[at + 4]), a4);
                a5 = u.fma(DoubleVector.broadcast(SPECIES, w[at + 5]), a5);
                a6 = u.fma(DoubleVector.broadcast(SPECIES, w[at + 6]), a6);
                a7 = u.fma(DoubleVector.broadcast(SPECIES, w[at + 7]), a7);
            }
            a0.intoArray(y[0], out);
            a1.intoArray(y[1], out);
            a2.intoArray(y[2], out);
            a3.intoArray(y[3], out);
            a4.intoArray(y[4], out);
            a5.intoArray(y[5], out);
            a6.intoArray(y[6], out);
            a7.intoArray(y[7], out);
        }
        if (i < n) {
            // the positions left, a masked vector
            VectorMask<Double> m = SPECIES.indexInRange(i, n);
            int base = xBase + i;
            int out = yOff + i;
            DoubleVector a0 = z;
            DoubleVector a1 = z;
            DoubleVector a2 = z;
            DoubleVector a3 = z;
            DoubleVector a4 = z;
            DoubleVector a5 = z;
            DoubleVector a6 = z;
            DoubleVector a7 = z;
            for (int q = 0, at = 0; q < terms; q++, at += OUTPUTS) {
                DoubleVector u = DoubleVector.fromArray(SPECIES, x, base + off[q], m);
                a0 = u.fma(DoubleVector.broadcast(SPECIES, w[at + 0]), a0);
                a1 = u.fma(DoubleVector.broadcast(SPECIES, w[at + 1]), a1);
                a2 = u.fma(DoubleVector.broadcast(SPECIES, w[at + 2]), a2);
                a3 = u.fma(DoubleVector.broadcast(SPECIES, w[at + 3]), a3);
                a4 = u.fma(DoubleVector.broadcast(SPECIES, w[at + 4]), a4);
                a5 = u.fma(DoubleVector.broadcast(SPECIES, w[at + 5]), a5);
                a6 = u.fma(DoubleVector.broadcast(SPECIES, w[at + 6]), a6);
                a7 = u.fma(DoubleVector.broadcast(SPECIES, w[at + 7]), a7);
            }
            a0.intoArray(y[0], out, m);
            a1.intoArray(y[1], out, m);
            a2.intoArray(y[2], out, m);
            a3.intoArray(y[3], out, m);
            a4.intoArray(y[4], out, m);
            a5.intoArray(y[5], out, m);
            a6.intoArray(y[6], out, m);
            a7.intoArray(y[7], out, m);
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
