package dev.convolution.core.type;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convolution.core.Boundary;
import dev.convolution.core.Convolver;
import dev.convolution.core.Deadline;
import dev.convolution.core.Grid;
import dev.convolution.core.Limits;
import dev.convolution.core.Method;
import dev.convolution.core.Mode;
import dev.convolution.core.Operation;
import dev.convolution.core.Plan;
import dev.convolution.core.Spec;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract's invariants of complex data, on seeded random problems of ranks 1–3 with every boundary, stride and
 * dilation: correlation that conjugates equals convolution with the conjugated flipped kernel; {@code conjugate: false}
 * equals convolution with the flipped kernel; fft equals direct (also by many windows and tiles of the complex transforms);
 * and every output equals the complex sum of its terms computed by the definition (padding {@code fillValue + 0i}). The
 * seed is in every failure message.
 */
class ComplexConvolverTest {
    private static final Limits LIMITS = new Limits(1 << 24, 1 << 24);
    private final ComplexConvolver complex = new ComplexConvolver(new Convolver());

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    /** One random problem: complex input and kernel, a spec of mode full or valid (where flipping commutes with padding). */
    record Problem(long seed, Spec spec, Grid xr, Grid xi, Grid hr, Grid hi) {
        static Problem of(long seed) {
            Random rnd = new Random(new SplittableRandom(seed).nextLong());
            int rank = 1 + rnd.nextInt(3);
            int[] n = new int[rank];
            int[] k = new int[rank];
            int[] d = new int[rank];
            int[] st = new int[rank];
            Mode mode = rnd.nextBoolean() ? Mode.FULL : Mode.VALID;
            for (int a = 0; a < rank; a++) {
                n[a] = 1 + rnd.nextInt(rank == 1 ? 30 : 8);
                k[a] = 1 + rnd.nextInt(rank == 1 ? 7 : 4);
                d[a] = 1 + rnd.nextInt(2);
                st[a] = 1 + rnd.nextInt(3);
                if (mode == Mode.VALID) {
                    dev.convolution.core.RandomProblems.fitValid(n, k, d, a);
                }
            }
            Spec spec = Spec.defaults(Operation.CROSS_CORRELATION).withMode(mode)
                    .withBoundary(Boundary.values()[rnd.nextInt(Boundary.values().length)], rnd.nextGaussian())
                    .withStride(st).withDilation(d);
            return new Problem(seed, spec, grid(rnd, n), grid(rnd, n), grid(rnd, k), grid(rnd, k));
        }

