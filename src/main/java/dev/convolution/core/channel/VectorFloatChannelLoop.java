package dev.convolution.core.channel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatChannelLoop} in explicit SIMD (the incubating Vector API): eight outputs × three vectors of positions,
 * 24 sums in registers while every input and tap of a group passes over them (three loads and eight broadcasts for 24
 * fused multiply-adds), each group's sums stored or added once; then one vector at a time, and the positions left in a
 * masked vector. The
 * terms are one loop (every input at its offset in one array), so the sums are carried through one loop only, which
 * Java 17's C2 keeps in registers too: unlike {@link VectorChannelLoop}, this loop runs on Java 17 as well.
 */
final class VectorFloatChannelLoop implements FloatChannelLoop {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();
    /**
     * Whether the three-vector loop runs: its 24 sums and 4 operands fit AVX-512's 32 registers, not AVX2's 16 (there the
     * one-vector loop, 8 sums, runs instead).
     */
    private static final boolean THREE = L >= 16;

    @Override
    public void sum8(float[] x, int xBase, int[] off, float[] k, int groupTerms, float[][] y, int yOff, int n) {
        for (int from = 0; from < off.length; from += groupTerms) {
            group(x, xBase, off, k, from, Math.min(off.length, from + groupTerms), y, yOff, n);
        }
    }

