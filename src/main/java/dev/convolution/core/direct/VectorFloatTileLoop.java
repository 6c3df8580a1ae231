package dev.convolution.core.direct;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatTileLoop} in explicit SIMD: {@link VectorTileLoop}'s loops on vectors of floats (16 lanes on AVX-512,
 * 8 on AVX2), four vectors of outputs in registers while every tap passes over them. Rows of at least four vectors run
 * their last outputs as one more block of four vectors that overlaps the block before (a row of 1,022 outputs: 16 blocks
 * of 64, not 15 and a tail of 62 a vector or a value at a time); shorter rows run vectors, then one vector that
 * overlaps, then single values. Every output is the same chain of fused multiply-adds whichever lane, block or pass
 * computes it, so outputs computed twice get the same bits.
 */
final class VectorFloatTileLoop implements FloatTileLoop {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();

    @Override
    public void sum(float[] s, int sBase, int[] off, float[] g, float[] y, int yOff, int n) {
        int taps = g.length;
        int i = 0;
        int whole = n >= 4 * L ? n : 0;
        for (; i < whole; i += 4 * L) {
            if (i + 4 * L > n) {
                i = n - 4 * L; // the last block overlaps the one before: its outputs again, the same bits
            }
            FloatVector a0 = FloatVector.zero(SPECIES);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            int base = sBase + i;
            for (int t = 0; t < taps; t++) {
                FloatVector gv = FloatVector.broadcast(SPECIES, g[t]);
                int o = base + off[t];
                a0 = FloatVector.fromArray(SPECIES, s, o).fma(gv, a0);
                a1 = FloatVector.fromArray(SPECIES, s, o + L).fma(gv, a1);
                a2 = FloatVector.fromArray(SPECIES, s, o + 2 * L).fma(gv, a2);
                a3 = FloatVector.fromArray(SPECIES, s, o + 3 * L).fma(gv, a3);
            }
            int out = yOff + i;
            a0.intoArray(y, out);
            a1.intoArray(y, out + L);
            a2.intoArray(y, out + 2 * L);
            a3.intoArray(y, out + 3 * L);
        }
        for (; i + L <= n; i += L) {
            FloatVector a0 = FloatVector.zero(SPECIES);
            int base = sBase + i;
            for (int t = 0; t < taps; t++) {
                a0 = FloatVector.fromArray(SPECIES, s, base + off[t]).fma(FloatVector.broadcast(SPECIES, g[t]), a0);
            }
            a0.intoArray(y, yOff + i);
        }
        if (i < n && n >= L) {
            // the last L outputs in one vector: the ones already stored get the same bits again (the same chain of roundings)
            i = n - L;
            FloatVector a0 = FloatVector.zero(SPECIES);
            int base = sBase + i;
            for (int t = 0; t < taps; t++) {
                a0 = FloatVector.fromArray(SPECIES, s, base + off[t]).fma(FloatVector.broadcast(SPECIES, g[t]), a0);
            }
            a0.intoArray(y, yOff + i);
            i = n;
        }
        for (; i < n; i++) {
            float acc = 0.0f;
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
     * through one loop, but boxes them at the phis of nested loops (several times slower).
     */
    @Override
    public void sum2(float[] s, int sBase, int rowStep, int shift, int groups, int kernelRows, int[] off, float[] g,
            float[] y, int yOff0, int yOff1, int n) {
        int taps = g.length;
        int lag = Math.min(shift, kernelRows) * (taps / groups / kernelRows);
        int shiftBase = shift * rowStep;
        int i = 0;
        int whole = n >= 4 * L ? n : 0;
        for (; i < whole; i += 4 * L) {
            if (i + 4 * L > n) {
                i = n - 4 * L; // the last block overlaps the one before: its outputs again, the same bits
            }
            FloatVector a0 = FloatVector.zero(SPECIES);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            FloatVector b0 = a0;
            FloatVector b1 = a0;
            FloatVector b2 = a0;
            FloatVector b3 = a0;
            int base = sBase + i;
            int second = base + shiftBase;
            // the first row's taps before the second row's chain starts
            for (int t = 0; t < lag; t++) {
                FloatVector ga = FloatVector.broadcast(SPECIES, g[t]);
                int o = base + off[t];
                a0 = FloatVector.fromArray(SPECIES, s, o).fma(ga, a0);
                a1 = FloatVector.fromArray(SPECIES, s, o + L).fma(ga, a1);
                a2 = FloatVector.fromArray(SPECIES, s, o + 2 * L).fma(ga, a2);
                a3 = FloatVector.fromArray(SPECIES, s, o + 3 * L).fma(ga, a3);
            }
            // tap t of the first row beside tap t − lag of the second, sharing the loads where they read one place
            for (int t = lag; t < taps; t++) {
                int u = t - lag;
                FloatVector ga = FloatVector.broadcast(SPECIES, g[t]);
                FloatVector gb = FloatVector.broadcast(SPECIES, g[u]);
                int o = base + off[t];
                FloatVector v0 = FloatVector.fromArray(SPECIES, s, o);
                FloatVector v1 = FloatVector.fromArray(SPECIES, s, o + L);
                FloatVector v2 = FloatVector.fromArray(SPECIES, s, o + 2 * L);
                FloatVector v3 = FloatVector.fromArray(SPECIES, s, o + 3 * L);
                a0 = v0.fma(ga, a0);
                a1 = v1.fma(ga, a1);
                a2 = v2.fma(ga, a2);
                a3 = v3.fma(ga, a3);
                int ob = second + off[u];
                if (ob != o) {
                    v0 = FloatVector.fromArray(SPECIES, s, ob);
                    v1 = FloatVector.fromArray(SPECIES, s, ob + L);
                    v2 = FloatVector.fromArray(SPECIES, s, ob + 2 * L);
                    v3 = FloatVector.fromArray(SPECIES, s, ob + 3 * L);
                }
                b0 = v0.fma(gb, b0);
                b1 = v1.fma(gb, b1);
                b2 = v2.fma(gb, b2);
                b3 = v3.fma(gb, b3);
            }
            // the second row's last taps
            for (int u = taps - lag; u < taps; u++) {
                FloatVector gb = FloatVector.broadcast(SPECIES, g[u]);
                int o = second + off[u];
                b0 = FloatVector.fromArray(SPECIES, s, o).fma(gb, b0);
                b1 = FloatVector.fromArray(SPECIES, s, o + L).fma(gb, b1);
                b2 = FloatVector.fromArray(SPECIES, s, o + 2 * L).fma(gb, b2);
                b3 = FloatVector.fromArray(SPECIES, s, o + 3 * L).fma(gb, b3);
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

    /** Four vectors of running sums, then one value at a time. */
    @Override
    public boolean allFinite(float[] y, int from, int n) {
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector z0 = zero;
        FloatVector z1 = zero;
        FloatVector z2 = zero;
        FloatVector z3 = zero;
        int i = from;
        int end = from + n;
        for (; i + 4 * L <= end; i += 4 * L) {
            z0 = FloatVector.fromArray(SPECIES, y, i).fma(zero, z0);
            z1 = FloatVector.fromArray(SPECIES, y, i + L).fma(zero, z1);
            z2 = FloatVector.fromArray(SPECIES, y, i + 2 * L).fma(zero, z2);
            z3 = FloatVector.fromArray(SPECIES, y, i + 3 * L).fma(zero, z3);
        }
        float z = z0.add(z1).add(z2).add(z3).reduceLanes(VectorOperators.ADD);
        for (; i < end; i++) {
            z += y[i] * 0.0f;
        }
        return z == 0.0f;
    }

    /**
     * {@link VectorTileLoop}'s cost at the lanes of doubles, halved: a vector of floats does twice the taps an
     * instruction (measured on W4f against W4, docs/performance.md).
     */
    @Override
    public double relativeCost(boolean oneDimensional) {
        int doubleLanes = L / 2;
        if (doubleLanes == 4) {
            return (oneDimensional ? 0.1375 : 0.275) / 2;
        }
        return (oneDimensional ? 1.5 : 1.3) / L;
    }

    @Override
    public String name() {
        return "vector-" + L;
    }
}