        @Override
        public String toString() {
            return "seed " + seed + ": " + spec + ", input " + xr.shape() + ", kernel " + hr.shape();
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void conjugatingCorrelationEqualsConvolutionWithTheConjugatedFlippedKernel(long seed) {
        Problem p = Problem.of(seed);
        ComplexResult corr = run(p.spec(), p.xr(), p.xi(), p.hr(), p.hi(), true, Method.DIRECT);
        ComplexResult conv = run(p.spec().withOperation(Operation.CONVOLUTION), p.xr(), p.xi(), flip(p.hr()), negate(flip(p.hi())),
                false, Method.DIRECT);
        close(corr, conv, p);
        ComplexResult plain = run(p.spec(), p.xr(), p.xi(), p.hr(), p.hi(), false, Method.DIRECT);
        close(plain, run(p.spec().withOperation(Operation.CONVOLUTION), p.xr(), p.xi(), flip(p.hr()), flip(p.hi()), false, Method.DIRECT), p);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void fftEqualsDirectAndTheDefinition(long seed) {
        Problem p = Problem.of(seed);
        ComplexResult direct = run(p.spec(), p.xr(), p.xi(), p.hr(), p.hi(), true, Method.DIRECT);
        close(direct, run(p.spec(), p.xr(), p.xi(), p.hr(), p.hi(), true, Method.FFT), p);
        // the definition: each output the complex sum of x·conj(h) over its terms, from the real plan's index algebra
        Plan plan = Plan.of(p.spec(), p.xr().shape(), p.hr().shape(), LIMITS);
        int[] all = new int[plan.outputSize()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        var re = new dev.convolution.core.Tracer().trace(plan, all, p.xr(), p.hr());
        var im = new dev.convolution.core.Tracer().trace(plan.withFillValue(0), all, p.xi(), p.hi());
        double[] yr = new double[all.length];
        double[] yi = new double[all.length];
        for (int o = 0; o < all.length; o++) {
            for (int t = 0; t < re.get(o).terms().size(); t++) {
                double xr = re.get(o).terms().get(t).inputValue();
                double xi = im.get(o).terms().get(t).inputValue();
                double hr = re.get(o).terms().get(t).kernelValue();
                double hi = -im.get(o).terms().get(t).kernelValue();
                yr[re.get(o).index()] += xr * hr - xi * hi;
                yi[re.get(o).index()] += xr * hi + xi * hr;
            }
        }
        close(direct, new ComplexResult(plan, yr, yi, Method.DIRECT, null, null), p);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void complex64IsWithinFloat32sBoundOfComplex128ByEveryMethod(long seed) {
        Problem p = Problem.of(seed);
        Grid xr = ElementType.FLOAT32.round(p.xr());
        Grid xi = ElementType.FLOAT32.round(p.xi());
        Grid hr = ElementType.FLOAT32.round(p.hr());
        Grid hi = ElementType.FLOAT32.round(p.hi());
        Plan plan = Plan.of(p.spec(), xr.shape(), hr.shape(), LIMITS);
        ComplexResult exact = complex.compute(plan, xr, xi, hr, hi, true, Method.DIRECT, Deadline.none());
        for (Method m : new Method[] {Method.DIRECT, Method.FFT, Method.AUTO}) {
            ComplexResult single = complex.compute(plan, xr, xi, hr, hi, true, m, Deadline.none(), ElementType.COMPLEX64);
            double scale = (xr.maxAbs() + xi.maxAbs() + Math.abs(p.spec().fillValue())) * (hr.maxAbs() + hi.maxAbs()) * hr.size() + 1e-300;
            for (int i = 0; i < exact.re().length; i++) {
                assertThat(Math.abs(single.re()[i] - exact.re()[i])).as("re %d of %s by %s", i, p, m).isLessThanOrEqualTo(1e-5 * scale);
                assertThat(Math.abs(single.im()[i] - exact.im()[i])).as("im %d of %s by %s", i, p, m).isLessThanOrEqualTo(1e-5 * scale);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("fewSeeds")
    void aLongSignalByTheFftInManyWindowsEqualsDirect(long seed) {
        Random rnd = new Random(seed);
        int n = 20_000 + rnd.nextInt(5_000);
        int k = 200 + rnd.nextInt(400);
        Mode mode = Mode.values()[rnd.nextInt(3)];
        Spec spec = Spec.defaults(rnd.nextBoolean() ? Operation.CONVOLUTION : Operation.CROSS_CORRELATION).withMode(mode)
                .withBoundary(Boundary.values()[rnd.nextInt(Boundary.values().length)], rnd.nextGaussian()).withStride(1 + rnd.nextInt(3))
                .withDilation(1 + rnd.nextInt(2));
        Problem p = new Problem(seed, spec, grid(rnd, new int[] {n}), grid(rnd, new int[] {n}), grid(rnd, new int[] {k}),
                grid(rnd, new int[] {k}));
        ComplexResult fft = run(spec, p.xr(), p.xi(), p.hr(), p.hi(), true, Method.FFT);
        assertThat(fft.method()).isEqualTo(Method.FFT);
        close(run(spec, p.xr(), p.xi(), p.hr(), p.hi(), true, Method.DIRECT), fft, p);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("fewSeeds")
    void aLargeImageByTheFftInManyTilesEqualsDirect(long seed) {
        Random rnd = new Random(seed);
        int[] n = {300 + rnd.nextInt(300), 300 + rnd.nextInt(300)};
        int[] k = {5 + rnd.nextInt(20), 5 + rnd.nextInt(20)};
        Spec spec = Spec.defaults(rnd.nextBoolean() ? Operation.CONVOLUTION : Operation.CROSS_CORRELATION)
                .withMode(Mode.values()[rnd.nextInt(3)])
                .withBoundary(Boundary.values()[rnd.nextInt(Boundary.values().length)], rnd.nextGaussian())
                .withStride(1 + rnd.nextInt(2), 1 + rnd.nextInt(3)).withDilation(1 + rnd.nextInt(2), 1);
        Problem p = new Problem(seed, spec, grid(rnd, n), grid(rnd, n), grid(rnd, k), grid(rnd, k));
        ComplexResult fft = run(spec, p.xr(), p.xi(), p.hr(), p.hi(), true, Method.FFT);
        assertThat(fft.method()).isEqualTo(Method.FFT);
        ComplexResult direct = run(spec, p.xr(), p.xi(), p.hr(), p.hi(), true, Method.DIRECT);
        close(direct, fft, p);
        // complex64: the tiles in float transforms, within float32's bound
        Plan plan = Plan.of(spec, p.xr().shape(), p.hr().shape(), LIMITS);
        ComplexResult single = complex.compute(plan, p.xr(), p.xi(), p.hr(), p.hi(), true, Method.FFT, Deadline.none(),
                ElementType.COMPLEX64);
        double scale = (p.xr().maxAbs() + p.xi().maxAbs() + Math.abs(spec.fillValue())) * (p.hr().maxAbs() + p.hi().maxAbs())
                * p.hr().size();
        for (int i = 0; i < direct.re().length; i++) {
            assertThat(Math.abs(single.re()[i] - direct.re()[i])).as("complex64 re %d of %s", i, p).isLessThanOrEqualTo(1e-5 * scale);
            assertThat(Math.abs(single.im()[i] - direct.im()[i])).as("complex64 im %d of %s", i, p).isLessThanOrEqualTo(1e-5 * scale);
        }
    }

    /**
     * complex64 by direct sums on images with kernels of more taps than a float group holds (the channel sums' two-output
     * loop, each input's taps split over groups), with and without an imaginary input: every part of every output within
     * the float32 bound of its own terms' moduli, against complex128.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("fewSeeds")
    void complex64DirectSumsOfLargeKernelsAreWithinTheBoundOfEachOutputsTerms(long seed) {
        Random rnd = new Random(seed);
        int[] n = {20 + rnd.nextInt(40), 150 + rnd.nextInt(300)};
        int[] k = {9 + rnd.nextInt(8), 12 + rnd.nextInt(8)};
        Spec spec = Spec.defaults(rnd.nextBoolean() ? Operation.CONVOLUTION : Operation.CROSS_CORRELATION)
                .withMode(Mode.values()[rnd.nextInt(3)]).withBoundary(seed % 2 == 0 ? Boundary.FILL : Boundary.REFLECT, 0);
        Grid xr = ElementType.FLOAT32.round(grid(rnd, n));
        Grid xi = seed % 3 == 0 ? new Grid(xr.shape(), new double[xr.size()]) : ElementType.FLOAT32.round(grid(rnd, n));
        Grid hr = ElementType.FLOAT32.round(grid(rnd, k));
        Grid hi = ElementType.FLOAT32.round(grid(rnd, k));
        Plan plan = Plan.of(spec, xr.shape(), hr.shape(), LIMITS);
        ComplexResult exact = complex.compute(plan, xr, xi, hr, hi, true, Method.DIRECT, Deadline.none());
        ComplexResult single = complex.compute(plan, xr, xi, hr, hi, true, Method.DIRECT, Deadline.none(), ElementType.COMPLEX64);
        Convolver real = new Convolver();
        double[] rr = real.compute(plan, abs(xr), abs(hr), Method.DIRECT).output();
        double[] ii = real.compute(plan, abs(xi), abs(hi), Method.DIRECT).output();
        double[] ri = real.compute(plan, abs(xr), abs(hi), Method.DIRECT).output();
        double[] ir = real.compute(plan, abs(xi), abs(hr), Method.DIRECT).output();
        assertThat(single.method()).isEqualTo(Method.DIRECT);
        for (int i = 0; i < exact.re().length; i++) {
            assertThat(Math.abs(single.re()[i] - exact.re()[i])).as("re %d, seed %d", i, seed).isLessThanOrEqualTo(1e-5 * (rr[i] + ii[i]));
            assertThat(Math.abs(single.im()[i] - exact.im()[i])).as("im %d, seed %d", i, seed).isLessThanOrEqualTo(1e-5 * (ri[i] + ir[i]));
        }
    }

    private static Grid abs(Grid g) {
        double[] v = g.values().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.abs(v[i]);
        }
        return new Grid(g.shape(), v);
    }

    static LongStream fewSeeds() {
        return LongStream.range(0, 6);
    }

    private ComplexResult run(Spec spec, Grid xr, Grid xi, Grid hr, Grid hi, boolean conjugate, Method method) {
        Plan plan = Plan.of(spec, xr.shape(), hr.shape(), LIMITS);
        return complex.compute(plan, xr, xi, hr, hi, conjugate, method, Deadline.none());
    }

    /** Both parts of every output within 1e-9 of the scale of the problem's sums. */
    private static void close(ComplexResult a, ComplexResult b, Problem p) {
        double scale = (p.xr().maxAbs() + p.xi().maxAbs() + Math.abs(p.spec().fillValue())) * (p.hr().maxAbs() + p.hi().maxAbs())
                * p.hr().size() + 1e-300;
        assertThat(a.re()).as("%s", p).hasSameSizeAs(b.re());
        for (int i = 0; i < a.re().length; i++) {
            assertThat(Math.abs(a.re()[i] - b.re()[i])).as("re %d of %s", i, p).isLessThanOrEqualTo(1e-9 * scale);
            assertThat(Math.abs(a.im()[i] - b.im()[i])).as("im %d of %s", i, p).isLessThanOrEqualTo(1e-9 * scale);
        }
    }

    private static Grid grid(Random rnd, int[] dims) {
        int size = 1;
        for (int v : dims) {
            size *= v;
        }
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            v[i] = rnd.nextGaussian();
        }
        return Grid.of(v, dims);
    }

    /** The grid rotated 180° (reversed on every axis): row-major reversal. */
    private static Grid flip(Grid g) {
        double[] v = g.values();
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[v.length - 1 - i];
        }
        return new Grid(g.shape(), out);
    }

    private static Grid negate(Grid g) {
        double[] v = g.values();
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = -v[i];
        }
        return new Grid(g.shape(), out);
    }
}
