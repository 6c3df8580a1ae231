package dev.convolution.core;

import dev.convolution.core.direct.TileLoop;
import dev.convolution.core.direct.DirectConvolver;
import dev.convolution.core.error.ResultNotRepresentableException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Problems large enough for the fast paths: direct tiles spread over the pool, overlap-save windows
 * for long 1D kernels, overlap-save tiles in 2D. Each is checked against the naive reference on
 * every output.
 */
class LargeProblemTest {
    private final Convolver convolver = new Convolver();

    @ParameterizedTest(name = "{0}D n={1} k={2} {3} {4} stride {5} dilation {6}")
    @CsvSource({
        "1, 50000, 33, CONVOLUTION, SAME, 1, 1",
        "1, 50000, 700, CROSS_CORRELATION, FULL, 1, 1",
        "1, 40000, 301, CONVOLUTION, VALID, 3, 2",
        "1, 30000, 1500, CROSS_CORRELATION, SAME, 1, 3",
        "2, 300, 9, CONVOLUTION, SAME, 1, 1",
        "2, 257, 16, CROSS_CORRELATION, FULL, 2, 1",
        "2, 200, 7, CONVOLUTION, VALID, 1, 3",
        // row pairs that share strip rows: m output rows apart with m·stride a multiple of the dilation
        "2, 300, 9, CROSS_CORRELATION, SAME, 1, 2",
        "2, 300, 9, CONVOLUTION, SAME, 2, 2",
        "2, 250, 5, CROSS_CORRELATION, FULL, 1, 3",
        "2, 260, 5, CONVOLUTION, SAME, 2, 3",
        "2, 260, 7, CROSS_CORRELATION, SAME, 3, 2",
        // volumes: direct strip blocks per leading tap group, 3D overlap-save tiles
        "3, 40, 5, CONVOLUTION, SAME, 1, 1",
        "3, 37, 9, CROSS_CORRELATION, FULL, 2, 1",
        "3, 30, 4, CONVOLUTION, VALID, 1, 2",
        "4, 12, 3, CROSS_CORRELATION, SAME, 1, 1",
        "4, 11, 4, CONVOLUTION, FULL, 2, 2",
    })
    void fastPathsMatchTheNaiveReference(int rank, int n, int k, Operation op, Mode mode, int stride, int dilation) {
        Random rnd = new Random(n * 31L + k);
        Grid x = RandomProblems.grid(rnd, cube(rank, n), false);
        Grid h = RandomProblems.grid(rnd, cube(rank, k), false);
        for (CorrelationConvention c : CorrelationConvention.values()) {
            Spec spec = Spec.defaults(op).withConvention(c).withMode(mode).withBoundary(Boundary.REFLECT, 0)
                    .withStride(cube(rank, stride)).withDilation(cube(rank, dilation));
            Plan plan = Plan.of(spec, x.shape(), h.shape(), Limits.NONE);
            int[] shape = new int[rank];
            double[] expected = NaiveReference.compute(spec, x, h, shape);
            double scale = 0;
            for (double v : x.values()) {
                scale += Math.abs(v);
            }
            double tolerance = 1e-9 * scale * h.maxAbs();
            for (Method m : new Method[] {Method.DIRECT, Method.FFT}) {
                double[] y = convolver.compute(plan, x, h, m).output();
                assertThat(y).hasSize(expected.length);
                for (int i = 0; i < y.length; i++) {
                    assertThat(y[i]).as("%s %s at %d", m, c, i).isCloseTo(expected[i], within(tolerance));
                }
            }
            // both direct loops explicitly (the service runs the SIMD one on Java 25, these tests may run on 17)
            for (TileLoop loop : new TileLoop[] {TileLoop.scalar(), TileLoop.vector()}) {
                double[] y = new DirectConvolver(loop).convolve(plan, x, h);
                for (int i = 0; i < y.length; i++) {
                    assertThat(y[i]).as("%s %s at %d", loop.name(), c, i).isCloseTo(expected[i], within(tolerance));
                }
            }
        }
    }