    /** The terms {@code from … to−1} (one group) over every position, their sums stored (the first group) or added. */
    private static void group(float[] x, int xBase, int[] off, float[] k, int from, int to, float[][] y, int yOff, int n) {
        int terms = to;
        int groupTerms = to - from;
        FloatVector z = FloatVector.zero(SPECIES);
        int i = 0;
        for (; THREE && i + 3 * L <= n; i += 3 * L) {
            int base = xBase + i;
            int out = yOff + i;
            for (int q0 = from; q0 < terms; q0 += groupTerms) {
                FloatVector a0 = z, b0 = z, c0 = z;
                FloatVector a1 = z, b1 = z, c1 = z;
                FloatVector a2 = z, b2 = z, c2 = z;
                FloatVector a3 = z, b3 = z, c3 = z;
                FloatVector a4 = z, b4 = z, c4 = z;
                FloatVector a5 = z, b5 = z, c5 = z;
                FloatVector a6 = z, b6 = z, c6 = z;
                FloatVector a7 = z, b7 = z, c7 = z;
                int q1 = Math.min(terms, q0 + groupTerms);
                for (int q = q0, at = q0 * OUTPUTS; q < q1; q++, at += OUTPUTS) {
                    int o = base + off[q];
                    FloatVector u = FloatVector.fromArray(SPECIES, x, o);
                    FloatVector v = FloatVector.fromArray(SPECIES, x, o + L);
                    FloatVector w = FloatVector.fromArray(SPECIES, x, o + 2 * L);
                    FloatVector h;
                    h = FloatVector.broadcast(SPECIES, k[at + 0]);
                    a0 = u.fma(h, a0);
                    b0 = v.fma(h, b0);
                    c0 = w.fma(h, c0);
                    h = FloatVector.broadcast(SPECIES, k[at + 1]);
                    a1 = u.fma(h, a1);
                    b1 = v.fma(h, b1);
                    c1 = w.fma(h, c1);
                    h = FloatVector.broadcast(SPECIES, k[at + 2]);
                    a2 = u.fma(h, a2);
                    b2 = v.fma(h, b2);
                    c2 = w.fma(h, c2);
                    h = FloatVector.broadcast(SPECIES, k[at + 3]);
                    a3 = u.fma(h, a3);
                    b3 = v.fma(h, b3);
                    c3 = w.fma(h, c3);
                    h = FloatVector.broadcast(SPECIES, k[at + 4]);
                    a4 = u.fma(h, a4);
                    b4 = v.fma(h, b4);
                    c4 = w.fma(h, c4);
                    h = FloatVector.broadcast(SPECIES, k[at + 5]);
                    a5 = u.fma(h, a5);
                    b5 = v.fma(h, b5);
                    c5 = w.fma(h, c5);
                    h = FloatVector.broadcast(SPECIES, k[at + 6]);
                    a6 = u.fma(h, a6);
                    b6 = v.fma(h, b6);
                    c6 = w.fma(h, c6);
                    h = FloatVector.broadcast(SPECIES, k[at + 7]);
                    a7 = u.fma(h, a7);
                    b7 = v.fma(h, b7);
                    c7 = w.fma(h, c7);
                }
                if (q0 == 0) {
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
                } else {
                    FloatVector.fromArray(SPECIES, y[0], out).add(a0).intoArray(y[0], out);
                    FloatVector.fromArray(SPECIES, y[0], out + L).add(b0).intoArray(y[0], out + L);
                    FloatVector.fromArray(SPECIES, y[0], out + 2 * L).add(c0).intoArray(y[0], out + 2 * L);
                    FloatVector.fromArray(SPECIES, y[1], out).add(a1).intoArray(y[1], out);
                    FloatVector.fromArray(SPECIES, y[1], out + L).add(b1).intoArray(y[1], out + L);
                    FloatVector.fromArray(SPECIES, y[1], out + 2 * L).add(c1).intoArray(y[1], out + 2 * L);
                    FloatVector.fromArray(SPECIES, y[2], out).add(a2).intoArray(y[2], out);
                    FloatVector.fromArray(SPECIES, y[2], out + L).add(b2).intoArray(y[2], out + L);
                    FloatVector.fromArray(SPECIES, y[2], out + 2 * L).add(c2).intoArray(y[2], out + 2 * L);
                    FloatVector.fromArray(SPECIES, y[3], out).add(a3).intoArray(y[3], out);
                    FloatVector.fromArray(SPECIES, y[3], out + L).add(b3).intoArray(y[3], out + L);
                    FloatVector.fromArray(SPECIES, y[3], out + 2 * L).add(c3).intoArray(y[3], out + 2 * L);
                    FloatVector.fromArray(SPECIES, y[4], out).add(a4).intoArray(y[4], out);
                    FloatVector.fromArray(SPECIES, y[4], out + L).add(b4).intoArray(y[4], out + L);
                    FloatVector.fromArray(SPECIES, y[4], out + 2 * L).add(c4).intoArray(y[4], out + 2 * L);
                    FloatVector.fromArray(SPECIES, y[5], out).add(a5).intoArray(y[5], out);
                    FloatVector.fromArray(SPECIES, y[5], out + L).add(b5).intoArray(y[5], out + L);
                    FloatVector.fromArray(SPECIES, y[5], out + 2 * L).add(c5).intoArray(y[5], out + 2 * L);
                    FloatVector.fromArray(SPECIES, y[6], out).add(a6).intoArray(y[6], out);
                    FloatVector.fromArray(SPECIES, y[6], out + L).add(b6).intoArray(y[6], out + L);
                    FloatVector.fromArray(SPECIES, y[6], out + 2 * L).add(c6).intoArray(y[6], out + 2 * L);
                    FloatVector.fromArray(SPECIES, y[7], out).add(a7).intoArray(y[7], out);
                    FloatVector.fromArray(SPECIES, y[7], out + L).add(b7).intoArray(y[7], out + L);
                    FloatVector.fromArray(SPECIES, y[7], out + 2 * L).add(c7).intoArray(y[7], out + 2 * L);
                }
            }
        }
        for (; i + L <= n; i += L) {
            int base = xBase + i;
            int out = yOff + i;
            for (int q0 = from; q0 < terms; q0 += groupTerms) {
                FloatVector a0 = z;
                FloatVector a1 = z;
                FloatVector a2 = z;
                FloatVector a3 = z;
                FloatVector a4 = z;
                FloatVector a5 = z;
                FloatVector a6 = z;
                FloatVector a7 = z;
                int q1 = Math.min(terms, q0 + groupTerms);
                for (int q = q0, at = q0 * OUTPUTS; q < q1; q++, at += OUTPUTS) {
                    FloatVector u = FloatVector.fromArray(SPECIES, x, base + off[q]);
                    a0 = u.fma(FloatVector.broadcast(SPECIES, k[at + 0]), a0);
                    a1 = u.fma(FloatVector.broadcast(SPECIES, k[at + 1]), a1);
                    a2 = u.fma(FloatVector.broadcast(SPECIES, k[at + 2]), a2);
                    a3 = u.fma(FloatVector.broadcast(SPECIES, k[at + 3]), a3);
                    a4 = u.fma(FloatVector.broadcast(SPECIES, k[at + 4]), a4);
                    a5 = u.fma(FloatVector.broadcast(SPECIES, k[at + 5]), a5);
                    a6 = u.fma(FloatVector.broadcast(SPECIES, k[at + 6]), a6);
                    a7 = u.fma(FloatVector.broadcast(SPECIES, k[at + 7]), a7);
                }
                if (q0 == 0) {
                    a0.intoArray(y[0], out);
                    a1.intoArray(y[1], out);
                    a2.intoArray(y[2], out);
                    a3.intoArray(y[3], out);
                    a4.intoArray(y[4], out);
                    a5.intoArray(y[5], out);
                    a6.intoArray(y[6], out);
                    a7.intoArray(y[7], out);
                } else {
                    FloatVector.fromArray(SPECIES, y[0], out).add(a0).intoArray(y[0], out);
                    FloatVector.fromArray(SPECIES, y[1], out).add(a1).intoArray(y[1], out);
                    FloatVector.fromArray(SPECIES, y[2], out).add(a2).intoArray(y[2], out);
                    FloatVector.fromArray(SPECIES, y[3], out).add(a3).intoArray(y[3], out);
                    FloatVector.fromArray(SPECIES, y[4], out).add(a4).intoArray(y[4], out);
                    FloatVector.fromArray(SPECIES, y[5], out).add(a5).intoArray(y[5], out);
                    FloatVector.fromArray(SPECIES, y[6], out).add(a6).intoArray(y[6], out);
                    FloatVector.fromArray(SPECIES, y[7], out).add(a7).intoArray(y[7], out);
                }
            }
        }
        if (i < n) {
            // the positions left, a masked vector
            VectorMask<Float> m = SPECIES.indexInRange(i, n);
            int base = xBase + i;
            int out = yOff + i;
            for (int q0 = from; q0 < terms; q0 += groupTerms) {
                FloatVector a0 = z;
                FloatVector a1 = z;
                FloatVector a2 = z;
                FloatVector a3 = z;
                FloatVector a4 = z;
                FloatVector a5 = z;
                FloatVector a6 = z;
                FloatVector a7 = z;
                int q1 = Math.min(terms, q0 + groupTerms);
                for (int q = q0, at = q0 * OUTPUTS; q < q1; q++, at += OUTPUTS) {
                    FloatVector u = FloatVector.fromArray(SPECIES, x, base + off[q], m);
                    a0 = u.fma(FloatVector.broadcast(SPECIES, k[at + 0]), a0);
                    a1 = u.fma(FloatVector.broadcast(SPECIES, k[at + 1]), a1);
                    a2 = u.fma(FloatVector.broadcast(SPECIES, k[at + 2]), a2);
                    a3 = u.fma(FloatVector.broadcast(SPECIES, k[at + 3]), a3);
                    a4 = u.fma(FloatVector.broadcast(SPECIES, k[at + 4]), a4);
                    a5 = u.fma(FloatVector.broadcast(SPECIES, k[at + 5]), a5);
                    a6 = u.fma(FloatVector.broadcast(SPECIES, k[at + 6]), a6);
                    a7 = u.fma(FloatVector.broadcast(SPECIES, k[at + 7]), a7);
                }
                if (q0 == 0) {
                    a0.intoArray(y[0], out, m);
                    a1.intoArray(y[1], out, m);
                    a2.intoArray(y[2], out, m);
                    a3.intoArray(y[3], out, m);
                    a4.intoArray(y[4], out, m);
                    a5.intoArray(y[5], out, m);
                    a6.intoArray(y[6], out, m);
                    a7.intoArray(y[7], out, m);
                } else {
                    FloatVector.fromArray(SPECIES, y[0], out, m).add(a0).intoArray(y[0], out, m);
                    FloatVector.fromArray(SPECIES, y[1], out, m).add(a1).intoArray(y[1], out, m);
                    FloatVector.fromArray(SPECIES, y[2], out, m).add(a2).intoArray(y[2], out, m);
                    FloatVector.fromArray(SPECIES, y[3], out, m).add(a3).intoArray(y[3], out, m);
                    FloatVector.fromArray(SPECIES, y[4], out, m).add(a4).intoArray(y[4], out, m);
                    FloatVector.fromArray(SPECIES, y[5], out, m).add(a5).intoArray(y[5], out, m);
                    FloatVector.fromArray(SPECIES, y[6], out, m).add(a6).intoArray(y[6], out, m);
                    FloatVector.fromArray(SPECIES, y[7], out, m).add(a7).intoArray(y[7], out, m);
                }
            }
        }
    }

