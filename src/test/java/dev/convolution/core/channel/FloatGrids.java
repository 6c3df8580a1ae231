package dev.convolution.core.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convolution.core.Convolver;
import dev.convolution.core.Grid;
import dev.convolution.core.Method;
import dev.convolution.core.Plan;
import dev.convolution.core.operand.AppliedKernel;
import java.util.Random;

/** Grids of float32 values and the sums the float channel sums' tests compare against. */
final class FloatGrids {
    private FloatGrids() {
    }

    /** A grid of these two dimensions holding Gaussian values (times 3) rounded to float. */
    static Grid floats(Random rnd, int[] dims) {
        double[] v = new double[dims[0] * dims[1]];
        for (int q = 0; q < v.length; q++) {
            v[q] = (float) (rnd.nextGaussian() * 3);
        }
        return Grid.of(v, dims);
    }

    /** The moduli of a grid's values. */
    static Grid abs(Grid g) {
        double[] v = g.values().clone();
        for (int q = 0; q < v.length; q++) {
            v[q] = Math.abs(v[q]);
        }
        return Grid.of(v, g.shape().dims());
    }

    /** {@code y += part}, element by element. */
    static void add(double[] y, double[] part) {
        for (int q = 0; q < y.length; q++) {
            y[q] += part[q];
        }
    }

    /** {@code kernels[o][i]} of float values, each of these dimensions. */
    static Grid[][] kernels(Random rnd, int outputs, int inputs, int[] dims) {
        Grid[][] kernels = new Grid[outputs][inputs];
        for (int o = 0; o < outputs; o++) {
            for (int i = 0; i < inputs; i++) {
                kernels[o][i] = floats(rnd, dims);
            }
        }
        return kernels;
    }

    /** The kernels applied under the plan and narrowed to float, {@code g[o][i]}, as the float sums take them. */
    static float[][][] applied(Plan plan, Grid[][] kernels) {
        float[][][] g = new float[kernels.length][kernels[0].length][];
        for (int o = 0; o < g.length; o++) {
            for (int i = 0; i < g[o].length; i++) {
                double[] applied = AppliedKernel.of(plan, kernels[o][i]);
                g[o][i] = new float[applied.length];
                for (int t = 0; t < applied.length; t++) {
                    g[o][i][t] = (float) applied[t];
                }
            }
        }
        return g;
    }

    /**
     * Each output {@code y[o]} within the contract's float32 bound of the exact channel sum {@code Σ_i x[i] ⋆ kernels[o][i]}
     * (in double, pair by pair): 1e-5 of the sum of its terms' moduli.
     */
    static void requireWithinTheBound(Convolver convolver, Plan plan, Grid[] x, Grid[][] kernels, double[][] y) {
        for (int o = 0; o < kernels.length; o++) {
            double[] exact = new double[plan.outputSize()];
            double[] moduli = new double[plan.outputSize()];
            for (int i = 0; i < x.length; i++) {
                add(exact, convolver.compute(plan, x[i], kernels[o][i], Method.DIRECT).output());
                add(moduli, convolver.compute(plan, abs(x[i]), abs(kernels[o][i]), Method.DIRECT).output());
            }
            for (int q = 0; q < exact.length; q++) {
                assertThat(Math.abs(y[o][q] - exact[q])).as("output %d position %d", o, q).isLessThanOrEqualTo(1e-5 * moduli[q]);
            }
        }
    }
}
