package dev.convolution.core.auto;

import dev.convolution.core.Limits;
import dev.convolution.core.Method;
import dev.convolution.core.Mode;
import dev.convolution.core.Operation;
import dev.convolution.core.Plan;
import dev.convolution.core.Shape;
import dev.convolution.core.Spec;
import dev.convolution.core.direct.DirectConvolver;
import dev.convolution.core.direct.TileLoop;
import dev.convolution.core.fft.FftConvolver;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The cost model behind {@code auto}. */
class MethodChooserTest {
    /** The model of the plain-Java direct loop (the one Java 17 runs). */
    private final MethodChooser chooser = new MethodChooser(new DirectConvolver(TileLoop.scalar()));

    private static Plan plan(int rank, int n, int k) {
        int[] in = new int[rank];
        int[] ker = new int[rank];
        java.util.Arrays.fill(in, n);
        java.util.Arrays.fill(ker, k);
        return Plan.of(Spec.defaults(Operation.CONVOLUTION).withMode(Mode.SAME), Shape.of(in), Shape.of(ker), Limits.NONE);
    }

    @Test
    void seedSizesRunDirect() {
        assertThat(chooser.choose(plan(1, 5, 2))).isEqualTo(Method.DIRECT);
        assertThat(chooser.choose(plan(2, 7, 3))).isEqualTo(Method.DIRECT);
    }

    @Test
    void smallKernelsOnLargeInputsRunDirect() {
        assertThat(chooser.choose(plan(1, 1_000_000, 31))).isEqualTo(Method.DIRECT);
        assertThat(chooser.choose(plan(2, 1024, 3))).isEqualTo(Method.DIRECT);
    }

    @Test
    void largeKernelsRunThroughTheFft() {
        assertThat(chooser.choose(plan(1, 1_000_000, 4095))).isEqualTo(Method.FFT);
        assertThat(chooser.choose(plan(2, 2048, 63))).isEqualTo(Method.FFT);
    }

    @Test
    void rankOneKernelsStayDirectWhereFullRankOnesGoToTheFft() {
        Plan p = plan(2, 1024, 15);
        assertThat(chooser.choose(p, false)).isEqualTo(Method.FFT);
        assertThat(chooser.choose(p, true)).isEqualTo(Method.DIRECT);
        assertThat(chooser.choose(plan(2, 2048, 63), true)).isEqualTo(Method.FFT);
    }

    @Test
    void theSimdDirectLoopKeepsMediumKernelsDirectButNotLargeOnes() {
        assertThat(TileLoop.vector()).as("the Vector API loop loads (tests run with the module)").isNotNull();
        MethodChooser simd = new MethodChooser(new DirectConvolver(TileLoop.vector()));
        assertThat(simd.choose(plan(2, 1024, 15))).isEqualTo(Method.DIRECT);
        assertThat(simd.choose(plan(2, 2048, 63))).isEqualTo(Method.FFT);
        assertThat(simd.choose(plan(1, 1_000_000, 255))).isEqualTo(Method.DIRECT);
        assertThat(simd.choose(plan(1, 1_000_000, 4095))).isEqualTo(Method.FFT);
    }

    @Test
    void rankOneKernelsRunAsTwoPassesOnlyWhereTheyBeatTheFullDirectLoop() {
        assertThat(chooser.separableIsCheaper(plan(2, 1024, 15))).isTrue();
        assertThat(chooser.separableIsCheaper(plan(2, 1024, 3))).isFalse();
        MethodChooser simd = new MethodChooser(new DirectConvolver(TileLoop.vector()));
        assertThat(simd.separableIsCheaper(plan(2, 1024, 15))).as("the SIMD loop runs 15×15 faster in full").isFalse();
        assertThat(simd.separableIsCheaper(plan(2, 1024, 63))).isTrue();
    }

    @Test
    void volumesWithLargeKernelsRunThroughTheFftAndSmallOnesDirect() {
        assertThat(chooser.choose(plan(3, 96, 15))).isEqualTo(Method.FFT);
        assertThat(chooser.choose(plan(3, 64, 3))).isEqualTo(Method.DIRECT);
    }

    @Test
    void fftLengthsHaveOnlySmallPrimeFactorsAndAreEvenWhenAsked() {
        assertThat(FftConvolver.size(97, false)).isEqualTo(100);
        assertThat(FftConvolver.size(7, true)).isEqualTo(8);
        assertThat(FftConvolver.size(1, true)).isEqualTo(2);
        assertThat(FftConvolver.size(1, false)).isEqualTo(1);
    }

    /** float32 direct sums do twice the taps an instruction: the float loop is priced at half the double one's cost. */
    @Test
    void float32PricesTheFloatLoops() {
        assertThat(dev.convolution.core.direct.FloatTileLoop.vector()).isNotNull();
        MethodChooser simd = new MethodChooser(new DirectConvolver(dev.convolution.core.direct.FloatTileLoop.vector()));
        Plan p = plan(2, 1024, 31);
        assertThat(simd.directCost(p, true)).isLessThan(0.6 * simd.directCost(p, false));
        assertThat(simd.fftCost(p, true)).isLessThan(simd.fftCost(p, false));
        assertThat(simd.fftCost(plan(3, 64, 9), true)).isEqualTo(simd.fftCost(plan(3, 64, 9), false)); // volumes: double transforms
        assertThat(simd.choose(plan(2, 1024, 15), false, true)).isEqualTo(Method.DIRECT);
        assertThat(simd.choose(plan(2, 2048, 63), false, true)).isEqualTo(Method.FFT);
    }
}