    @Override
    public void sum2(float[] x, int xBase, int[] off, float[] k, int groupTerms, float[][] y, int yOff, int n) {
        for (int from = 0; from < off.length; from += groupTerms) {
            group2(x, xBase, off, k, from, Math.min(off.length, from + groupTerms), y, yOff, n);
        }
    }

    /**
     * {@link #group} for two outputs: twelve vectors of positions × two outputs, 24 sums in registers (twelve loads and two
     * broadcasts for 24 fused multiply-adds); then one vector at a time, and the positions left in a masked vector.
     */
    private static void group2(float[] x, int xBase, int[] off, float[] k, int from, int to, float[][] y, int yOff, int n) {
        FloatVector z = FloatVector.zero(SPECIES);
        float[] y0 = y[0];
        float[] y1 = y[1];
        int i = 0;
        for (; THREE && i + 12 * L <= n; i += 12 * L) {
            int base = xBase + i;
            int out = yOff + i;
            FloatVector a0 = z, b0 = z;
            FloatVector a1 = z, b1 = z;
            FloatVector a2 = z, b2 = z;
            FloatVector a3 = z, b3 = z;
            FloatVector a4 = z, b4 = z;
            FloatVector a5 = z, b5 = z;
            FloatVector a6 = z, b6 = z;
            FloatVector a7 = z, b7 = z;
            FloatVector a8 = z, b8 = z;
            FloatVector a9 = z, b9 = z;
            FloatVector a10 = z, b10 = z;
            FloatVector a11 = z, b11 = z;
            for (int q = from; q < to; q++) {
                int o = base + off[q];
                FloatVector h0 = FloatVector.broadcast(SPECIES, k[2 * q]);
                FloatVector h1 = FloatVector.broadcast(SPECIES, k[2 * q + 1]);
                FloatVector u;
                u = FloatVector.fromArray(SPECIES, x, o + 0 * L);
                a0 = u.fma(h0, a0);
                b0 = u.fma(h1, b0);
                u = FloatVector.fromArray(SPECIES, x, o + 1 * L);
                a1 = u.fma(h0, a1);
                b1 = u.fma(h1, b1);
                u = FloatVector.fromArray(SPECIES, x, o + 2 * L);
                a2 = u.fma(h0, a2);
                b2 = u.fma(h1, b2);
                u = FloatVector.fromArray(SPECIES, x, o + 3 * L);
                a3 = u.fma(h0, a3);
                b3 = u.fma(h1, b3);
                u = FloatVector.fromArray(SPECIES, x, o + 4 * L);
                a4 = u.fma(h0, a4);
                b4 = u.fma(h1, b4);
                u = FloatVector.fromArray(SPECIES, x, o + 5 * L);
                a5 = u.fma(h0, a5);
                b5 = u.fma(h1, b5);
                u = FloatVector.fromArray(SPECIES, x, o + 6 * L);
                a6 = u.fma(h0, a6);
                b6 = u.fma(h1, b6);
                u = FloatVector.fromArray(SPECIES, x, o + 7 * L);
                a7 = u.fma(h0, a7);
                b7 = u.fma(h1, b7);
                u = FloatVector.fromArray(SPECIES, x, o + 8 * L);
                a8 = u.fma(h0, a8);
                b8 = u.fma(h1, b8);
                u = FloatVector.fromArray(SPECIES, x, o + 9 * L);
                a9 = u.fma(h0, a9);
                b9 = u.fma(h1, b9);
                u = FloatVector.fromArray(SPECIES, x, o + 10 * L);
                a10 = u.fma(h0, a10);
                b10 = u.fma(h1, b10);
                u = FloatVector.fromArray(SPECIES, x, o + 11 * L);
                a11 = u.fma(h0, a11);
                b11 = u.fma(h1, b11);
            }
            if (from == 0) {
                a0.intoArray(y0, out + 0 * L);
                b0.intoArray(y1, out + 0 * L);
                a1.intoArray(y0, out + 1 * L);
                b1.intoArray(y1, out + 1 * L);
                a2.intoArray(y0, out + 2 * L);
                b2.intoArray(y1, out + 2 * L);
                a3.intoArray(y0, out + 3 * L);
                b3.intoArray(y1, out + 3 * L);
                a4.intoArray(y0, out + 4 * L);
                b4.intoArray(y1, out + 4 * L);
                a5.intoArray(y0, out + 5 * L);
                b5.intoArray(y1, out + 5 * L);
                a6.intoArray(y0, out + 6 * L);
                b6.intoArray(y1, out + 6 * L);
                a7.intoArray(y0, out + 7 * L);
                b7.intoArray(y1, out + 7 * L);
                a8.intoArray(y0, out + 8 * L);
                b8.intoArray(y1, out + 8 * L);
                a9.intoArray(y0, out + 9 * L);
                b9.intoArray(y1, out + 9 * L);
                a10.intoArray(y0, out + 10 * L);
                b10.intoArray(y1, out + 10 * L);
                a11.intoArray(y0, out + 11 * L);
                b11.intoArray(y1, out + 11 * L);
            } else {
                FloatVector.fromArray(SPECIES, y0, out + 0 * L).add(a0).intoArray(y0, out + 0 * L);
                FloatVector.fromArray(SPECIES, y1, out + 0 * L).add(b0).intoArray(y1, out + 0 * L);
                FloatVector.fromArray(SPECIES, y0, out + 1 * L).add(a1).intoArray(y0, out + 1 * L);
                FloatVector.fromArray(SPECIES, y1, out + 1 * L).add(b1).intoArray(y1, out + 1 * L);
                FloatVector.fromArray(SPECIES, y0, out + 2 * L).add(a2).intoArray(y0, out + 2 * L);
                FloatVector.fromArray(SPECIES, y1, out + 2 * L).add(b2).intoArray(y1, out + 2 * L);
                FloatVector.fromArray(SPECIES, y0, out + 3 * L).add(a3).intoArray(y0, out + 3 * L);
                FloatVector.fromArray(SPECIES, y1, out + 3 * L).add(b3).intoArray(y1, out + 3 * L);
                FloatVector.fromArray(SPECIES, y0, out + 4 * L).add(a4).intoArray(y0, out + 4 * L);
                FloatVector.fromArray(SPECIES, y1, out + 4 * L).add(b4).intoArray(y1, out + 4 * L);
                FloatVector.fromArray(SPECIES, y0, out + 5 * L).add(a5).intoArray(y0, out + 5 * L);
                FloatVector.fromArray(SPECIES, y1, out + 5 * L).add(b5).intoArray(y1, out + 5 * L);
                FloatVector.fromArray(SPECIES, y0, out + 6 * L).add(a6).intoArray(y0, out + 6 * L);
                FloatVector.fromArray(SPECIES, y1, out + 6 * L).add(b6).intoArray(y1, out + 6 * L);
                FloatVector.fromArray(SPECIES, y0, out + 7 * L).add(a7).intoArray(y0, out + 7 * L);
                FloatVector.fromArray(SPECIES, y1, out + 7 * L).add(b7).intoArray(y1, out + 7 * L);
                FloatVector.fromArray(SPECIES, y0, out + 8 * L).add(a8).intoArray(y0, out + 8 * L);
                FloatVector.fromArray(SPECIES, y1, out + 8 * L).add(b8).intoArray(y1, out + 8 * L);
                FloatVector.fromArray(SPECIES, y0, out + 9 * L).add(a9).intoArray(y0, out + 9 * L);
                FloatVector.fromArray(SPECIES, y1, out + 9 * L).add(b9).intoArray(y1, out + 9 * L);
                FloatVector.fromArray(SPECIES, y0, out + 10 * L).add(a10).intoArray(y0, out + 10 * L);
                FloatVector.fromArray(SPECIES, y1, out + 10 * L).add(b10).intoArray(y1, out + 10 * L);
                FloatVector.fromArray(SPECIES, y0, out + 11 * L).add(a11).intoArray(y0, out + 11 * L);
                FloatVector.fromArray(SPECIES, y1, out + 11 * L).add(b11).intoArray(y1, out + 11 * L);
            }
        }
        for (; i < n; i += L) {
            // one vector at a time, the last one masked
            VectorMask<Float> m = SPECIES.indexInRange(i, n);
            int base = xBase + i;
            int out = yOff + i;
            FloatVector a = z;
            FloatVector b = z;
            for (int q = from; q < to; q++) {
                FloatVector u = FloatVector.fromArray(SPECIES, x, base + off[q], m);
                a = u.fma(FloatVector.broadcast(SPECIES, k[2 * q]), a);
                b = u.fma(FloatVector.broadcast(SPECIES, k[2 * q + 1]), b);
            }
            if (from == 0) {
                a.intoArray(y0, out, m);
                b.intoArray(y1, out, m);
            } else {
                FloatVector.fromArray(SPECIES, y0, out, m).add(a).intoArray(y0, out, m);
                FloatVector.fromArray(SPECIES, y1, out, m).add(b).intoArray(y1, out, m);
            }
        }
    }

    @Override
    public boolean finite(float[] v, int n) {
        FloatVector largest = FloatVector.zero(SPECIES);
        int i = 0;
        for (; i + L <= n; i += L) {
            largest = largest.max(FloatVector.fromArray(SPECIES, v, i).abs()); // NaN where a value is
        }
        for (; i < n; i++) {
            if (!Float.isFinite(v[i])) {
                return false;
            }
        }
        return !largest.compare(VectorOperators.GT, Float.MAX_VALUE).anyTrue() && !largest.test(VectorOperators.IS_NAN).anyTrue();
    }

    @Override
    public String name() {
        return "vector-" + L;
    }
}