    /**
     * Kernels of at most four rows (leading taps included) on large inputs, where tiles inside the input read it in
     * place and the tiles around them read strips: every boundary, both operations and conventions, per-axis strides
     * (the columns' stride 1, which reading in place needs) and dilations.
     */
    @ParameterizedTest(name = "x {0} h {1} stride {2} dilation {3} {4}")
    @CsvSource(delimiter = ';', value = {
        "300,280; 3,3; 1,1; 1,1; SAME",
        "300,280; 3,5; 2,1; 1,2; FULL",
        "257,300; 4,1; 1,1; 2,1; VALID",
        "6,60,70; 1,3,7; 1,2,1; 1,1,3; SAME",
        "20,50,60; 2,2,5; 2,1,1; 3,1,1; FULL",
        "3,4,40,50; 1,2,2,3; 1,1,3,1; 1,1,1,2; SAME",
    })
    void tilesReadingTheInputInPlaceMatchTheNaiveReference(String xs, String hs, String strides, String dilations, Mode mode) {
        int[] xShape = ints(xs);
        int[] hShape = ints(hs);
        Random rnd = new Random(xs.hashCode() * 31L + hs.hashCode());
        Grid x = RandomProblems.grid(rnd, xShape, false);
        Grid h = RandomProblems.grid(rnd, hShape, false);
        double scale = 0;
        for (double v : x.values()) {
            scale += Math.abs(v);
        }
        double tolerance = 1e-9 * scale * h.maxAbs();
        for (Boundary b : Boundary.values()) {
            for (Operation op : Operation.values()) {
                for (CorrelationConvention c : CorrelationConvention.values()) {
                    Spec spec = Spec.defaults(op).withConvention(c).withMode(mode).withBoundary(b, b == Boundary.FILL ? 1.5 : 0)
                            .withStride(ints(strides)).withDilation(ints(dilations));
                    Plan plan = Plan.of(spec, x.shape(), h.shape(), Limits.NONE);
                    double[] expected = NaiveReference.compute(spec, x, h, new int[xShape.length]);
                    for (TileLoop loop : new TileLoop[] {TileLoop.scalar(), TileLoop.vector()}) {
                        double[] y = new DirectConvolver(loop).convolve(plan, x, h);
                        assertThat(y).hasSize(expected.length);
                        for (int i = 0; i < y.length; i++) {
                            assertThat(y[i]).as("%s %s %s %s at %d", loop.name(), b, op, c, i).isCloseTo(expected[i], within(tolerance));
                        }
                    }
                }
            }
        }
    }

    private static int[] ints(String csv) {
        return java.util.Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    private static int[] cube(int rank, int v) {
        int[] d = new int[rank];
        java.util.Arrays.fill(d, v);
        return d;
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "CROSS_CORRELATION, SLIDING",
        "CROSS_CORRELATION, MIRRORED",
        "CONVOLUTION, SLIDING",
    })
    void overflowInAnyDirectTileIsRefusedNamingTheFirstOutput(Operation op, CorrelationConvention convention) {
        // not integers, so the tiled direct loop (not the exact one) runs; two overflows in far-apart tiles
        int n = 600;
        double[] v = new double[n * n];
        java.util.Arrays.fill(v, 0.5);
        v[500 * n + 550] = 1.5e308;
        v[20 * n + 30] = -1.5e308;
        Grid x = Grid.of(v, n, n);
        double[] k = new double[25];
        java.util.Arrays.fill(k, 2.5);
        Grid h = Grid.of(k, 5, 5);
        Spec spec = Spec.defaults(op).withConvention(convention).withMode(Mode.SAME);
        Plan plan = Plan.of(spec, x.shape(), h.shape(), Limits.NONE);
        double[] expected = NaiveReference.compute(spec, x, h, new int[2]);
        int first = 0;
        while (Double.isFinite(expected[first])) {
            first++;
        }
        long[] label = plan.outputLabels(first);
        String infinity = expected[first] > 0 ? "+infinity" : "-infinity";
        for (Method m : new Method[] {Method.DIRECT, Method.AUTO}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> convolver.compute(plan, x, h, m))
                    .as("%s", m)
                    .isInstanceOf(ResultNotRepresentableException.class)
                    .hasMessageContaining("output " + java.util.Arrays.toString(label) + " is " + infinity);
        }
    }
}
