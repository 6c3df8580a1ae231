package dev.convolution.core;

import dev.convolution.core.direct.TileLoop;
import dev.convolution.core.direct.DirectConvolver;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every golden case from numpy/scipy (ranks 1 to 4), by both methods and both direct loops: shape, values, exact integers. */
class GoldenFixtureTest {
    private final Convolver convolver = new Convolver();

    static Stream<Arguments> cases() {
        List<Fixtures.Case> all = Fixtures.golden();
        assertThat(all).hasSizeGreaterThan(1000);
        return all.stream().map(c -> Arguments.of(c.name(), c));
    }

    @Test
    void theCasesCoverEveryRank() {
        Map<Integer, Long> perRank = Fixtures.golden().stream().collect(Collectors.groupingBy(Fixtures.Case::dims, Collectors.counting()));
        assertThat(perRank).as("cases per rank").containsOnlyKeys(1, 2, 3, 4);
        assertThat(perRank.get(1)).as("1D cases").isGreaterThanOrEqualTo(500);
        assertThat(perRank.get(2)).as("2D cases").isGreaterThanOrEqualTo(500);
        assertThat(perRank.get(3)).as("3D cases").isGreaterThanOrEqualTo(100);
        assertThat(perRank.get(4)).as("4D cases").isGreaterThanOrEqualTo(100);
        for (Fixtures.Case c : Fixtures.golden()) {
            assertThat(c.x().rank()).as("rank of x in %s", c.name()).isEqualTo(c.dims());
            assertThat(c.h().rank()).as("rank of h in %s", c.name()).isEqualTo(c.dims());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void directMatchesNumpyAndScipy(String name, Fixtures.Case c) {
        check(c, Method.DIRECT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fftMatchesNumpyAndScipy(String name, Fixtures.Case c) {
        check(c, Method.FFT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theScalarDirectLoopMatchesNumpyAndScipy(String name, Fixtures.Case c) {
        check(c, new DirectConvolver(TileLoop.scalar()).convolve(c.plan(), c.x(), c.h()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theVectorDirectLoopMatchesNumpyAndScipy(String name, Fixtures.Case c) {
        assertThat(TileLoop.vector()).as("the Vector API loop loads (tests run with the module)").isNotNull();
        check(c, new DirectConvolver(TileLoop.vector()).convolve(c.plan(), c.x(), c.h()));
    }

    private void check(Fixtures.Case c, Method method) {
        check(c, convolver.compute(c.plan(), c.x(), c.h(), method).output());
    }

    private static void check(Fixtures.Case c, double[] output) {
        assertThat(c.plan().outputShape()).as("shape (%s; %s)", c.reference(), c).containsExactly(c.shape());
        assertThat(output).as("output length (%s)", c).hasSize(c.expected().length);
        double scale = 0;
        for (double v : c.x().values()) {
            scale += Math.abs(v);
        }
        scale = Math.max(1, (scale + Math.abs(c.spec().fillValue()) * 100) * c.h().maxAbs());
        for (int i = 0; i < c.expected().length; i++) {
            if (c.integer()) {
                assertThat(output[i]).as("exact integer at %d (%s; %s)", i, c.reference(), c).isEqualTo(c.expected()[i] + 0.0);
            } else {
                assertThat(output[i]).as("value at %d (%s; %s)", i, c.reference(), c).isCloseTo(c.expected()[i], within(1e-9 * scale));
            }
        }
    }
}
