package dev.convolution.core;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link TileKernel} in explicit SIMD (the incubating Vector API): four vectors of outputs are kept
 * in registers while every tap passes over them, one broadcast and four fused multiply-adds per tap,
 * so each output is stored once. The tail runs the same fused multiply-adds one output at a time, so
 * every output is the same chain of roundings whichever lane computes it.
 */
final class VectorTileKernel implements TileKernel {
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
     * Fitted with 4 lanes (AVX2, Java 25) to scripts/bench-core and scripts/bench-sweep: 1024² with
     * 15×15 took 0.27 of the plain loop's time; 1D rows (one long row, no strip rows to switch) about
     * half that per multiply-add, which puts the 1D crossover to the FFT near 255–511 taps. Assumed
     * to scale with the lane count.
     */
    @Override
    public double relativeCost(boolean oneDimensional) {
        return (oneDimensional ? 0.55 : 1.1) / L;
    }

    @Override
    public String name() {
        return "vector-" + L;
    }
}
