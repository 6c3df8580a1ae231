package dev.convolution.core;

import dev.convolution.core.direct.DirectConvolver;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Rank-one kernels take two 1D passes; the results are the contract's, every parameter varied. */
class SeparableKernelTest {
    private final Convolver convolver = new Convolver();

    private static Grid outer(double[] u, double[] v) {
        double[] g = new double[u.length * v.length];
        for (int r = 0; r < u.length; r++) {
            for (int c = 0; c < v.length; c++) {
                g[r * v.length + c] = u[r] * v[c];
            }
        }
        return new Grid(2, u.length, v.length, g);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void rankOneKernelsMatchTheNaiveReference(long seed) {
        Random rnd = new Random(seed);
        RandomProblems.Problem p = RandomProblems.of(seed * 7919);
        boolean integer = rnd.nextBoolean();
        int kr = 2 + rnd.nextInt(4);
        int kc = 2 + rnd.nextInt(4);
        double[] u = new double[kr];
        double[] v = new double[kc];
        for (int i = 0; i < kr; i++) {
            u[i] = integer ? rnd.nextInt(9) - 4 : rnd.nextGaussian();
        }
        for (int i = 0; i < kc; i++) {
            v[i] = integer ? rnd.nextInt(9) - 4 : rnd.nextGaussian();
        }
        Grid h = outer(u, v);
        Grid x = RandomProblems.grid(rnd, 2, 6 + rnd.nextInt(40), 6 + rnd.nextInt(40), integer);
        Spec spec = p.spec().withBoundary(p.spec().boundary(), integer ? 2 : 0.5);
        if (spec.mode() == Mode.VALID) {
            spec = spec.withDilation(1, 1);
        }
        Plan plan = Plan.of(spec, 2, x.rows(), x.cols(), kr, kc, Long.MAX_VALUE, Long.MAX_VALUE);
        assertThat(DirectConvolver.rankOne(AppliedKernel.of(plan, h), kr, kc)).as("seed %d: detected as rank one", seed).isNotNull();
        int[] shape = new int[2];
        double[] expected = NaiveReference.compute(spec, x, h, shape);
        double[] g = AppliedKernel.of(plan, h);
        boolean integers = h.allIntegers() && x.allIntegers() && Padder.paddingIsInteger(plan);
        double[][] factors = DirectConvolver.separableFactors(plan, g, integers);
        // the two 1D passes themselves (the service runs them only where the cost model prefers them), and what the service runs
        if (factors != null) {
            assertMatches(seed, spec, integer, x, h, expected,
                    new DirectConvolver().convolve(plan, x, g, integers, factors, Deadline.none()));
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
        assertThat(DirectConvolver.rankOne(g, 2, a.length)).isNull();
    }
}
