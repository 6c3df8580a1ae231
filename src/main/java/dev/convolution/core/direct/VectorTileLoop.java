package dev.convolution.core.direct;

import jdk.incubator.vector.DoubleVector;
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
     * four cycles of latency need eight). Strip row r (in kernel rows) serves kernel row r of the first
     * output row and kernel row r − shift of the second, so where both meet it a tap costs four loads
     * for eight fused multiply-adds. Each output still gets its taps in order, the same chain as in
     * {@link #sum}.
     */
    @Override
    public void sum2(double[] s, int sBase, int rowStep, int shift, int groups, int kernelRows, int[] off, double[] g,
            double[] y, int yOff0, int yOff1, int n) {
        int perGroup = g.length / groups;
        int kc = perGroup / kernelRows;
        int firstOnly = Math.min(shift, kernelRows);
        int secondFrom = Math.max(shift, kernelRows);
        int lag = shift * kc;
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
            for (int g0 = 0; g0 < g.length; g0 += perGroup) {
                int end = g0 + perGroup;
                // strip rows only the first output row meets
                for (int t = g0; t < g0 + firstOnly * kc; t++) {
                    DoubleVector ga = DoubleVector.broadcast(SPECIES, g[t]);
                    int o = base + off[t];
                    a0 = DoubleVector.fromArray(SPECIES, s, o).fma(ga, a0);
                    a1 = DoubleVector.fromArray(SPECIES, s, o + L).fma(ga, a1);
                    a2 = DoubleVector.fromArray(SPECIES, s, o + 2 * L).fma(ga, a2);
                    a3 = DoubleVector.fromArray(SPECIES, s, o + 3 * L).fma(ga, a3);
                }
                // strip rows both meet: tap t of the first, t − shift·kc of the second
                for (int t = g0 + lag; t < end; t++) {
                    DoubleVector ga = DoubleVector.broadcast(SPECIES, g[t]);
                    DoubleVector gb = DoubleVector.broadcast(SPECIES, g[t - lag]);
                    int o = base + off[t];
                    DoubleVector v0 = DoubleVector.fromArray(SPECIES, s, o);
                    DoubleVector v1 = DoubleVector.fromArray(SPECIES, s, o + L);
                    DoubleVector v2 = DoubleVector.fromArray(SPECIES, s, o + 2 * L);
                    DoubleVector v3 = DoubleVector.fromArray(SPECIES, s, o + 3 * L);
                    a0 = v0.fma(ga, a0);
                    a1 = v1.fma(ga, a1);
                    a2 = v2.fma(ga, a2);
                    a3 = v3.fma(ga, a3);
                    b0 = v0.fma(gb, b0);
                    b1 = v1.fma(gb, b1);
                    b2 = v2.fma(gb, b2);
                    b3 = v3.fma(gb, b3);
                }
                // strip rows only the second output row meets: its taps from (secondFrom − shift)·kc on
                for (int t = g0 + (secondFrom - shift) * kc; t < end; t++) {
                    DoubleVector gb = DoubleVector.broadcast(SPECIES, g[t]);
                    int o = base + shiftBase + off[t];
                    b0 = DoubleVector.fromArray(SPECIES, s, o).fma(gb, b0);
                    b1 = DoubleVector.fromArray(SPECIES, s, o + L).fma(gb, b1);
                    b2 = DoubleVector.fromArray(SPECIES, s, o + 2 * L).fma(gb, b2);
                    b3 = DoubleVector.fromArray(SPECIES, s, o + 3 * L).fma(gb, b3);
                }
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
     * Fitted to scripts/bench-sweep (direct medians on Java 25 over Java 17's plain loop, per
     * multiply-add, same session). 8 lanes (AVX-512, Zen 5): about 0.16 in 2D (0.18 at 15×15, 0.14 at
     * 31×31 and 63×63 on 1024²), 0.19 in 1D (255 to 4095 taps); C2 vectorises the plain loop 8 wide as
     * well, hence not 1/8. 4 lanes (an AVX2-only VM, one-row loop, an earlier session): 0.275 in 2D,
     * 0.1375 in 1D. Other widths are unmeasured and assumed to scale from the 8-lane figures.
     */
    @Override
    public double relativeCost(boolean oneDimensional) {
        if (L == 4) {
            return oneDimensional ? 0.1375 : 0.275;
        }
        return (oneDimensional ? 1.5 : 1.3) / L;
    }

    @Override
    public String name() {
        return "vector-" + L;
    }
}
