package dev.convolution.core.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.convolution.core.Boundary;
import dev.convolution.core.Convolver;
import dev.convolution.core.CorrelationConvention;
import dev.convolution.core.Deadline;
import dev.convolution.core.Grid;
import dev.convolution.core.Limits;
import dev.convolution.core.Method;
import dev.convolution.core.Mode;
import dev.convolution.core.Operation;
import dev.convolution.core.Plan;
import dev.convolution.core.Result;
import dev.convolution.core.Shape;
import dev.convolution.core.Spec;
import dev.convolution.core.error.InvalidRequestException;
import dev.convolution.core.error.LimitExceededException;
import dev.convolution.core.type.ComplexConvolver;
import dev.convolution.core.type.ComplexResult;
import dev.convolution.core.type.ElementType;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A streamed computation (rows fed one by one, output taken block by block) equals the whole array's computation, for
 * seeded random problems over every rank, mode, streamable boundary, stride, dilation, element type and block size.
 */
class SlabConvolutionTest {
    private static final ElementType[] TYPES = {ElementType.FLOAT64, ElementType.INT64, ElementType.FLOAT32,
        ElementType.COMPLEX128, ElementType.COMPLEX64};
    private final Convolver convolver = new Convolver();

    static LongStream seeds() {
        return LongStream.range(1, 301);
    }

    record Problem(Spec spec, int[] dims, Grid xr, Grid xi, Grid hr, Grid hi, ElementType type, long windowBytes) {
        @Override
        public String toString() {
            return spec + " x" + Shape.of(dims) + " h" + hr.shape() + " " + type + " window " + windowBytes;
        }
    }

    static Problem problem(long seed) {
        Random rnd = new Random(new SplittableRandom(seed).nextLong());
        int rank = 1 + rnd.nextInt(4);
        ElementType type = TYPES[rnd.nextInt(TYPES.length)];
        boolean integer = type == ElementType.INT64;
        Mode mode = Mode.values()[rnd.nextInt(3)];
        Boundary b = Boundary.values()[rnd.nextInt(5)];
        if (b == Boundary.WRAP && mode != Mode.VALID) {
            b = Boundary.REFLECT;
        }
        int[] n = new int[rank];
        int[] k = new int[rank];
        int[] d = new int[rank];
        int[] st = new int[rank];
        for (int a = 0; a < rank; a++) {
            n[a] = a == 0 ? 1 + rnd.nextInt(rank == 1 ? 200 : 30) : 1 + rnd.nextInt(rank == 2 ? 12 : 5);
            k[a] = 1 + rnd.nextInt(a == 0 ? 6 : 3);
            d[a] = 1 + rnd.nextInt(3);
            st[a] = 1 + rnd.nextInt(3);
            if (mode == Mode.VALID) {
                dev.convolution.core.RandomProblems.fitValid(n, k, d, a);
            }
        }
        Operation op = rnd.nextBoolean() ? Operation.CONVOLUTION : Operation.CROSS_CORRELATION;
        Spec spec = Spec.defaults(op).withMode(mode).withBoundary(b, integer ? rnd.nextInt(7) - 3 : rnd.nextGaussian())
                .withStride(st).withDilation(d);
        if (op == Operation.CROSS_CORRELATION) {
            spec = spec.withConvention(CorrelationConvention.SLIDING);
        }
        boolean complex = type.isComplex();
        long row = 1;
        for (int a = 1; a < rank; a++) {
            row *= n[a] + 2L * (k[a] - 1) * d[a];
        }
        long windowBytes = row * 8 * (complex ? 2 : 1) * (1 + rnd.nextInt(3 * k[0] * d[0] + 4));
        return new Problem(spec, n, grid(rnd, n, type), complex ? grid(rnd, n, type) : null, grid(rnd, k, type),
                complex ? grid(rnd, k, type) : null, type, windowBytes);
    }

    private static Grid grid(Random rnd, int[] dims, ElementType type) {
        double[] v = new double[Shape.of(dims).size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = type == ElementType.INT64 ? rnd.nextInt(201) - 100 : rnd.nextGaussian();
        }
        return type.round(Grid.of(v, dims));
    }

