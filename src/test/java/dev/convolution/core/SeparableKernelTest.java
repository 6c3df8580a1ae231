package dev.convolution.core;

import dev.convolution.core.direct.DirectConvolver;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.convolution.core.direct.DirectConvolver;
import dev.convolution.core.operand.AppliedKernel;
import dev.convolution.core.operand.Padder;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Rank-one kernels take two 1D passes; the results are the contract's, every parameter varied. */
class SeparableKernelTest {
    private final Convolver convolver = new Convolver();

    private static Grid outer(double[][] factors) {
        int[] dims = new int[factors.length];
        int size = 1;
        for (int a = 0; a < dims.length; a++) {
            dims[a] = factors[a].length;
            size *= dims[a];
        }
        double[] g = new double[size];
        for (int i = 0; i < size; i++) {
            double v = 1;
            int r = i;
            for (int a = dims.length - 1; a >= 0; a--) {
                v *= factors[a][r % dims[a]];
                r /= dims[a];
            }
            g[i] = v;
        }
        return Grid.of(g, dims);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void rankOneKernelsMatchTheNaiveReference(long seed) {
        Random rnd = new Random(seed);
        RandomProblems.Problem p = RandomProblems.of(seed * 7919);
        boolean integer = rnd.nextBoolean();
        int rank = 2 + (int) (seed % 2); // images and volumes
        double[][] factors = new double[rank][];
        int[] n = new int[rank];
        for (int a = 0; a < rank; a++) {
            factors[a] = new double[2 + rnd.nextInt(4)];
            for (int i = 0; i < factors[a].length; i++) {
                factors[a][i] = integer ? rnd.nextInt(9) - 4 : rnd.nextGaussian();
            }
            n[a] = rank == 2 ? 6 + rnd.nextInt(40) : 6 + rnd.nextInt(12);
        }
        Grid h = outer(factors);
        Grid x = RandomProblems.grid(rnd, n, integer);
        int[] strides = new int[rank];
        int[] dilations = new int[rank];
        for (int a = 0; a < rank; a++) {
            strides[a] = 1 + rnd.nextInt(3);
            dilations[a] = p.spec().mode() == Mode.VALID ? 1 : 1 + rnd.nextInt(3);
        }
        Spec spec = p.spec().withBoundary(p.spec().boundary(), integer ? 2 : 0.5).withStride(strides).withDilation(dilations);
        Plan plan = Plan.of(spec, x.shape(), h.shape(), Limits.NONE);
        double[] g = AppliedKernel.of(plan, h);
        assertThat(DirectConvolver.separableFactors(plan, g, false)).as("seed %d: detected as rank one", seed).isNotNull();
        int[] shape = new int[rank];
        double[] expected = NaiveReference.compute(spec, x, h, shape);
        boolean integers = h.allIntegers() && x.allIntegers() && Padder.paddingIsInteger(plan);
        double[][] split = DirectConvolver.separableFactors(plan, g, integers);
        // the passes themselves (the service runs them only where the cost model prefers them), and what the service runs
        if (split != null) {
            assertMatches(seed, spec, integer, x, h, expected,
                    new DirectConvolver().compute(plan, x, g, integers, split, Deadline.none()));
        }
        assertMatches(seed, spec, integer, x, h, expected, convolver.compute(plan, x, h, Method.DIRECT).output());
    }

    private static void assertMatches(long seed, Spec spec, boolean integer, Grid x, Grid h, double[] expected, double[] y) {
        assertThat(y).hasSize(expected.length);
        double scale = 0;
        for (double value : x.values()) {
            scale += Math.abs(value);
        }
        for (int i = 0; i < y.length; i++) {
            if (integer) {
                assertThat(y[i]).as("seed %d %s at %d", seed, spec, i).isEqualTo(expected[i] + 0.0);
            } else {
                assertThat(y[i]).as("seed %d %s at %d", seed, spec, i).isCloseTo(expected[i], within(1e-9 * (scale + 1) * h.maxAbs()));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1,2,3;4,5,7", "1,0;0,1", "3,6;1,2.0000001"})
    void kernelsThatAreNotExactlyRankOneAreNotSplit(String rows) {
        String[] r = rows.split(";");
        String[] a = r[0].split(",");
        String[] b = r[1].split(",");
        double[] g = new double[a.length * 2];
        for (int i = 0; i < a.length; i++) {
            g[i] = Double.parseDouble(a[i]);
            g[a.length + i] = Double.parseDouble(b[i]);
        }
        Plan plan = Plan.of(Spec.defaults(Operation.CROSS_CORRELATION), Shape.of(8, 8), Shape.of(2, a.length), Limits.NONE);
        assertThat(DirectConvolver.separableFactors(plan, g, false)).isNull();
    }
}
