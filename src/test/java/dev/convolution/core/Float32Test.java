package dev.convolution.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.convolution.core.direct.DirectConvolver;
import dev.convolution.core.direct.FloatTileLoop;
import dev.convolution.core.error.ResultNotRepresentableException;
import dev.convolution.core.fft.FloatFft;
import dev.convolution.core.operand.Padder;
import dev.convolution.core.type.ElementType;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The float32 path (sums in float) against the float64 naive reference on the same float data, within the contract's
 * float32 bound {@code 1e-5·Σ|padded x|·max|h|}, on the property tests' random problems: every rank, mode, boundary,
 * stride, dilation and convention, by every method and both float loops; the outputs are floats.
 */
class Float32Test {
    private final Convolver convolver = new Convolver();

    static LongStream seeds() {
        return LongStream.range(1, 401);
    }

    static LongStream largeSeeds() {
        return LongStream.range(0, 60);
    }

    /** The problem with its data rounded to float (what a float32 request holds). */
    private static RandomProblems.Problem float32(RandomProblems.Problem p) {
        Spec spec = p.spec().withBoundary(p.spec().boundary(), (float) p.spec().fillValue());
        return new RandomProblems.Problem(p.seed(), spec, ElementType.FLOAT32.round(p.x()), ElementType.FLOAT32.round(p.h()), false);
    }

    /** The contract's float32 bound: 1e-5 · Σ|padded x| · max|h|. */
    private static double bound(RandomProblems.Problem p) {
        double sum = 0;
        for (double v : Padder.pad(p.plan(), p.x())) {
            sum += Math.abs(v);
        }
        return 1e-5 * Math.max(1e-300, sum * p.h().maxAbs());
    }