    /** The streamed output, the rows fed one at a time. */
    private double[][] streamed(Problem p, Method method, boolean[] exact, int[] blocks) {
        int[] outShape = Plan.of(p.spec(), Shape.of(p.dims()), p.hr().shape(), Limits.NONE).outputShape();
        int outSize = Shape.of(outShape).size();
        double[][] out = {new double[outSize], p.type().isComplex() ? new double[outSize] : null};
        int[] at = {0};
        exact[0] = true;
        SlabConvolution s = new SlabConvolution(p.spec(), p.dims(), p.hr(), p.hi(), true, p.type(), method, p.windowBytes(),
                1 << 20, SlabConvolution.INLINE, convolver, (re, im, rows, isExact) -> {
                    assertThat(re.length).isEqualTo(rows * (outSize / outShape[0]));
                    System.arraycopy(re, 0, out[0], at[0], re.length);
                    if (im != null) {
                        System.arraycopy(im, 0, out[1], at[0], im.length);
                    }
                    at[0] += re.length;
                    exact[0] &= isExact;
                    blocks[0]++;
                });
        assertThat(s.outputShape()).containsExactly(outShape);
        int row = s.inputRowSize();
        for (int r = 0; r < p.dims()[0]; r++) {
            if (s.single()) {
                float[] f = s.nextRowSingle();
                for (int i = 0; i < row; i++) {
                    f[i] = (float) p.xr().values()[r * row + i];
                }
            } else {
                System.arraycopy(p.xr().values(), r * row, s.nextRow(), 0, row);
            }
            if (p.xi() != null) {
                System.arraycopy(p.xi().values(), r * row, s.nextRowImaginary(), 0, row);
            }
            s.rowFilled();
        }
        assertThat(s.complete()).isTrue();
        assertThat(at[0]).as("every output row was handed over").isEqualTo(outSize);
        assertThat(s.heldRows()).as("rows held").isLessThanOrEqualTo(
                Math.min(p.dims()[0], 2L * s.blockRows() * p.spec().stride().at(0) + 2L * p.hr().shape().dim(0) * p.spec().dilation().at(0))
                        + 2L * ((long) (s.blockRows() - 1) * p.spec().stride().at(0) + p.hr().shape().dim(0) * (long) p.spec().dilation().at(0)));
        return out;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theStreamedOutputEqualsTheWholeArraysOutput(long seed) {
        Problem p = problem(seed);
        Plan plan = Plan.of(p.spec(), Shape.of(p.dims()), p.hr().shape(), Limits.NONE);
        boolean[] exact = new boolean[1];
        int[] blocks = new int[1];
        Method method = seed % 4 == 0 ? Method.FFT : Method.DIRECT;
        double[][] got = streamed(p, method, exact, blocks);
        double[] re;
        double[] im = null;
        if (p.type().isComplex()) {
            ComplexResult r = new ComplexConvolver(convolver).compute(plan, p.xr(), p.xi(), p.hr(), p.hi(), true, method,
                    Deadline.none(), p.type());
            re = p.type().round(r.re());
            im = p.type().round(r.im());
        } else {
            Result r = convolver.compute(plan, p.xr(), p.hr(), method, Deadline.none(), p.type());
            re = r.output();
            assertThat(exact[0]).as("%s exact", p).isEqualTo(r.exact());
        }
        double tol = tolerance(p);
        for (int i = 0; i < re.length; i++) {
            if (p.type() == ElementType.INT64) {
                assertThat(got[0][i]).as("%s at %d", p, i).isEqualTo(re[i]);
            } else {
                assertThat(got[0][i]).as("%s at %d", p, i).isCloseTo(re[i], within(tol));
            }
            if (im != null) {
                assertThat(got[1][i]).as("%s imaginary at %d", p, i).isCloseTo(im[i], within(tol));
            }
        }
    }

    private static double tolerance(Problem p) {
        double sum = Math.abs(p.spec().fillValue()) * 100;
        for (double v : p.xr().values()) {
            sum += Math.abs(v);
        }
        double h = p.hr().maxAbs() + (p.hi() == null ? 0 : p.hi().maxAbs());
        return (p.type().isSingle() ? 1e-5 : 1e-9) * Math.max(1e-300, sum * h * 2);
    }

    @Test
    void theSeedsCoverEveryTypeAndSeveralBlocks() {
        java.util.Set<ElementType> types = java.util.EnumSet.noneOf(ElementType.class);
        int multiBlock = 0;
        for (long seed = 1; seed <= 300; seed++) {
            Problem p = problem(seed);
            types.add(p.type());
            int[] blocks = new int[1];
            streamed(p, Method.DIRECT, new boolean[1], blocks);
            multiBlock += blocks[0] > 2 ? 1 : 0;
        }
        assertThat(types).containsExactlyInAnyOrder(TYPES);
        assertThat(multiBlock).as("problems computed in more than two blocks").isGreaterThan(100);
    }

    @Test
    void memoryIsBoundedByTheKernelsReachNotByTheInputsLength() {
        Spec spec = Spec.defaults(Operation.CONVOLUTION).withMode(Mode.SAME).withBoundary(Boundary.REFLECT, 0);
        Grid h = Grid.of(new double[27], 3, 3, 3);
        long small = new SlabConvolution(spec, new int[] {100, 64, 64}, h, null, false, ElementType.FLOAT64, Method.DIRECT,
                1 << 20, 1 << 24, SlabConvolution.INLINE, convolver, (re, im, rows, exact) -> { }).workingBytes();
        SlabConvolution huge = new SlabConvolution(spec, new int[] {1_000_000, 64, 64}, h, null, false, ElementType.FLOAT64,
                Method.DIRECT, 1 << 20, 1 << 24, SlabConvolution.INLINE, convolver, (re, im, rows, exact) -> { });
        assertThat(huge.workingBytes()).isEqualTo(small);
        assertThat(huge.blockRows()).isLessThan(40);
        assertThat(huge.heldRows()).as("the ring and two gathered blocks").isLessThanOrEqualTo(3L * (huge.blockRows() + 2));
        assertThat(huge.outputShape()).containsExactly(1_000_000, 64, 64);
    }

    @Test
    void mirroredCorrelationAndWrapOnAPaddedFirstAxisAreRefusedNamingTheField() {
        Grid h = Grid.of(new double[9], 3, 3);
        Spec mirrored = Spec.defaults(Operation.CROSS_CORRELATION).withConvention(CorrelationConvention.MIRRORED);
        assertThatThrownBy(() -> new SlabConvolution(mirrored, new int[] {10, 10}, h, null, false, ElementType.FLOAT64, Method.AUTO,
                1 << 20, 1 << 20, SlabConvolution.INLINE, convolver, (re, im, rows, exact) -> { }))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations().get(0).field()).isEqualTo("convention"))
                .hasMessageContaining("axis 0");
        Spec wrap = Spec.defaults(Operation.CONVOLUTION).withMode(Mode.SAME).withBoundary(Boundary.WRAP, 0);
        assertThatThrownBy(() -> new SlabConvolution(wrap, new int[] {10, 10}, h, null, false, ElementType.FLOAT64, Method.AUTO,
                1 << 20, 1 << 20, SlabConvolution.INLINE, convolver, (re, im, rows, exact) -> { }))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations().get(0).field()).isEqualTo("boundary"))
                .hasMessageContaining("axis 0");
        // valid mode pads nothing along axis 0, so wrap there is the whole array's
        new SlabConvolution(wrap.withMode(Mode.VALID), new int[] {10, 10}, h, null, false, ElementType.FLOAT64, Method.AUTO,
                1 << 20, 1 << 20, SlabConvolution.INLINE, convolver, (re, im, rows, exact) -> { });
    }

    @Test
    void aRowLargerThanTheWorkingMemoryIsRefusedWith413() {
        Grid h = Grid.of(new double[9], 3, 3);
        assertThatThrownBy(() -> new SlabConvolution(Spec.defaults(Operation.CONVOLUTION), new int[] {10, 1000}, h, null, false,
                ElementType.FLOAT64, Method.AUTO, 1 << 20, 2000, SlabConvolution.INLINE, convolver, (re, im, rows, exact) -> { }))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(e.violations().get(0).field()).isEqualTo("input"));
    }
}
