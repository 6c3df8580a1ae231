package dev.convolution.core;

import dev.convolution.core.error.ResultNotRepresentableException;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Integer data give the exact integer whenever the exact result lies within ±2^53, even when
 * products and partial sums leave that range; every method agrees.
 */
class ExactIntegerTest {
    private final Convolver convolver = new Convolver();

    private static double[] exactConvolution(double[] x, double[] h) {
        double[] y = new double[x.length + h.length - 1];
        for (int m = 0; m < y.length; m++) {
            BigInteger s = BigInteger.ZERO;
            for (int i = 0; i < x.length; i++) {
                int k = m - i;
                if (k >= 0 && k < h.length) {
                    s = s.add(BigInteger.valueOf((long) x[i]).multiply(BigInteger.valueOf((long) h[k])));
                }
            }
            y[m] = s.doubleValue();
        }
        return y;
    }

    private Result full(double[] x, double[] h, Method m) {
        Plan plan = Plan.of(Spec.defaults(Operation.CONVOLUTION), Shape.of(x.length), Shape.of(h.length), Limits.NONE);
        return convolver.compute(plan, Grid.ofSignal("signal", x), Grid.ofSignal("kernel", h), m);
    }

    @Test
    void differencesOfHugeNeighboursAreExact() {
        // x near 2^60: products and partial sums far beyond 2^53, while the differences are small
        double base = 0x1p60;
        double[] x = {base, base + 256, base + 512, base - 1024, base};
        double[] h = {1, -1};
        for (Method m : Method.values()) {
            double[] y = full(x, h, m).output();
            assertThat(y[1]).as("%s", m).isEqualTo(256);
            assertThat(y[2]).as("%s", m).isEqualTo(256);
            assertThat(y[3]).as("%s", m).isEqualTo(-1536);
            assertThat(y[4]).as("%s", m).isEqualTo(1024);
        }
    }

    @Test
    void cancellingProductsBeyondTwoToTheFiftyThreeAreExact() {
        // 2^30·(2^30+1) − (2^30+1)·2^30 + 7 = 7, with every product above 2^60
        double a = 0x1p30;
        double[] x = {a, a + 1, 7};
        double[] h = {a + 1, -a, 1};
        double[] expected = exactConvolution(x, h);
        for (Method m : Method.values()) {
            assertThat(full(x, h, m).output()).as("%s", m).containsExactly(expected);
        }
    }

    @Test
    void randomLargeMagnitudeIntegersMatchArbitraryPrecision() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 50; trial++) {
            double[] x = new double[1 + rnd.nextInt(60)];
            double[] h = new double[1 + rnd.nextInt(60)];
            for (int i = 0; i < x.length; i++) {
                x[i] = rnd.nextInt(1 << 26) - (1 << 25);
            }
            for (int i = 0; i < h.length; i++) {
                h[i] = rnd.nextInt(1 << 26) - (1 << 25);
            }
            double[] expected = exactConvolution(x, h);
            for (Method m : Method.values()) {
                assertThat(full(x, h, m).output()).as("trial %d by %s", trial, m).containsExactly(expected);
            }
        }
    }

    @Test
    void fftSplitsIntoLimbsWhereOneTransformCannotProveExactness() {
        // one transform's bound is far above 1/2 here; two limbs of 21 bits prove every product exact
        double[] x = new double[200];
        double[] h = new double[100];
        java.util.Arrays.fill(x, 0x1p40);
        java.util.Arrays.fill(h, 3);
        x[7] = 0x1p40 + 1;
        Result r = full(x, h, Method.FFT);
        assertThat(r.method()).isEqualTo(Method.FFT);
        assertThat(r.output()).containsExactly(exactConvolution(x, h));
    }

    @Test
    void fftFallsBackToDirectWhereLimbsCannotCombineExactly() {
        // partial sums of the limb products could pass 2^53: only the direct method's exact sums keep the promise
        double[] x = new double[200];
        double[] h = new double[100];
        java.util.Arrays.fill(x, 0x1p50);
        java.util.Arrays.fill(h, 3);
        Result r = full(x, h, Method.FFT);
        assertThat(r.method()).isEqualTo(Method.DIRECT);
        assertThat(r.output()).containsExactly(exactConvolution(x, h));
        java.util.Arrays.fill(x, 3);
        assertThat(full(x, h, Method.FFT).method()).isEqualTo(Method.FFT);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1D 20000 x 2000", "2D 256x256 x 32x32", "3D 40^3 x 9^3"})
    void largeIntegersUpToAMillionAreExactByFftLimbs(String name) {
        Random rnd = new Random(name.hashCode());
        int rank = name.charAt(0) - '0';
        int n = rank == 1 ? 20_000 : rank == 2 ? 256 : 40;
        int k = rank == 1 ? 2_000 : rank == 2 ? 32 : 9;
        int[] in = new int[rank];
        int[] ker = new int[rank];
        java.util.Arrays.fill(in, n);
        java.util.Arrays.fill(ker, k);
        Grid x = RandomProblems.grid(rnd, in, true);
        Grid h = RandomProblems.grid(rnd, ker, true);
        double[] xv = x.values();
        double[] hv = h.values();
        for (int i = 0; i < xv.length; i++) {
            xv[i] = rnd.nextInt(2_000_001) - 1_000_000;
        }
        for (int i = 0; i < hv.length; i++) {
            hv[i] = rnd.nextInt(2_000_001) - 1_000_000;
        }
        Plan plan = Plan.of(Spec.defaults(Operation.CROSS_CORRELATION).withMode(Mode.SAME), x.shape(), h.shape(), Limits.NONE);
        Result fft = convolver.compute(plan, x, h, Method.FFT);
        assertThat(fft.method()).as("limbs keep the FFT").isEqualTo(Method.FFT);
        double[] direct = convolver.compute(plan, x, h, Method.DIRECT).output();
        assertThat(fft.output()).containsExactly(direct);
    }

    @Test
    void integersBeyondTheLongRangeStillSumExactly() {
        double[] x = {0x1p70, 0x1p70 + 0x1p18, 5};
        double[] h = {1, -1};
        double[] y = full(x, h, Method.DIRECT).output();
        assertThat(y[1]).isEqualTo(0x1p18);
        assertThat(y[2]).isEqualTo(5 - 0x1p70 - 0x1p18);
    }

    @Test
    void overflowIsRefusedNamingTheFirstOutput() {
        Plan plan = Plan.of(Spec.defaults(Operation.CONVOLUTION).withOrigin(IndexOrigin.CENTER), Shape.of(3), Shape.of(1),
                Limits.NONE);
        Grid x = Grid.ofSignal("signal", new double[] {1, 1e300, 1});
        Grid h = Grid.ofSignal("kernel", new double[] {1e300});
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> convolver.compute(plan, x, h, Method.AUTO))
                .isInstanceOf(ResultNotRepresentableException.class)
                .hasMessageContaining("output [0] is +infinity");
    }
}
