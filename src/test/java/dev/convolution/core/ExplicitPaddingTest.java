package dev.convolution.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.convolution.core.direct.DirectConvolver;
import dev.convolution.core.direct.TileLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The seam the layers need: axes planned with explicit padding before and after and an input
 * dilation (zeros between input elements, as a transposed convolution's strided input), against a
 * reference that builds the dilated, padded input literally and slides the dilated kernel over it.
 */
class ExplicitPaddingTest {
    private final Convolver convolver = new Convolver();
    private final Tracer tracer = new Tracer();

    static LongStream seeds() {
        return LongStream.range(1, 201);
    }

    private record Case(Spec spec, Plan plan, Grid x, Grid h, int[] before, int[] after, int[] inputDilation) {
    }

    private static Case random(long seed) {
        Random rnd = new Random(new java.util.SplittableRandom(seed).nextLong());
        int rank = 1 + rnd.nextInt(3);
        Operation op = rnd.nextBoolean() ? Operation.CONVOLUTION : Operation.CROSS_CORRELATION;
        Boundary b = Boundary.values()[rnd.nextInt(Boundary.values().length)];
        Spec spec = Spec.defaults(op).withBoundary(b, rnd.nextInt(5) - 2)
                .withConvention(op == Operation.CROSS_CORRELATION && rnd.nextBoolean() ? CorrelationConvention.MIRRORED
                        : CorrelationConvention.SLIDING)
                .withOrigin(rnd.nextBoolean() ? IndexOrigin.CORNER : IndexOrigin.CENTER);
        int[] n = new int[rank];
        int[] k = new int[rank];
        int[] before = new int[rank];
        int[] after = new int[rank];
        int[] id = new int[rank];
        List<AxisPlan> axes = new ArrayList<>();
        for (int a = 0; a < rank; a++) {
            n[a] = 1 + rnd.nextInt(rank == 1 ? 12 : 6);
            k[a] = 1 + rnd.nextInt(4);
            id[a] = 1 + rnd.nextInt(3);
            int d = 1 + rnd.nextInt(2);
            int st = 1 + rnd.nextInt(3);
            int span = (k[a] - 1) * d + 1;
            int extent = (n[a] - 1) * id[a] + 1;
            before[a] = rnd.nextInt(span + 1);
            after[a] = Math.max(rnd.nextInt(span + 1), span - extent - before[a]);
            axes.add(AxisPlan.padded("axis " + a, n[a], id[a], k[a], d, st, before[a], after[a], spec.flipsKernel(),
                    spec.reversesOutput(), Long.MAX_VALUE));
            spec = withAxis(spec, a, rank, d, st, axes);
        }
        Plan plan = Plan.of(spec, axes, Limits.NONE);
        return new Case(spec, plan, RandomProblems.grid(rnd, n, true), RandomProblems.grid(rnd, k, true), before, after, id);
    }

    /** The spec carries the per-axis stride and dilation the axes were planned with. */
    private static Spec withAxis(Spec spec, int a, int rank, int d, int st, List<AxisPlan> axes) {
        if (a < rank - 1) {
            return spec;
        }
        int[] ds = new int[rank];
        int[] ss = new int[rank];
        for (int i = 0; i < rank; i++) {
            ds[i] = axes.get(i).dilation();
            ss[i] = axes.get(i).stride();
        }
        return spec.withDilation(ds).withStride(ss);
    }

    /** Dilate the input, pad it as the boundary says (folding on the dilated input), slide, flip and mirror, stride. */
    private static double[] reference(Case c) {
        int rank = c.x().rank();
        int[] ext = new int[rank];
        int[] len = new int[rank];
        for (int a = 0; a < rank; a++) {
            ext[a] = (c.x().shape().dim(a) - 1) * c.inputDilation()[a] + 1;
            len[a] = ext[a] + c.before()[a] + c.after()[a];
        }
        // the padded dilated input
        double[] xp = new double[size(len)];
        for (int i = 0; i < xp.length; i++) {
            int[] q = unflat(i, len);
            boolean fill = false;
            boolean hole = false;
            int src = 0;
            for (int a = 0; a < rank; a++) {
                int f = NaiveReference.fold(q[a] - c.before()[a], ext[a], c.spec().boundary());
                if (f < 0) {
                    fill = true;
                    f = 0;
                } else if (f % c.inputDilation()[a] != 0) {
                    hole = true;
                }
                src = src * c.x().shape().dim(a) + f / c.inputDilation()[a];
            }
            xp[i] = fill ? c.spec().fillValue() : hole ? 0 : c.x().at(src);
        }
        int[] f = new int[rank];
        int[] out = new int[rank];
        for (int a = 0; a < rank; a++) {
            AxisPlan ax = c.plan().axis(a);
            f[a] = len[a] - ax.span() + 1;
            out[a] = (f[a] + ax.stride() - 1) / ax.stride();
        }
        boolean mirrored = c.spec().reversesOutput();
        double[] y = new double[size(out)];
        for (int i = 0; i < y.length; i++) {
            int[] j = unflat(i, out);
            double sum = 0;
            for (int t = 0; t < c.h().size(); t++) {
                int[] tap = unflat(t, c.h().shape().dims());
                int at = 0;
                int kat = 0;
                for (int a = 0; a < rank; a++) {
                    AxisPlan ax = c.plan().axis(a);
                    int u = j[a] * ax.stride();
                    int start = mirrored ? f[a] - 1 - u : u;
                    at = at * len[a] + start + tap[a] * ax.dilation();
                    int kt = c.spec().flipsKernel() ? ax.taps() - 1 - tap[a] : tap[a];
                    kat = kat * ax.taps() + kt;
                }
                sum += xp[at] * c.h().at(kat);
            }
            y[i] = sum;
        }
        return y;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyMethodMatchesTheLiteralDilatedPaddedInput(long seed) {
        Case c = random(seed);
        double[] expected = reference(c);
        assertThat(c.plan().outputSize()).as("%s", c.plan()).isEqualTo(expected.length);
        for (Method m : new Method[] {Method.DIRECT, Method.FFT}) {
            assertThat(convolver.compute(c.plan(), c.x(), c.h(), m).output()).as("%s by %s", c.plan(), m).containsExactly(expected);
        }
        for (TileLoop loop : new TileLoop[] {TileLoop.scalar(), TileLoop.vector()}) {
            assertThat(new DirectConvolver(loop).convolve(c.plan(), c.x(), c.h())).as("%s loop %s", c.plan(), loop.name())
                    .containsExactly(expected);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theTraceAddsUpWithHolesAsZeros(long seed) {
        Case c = random(seed);
        double[] y = convolver.compute(c.plan(), c.x(), c.h(), Method.DIRECT).output();
        for (TraceEntry e : tracer.trace(c.plan(), tracer.select(c.plan(), "trace", null, Long.MAX_VALUE), c.x(), c.h())) {
            double sum = 0;
            for (Term t : e.terms()) {
                sum += t.product();
            }
            assertThat(sum).as("%s output %s", c.plan(), java.util.Arrays.toString(e.output())).isCloseTo(y[e.index()], within(0.0));
        }
    }

    private static int size(int[] d) {
        int s = 1;
        for (int v : d) {
            s *= v;
        }
        return s;
    }

    private static int[] unflat(int i, int[] dims) {
        int[] q = new int[dims.length];
        for (int a = dims.length - 1; a >= 0; a--) {
            q[a] = i % dims[a];
            i /= dims[a];
        }
        return q;
    }
}