    private static float[] floats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyMethodEqualsTheReferenceWithinTheFloat32Bound(long seed) {
        assertEveryMethodAndLoopWithinTheBound(float32(RandomProblems.of(seed)));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("largeSeeds")
    void tilesMeetWhereTheyJoinInLargeProblems(long seed) {
        assertEveryMethodAndLoopWithinTheBound(float32(RandomProblems.large(seed)));
    }

    /** Kernels longer than a block of taps: by whole groups (3D), by kernel rows (2D) and by pieces of a row (1D). */
    @ParameterizedTest(name = "case {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void longKernelsAreSummedABlockOfTapsAtATime(int c) {
        Random rnd = new Random(c);
        int[][] shapes = {{2000}, {300}, {60, 70}, {30, 40}, {12, 13, 14}, {9, 10, 11}};
        int[][] kernels = {{300}, {300}, {15, 15}, {13, 21}, {7, 7, 7}, {9, 9, 9}};
        Spec spec = Spec.defaults(c % 2 == 0 ? Operation.CONVOLUTION : Operation.CROSS_CORRELATION)
                .withMode(c % 3 == 0 ? Mode.FULL : Mode.SAME)
                .withBoundary(Boundary.values()[c % Boundary.values().length], 0.5);
        RandomProblems.Problem p = float32(new RandomProblems.Problem(c, spec, RandomProblems.grid(rnd, shapes[c], false),
                RandomProblems.grid(rnd, kernels[c], false), false));
        assertThat(DirectConvolver.floatApplies(p.plan())).isTrue();
        assertEveryMethodAndLoopWithinTheBound(p);
    }

    /** A kernel of more blocks than float keeps within the bound is summed in double and rounded. */
    @ParameterizedTest(name = "{0} taps")
    @ValueSource(ints = {4097, 6000})
    void kernelsTooLongForFloatSumsAreSummedInDouble(int taps) {
        Random rnd = new Random(taps);
        RandomProblems.Problem p = float32(new RandomProblems.Problem(taps, Spec.defaults(Operation.CONVOLUTION),
                RandomProblems.grid(rnd, new int[] {taps + 100}, false), RandomProblems.grid(rnd, new int[] {taps}, false), false));
        assertThat(DirectConvolver.floatApplies(p.plan())).isFalse();
        assertEveryMethodAndLoopWithinTheBound(p);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void rankOneKernelsRunAsFloatPasses(long seed) {
        RandomProblems.Problem r = RandomProblems.of(seed);
        Random rnd = new Random(seed);
        int rank = 2 + (int) (seed % 3);
        int[] n = new int[rank];
        int[] k = new int[rank];
        double[][] factors = new double[rank][];
        for (int a = 0; a < rank; a++) {
            n[a] = 3 + rnd.nextInt(rank == 2 ? 40 : 8);
            k[a] = 2 + rnd.nextInt(4);
            factors[a] = new double[k[a]];
            for (int t = 0; t < k[a]; t++) {
                factors[a][t] = (rnd.nextBoolean() ? 1 : -1) * Math.scalb(1.0, rnd.nextInt(7) - 3); // powers of two: every factor exact
            }
        }
        double[] g = new double[java.util.Arrays.stream(k).reduce(1, (u, v) -> u * v)];
        for (int i = 0; i < g.length; i++) {
            double v = 1;
            for (int a = rank - 1, q = i; a >= 0; q /= k[a], a--) {
                v *= factors[a][q % k[a]];
            }
            g[i] = v;
        }
        Spec spec = Spec.defaults(r.spec().operation()).withMode(seed % 2 == 0 ? Mode.SAME : Mode.FULL)
                .withBoundary(r.spec().boundary(), r.spec().fillValue());
        RandomProblems.Problem p = float32(new RandomProblems.Problem(seed, spec, RandomProblems.grid(rnd, n, false),
                Grid.of(g, k), false));
        Plan plan = p.plan();
        float[][] f = DirectConvolver.floatFactors(DirectConvolver.separableFactors(plan, dev.convolution.core.operand.AppliedKernel.of(plan, p.h()), false));
        assertThat(f).as("%s", p).isNotNull();
        double[] expected = NaiveReference.compute(p.spec(), p.x(), p.h(), new int[rank]);
        float[] y = new DirectConvolver().compute32(plan, floats(p.x().values()), applied(p), f, Deadline.none());
        assertWithin(p, "separable passes", expected, y);
    }

    /** The float transforms run on most random problems of one and two axes (elsewhere the double ones, rounded). */
    @org.junit.jupiter.api.Test
    void theFloatTransformsRunWhereTheirBoundHolds() {
        int oneOrTwoAxes = 0;
        int inFloat = 0;
        for (long seed : seeds().toArray()) {
            RandomProblems.Problem p = float32(RandomProblems.of(seed));
            if (p.plan().nonUnitAxes().size() <= 2) {
                oneOrTwoAxes++;
                inFloat += FloatFft.keepsTheBound(p.plan(), Padder.pad(p.plan(), floats(p.x().values())), applied(p)) ? 1 : 0;
            }
        }
        assertThat(inFloat).as("of %d problems of one or two axes", oneOrTwoAxes).isGreaterThan(oneOrTwoAxes / 2);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"DIRECT", "FFT", "AUTO"})
    void aFloatThatOverflowsIsRefused(String method) {
        Grid x = Grid.of(new double[] {3e38, 3e38, 3e38, 3e38}, 2, 2);
        Grid h = Grid.of(new double[] {1, 1, 1, 1}, 2, 2);
        Plan plan = Plan.of(Spec.defaults(Operation.CONVOLUTION), x.shape(), h.shape(), Limits.NONE);
        assertThat(java.util.Arrays.stream(convolver.compute(plan, x, h, Method.valueOf(method)).output())).allMatch(Double::isFinite);
        assertThatThrownBy(() -> convolver.compute(plan, x, h, Method.valueOf(method), Deadline.none(), ElementType.FLOAT32))
                .isInstanceOf(ResultNotRepresentableException.class);
    }

    private static float[] applied(RandomProblems.Problem p) {
        return floats(dev.convolution.core.operand.AppliedKernel.of(p.plan(), p.h()));
    }

    private void assertEveryMethodAndLoopWithinTheBound(RandomProblems.Problem p) {
        double[] expected = NaiveReference.compute(p.spec(), p.x(), p.h(), new int[p.rank()]);
        for (Method m : Method.values()) {
            Result r = convolver.compute(p.plan(), p.x(), p.h(), m, Deadline.none(), ElementType.FLOAT32);
            assertThat(r.exact()).isFalse();
            double[] y = r.output();
            assertThat(y).as("%s by %s", p, m).hasSameSizeAs(expected);
            for (int i = 0; i < y.length; i++) {
                assertThat(y[i]).as("%s by %s: a float at %d", p, m, i).isEqualTo((double) (float) y[i]);
            }
            assertWithin(p, m.name(), expected, floats(y));
            float[] direct = convolver.compute(p.plan(), floats(p.x().values()), floats(p.h().values()), m, Deadline.none());
            assertWithin(p, m + " on floats", expected, direct);
        }
        float[] xp = Padder.pad(p.plan(), floats(p.x().values()));
        if (FloatFft.keepsTheBound(p.plan(), xp, applied(p))) {
            assertWithin(p, "float transforms", expected, FloatFft.compute(p.plan(), xp, applied(p), Deadline.none()));
        }
        assertThat(FloatTileLoop.vector()).as("the Vector API loop loads (tests run with the module)").isNotNull();
        if (DirectConvolver.floatApplies(p.plan())) {
            for (FloatTileLoop loop : new FloatTileLoop[] {FloatTileLoop.scalar(), FloatTileLoop.vector()}) {
                float[] y = new DirectConvolver(loop).compute32(p.plan(), floats(p.x().values()), applied(p), null, Deadline.none());
                assertWithin(p, loop.name() + " loop", expected, y);
                // into an output of the last block's (its values stale): every value stored, the same floats
                float[] stale = new float[y.length];
                java.util.Arrays.fill(stale, Float.NaN);
                float[] into = new DirectConvolver(loop).compute32(p.plan(), floats(p.x().values()), applied(p), null, Deadline.none(),
                        stale);
                assertThat(into).as("%s by the %s loop into an output given", p, loop.name()).isSameAs(stale).containsExactly(y);
            }
        }
    }

    private static void assertWithin(RandomProblems.Problem p, String by, double[] expected, float[] y) {
        double bound = bound(p);
        assertThat(y).as("%s by %s", p, by).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) y[i]).as("%s by %s at %d", p, by, i).isCloseTo(expected[i], within(bound));
        }
    }
}
