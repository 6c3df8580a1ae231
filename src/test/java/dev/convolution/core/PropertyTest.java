package dev.convolution.core;

import dev.convolution.core.direct.TileLoop;
import dev.convolution.core.direct.DirectConvolver;
import dev.convolution.core.fft.FftConvolver;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract's invariants on 400 seeded random problems covering every parameter. Each
 * failure names its seed; {@code RandomProblems.of(seed)} rebuilds the problem.
 */
class PropertyTest {
    private final Convolver convolver = new Convolver();
    private final Tracer tracer = new Tracer();

    static LongStream seeds() {
        return LongStream.range(1, 401);
    }

    private static double tolerance(RandomProblems.Problem p) {
        double sum = Math.abs(p.spec().fillValue()) * 1000;
        for (double v : p.x().values()) {
            sum += Math.abs(v);
        }
        return 1e-9 * Math.max(1e-300, sum * p.h().maxAbs());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void directEqualsTheNaiveReference(long seed) {
        RandomProblems.Problem p = RandomProblems.of(seed);
        int[] shape = new int[p.rank()];
        double[] expected = NaiveReference.compute(p.spec(), p.x(), p.h(), shape);
        Result r = convolver.compute(p.plan(), p.x(), p.h(), Method.DIRECT);
        assertThat(p.plan().outputShape()).as("%s", p).containsExactly(shape);
        for (int i = 0; i < expected.length; i++) {
            assertThat(r.output()[i]).as("%s at %d", p, i).isCloseTo(expected[i], within(tolerance(p)));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyDirectLoopEqualsTheNaiveReference(long seed) {
        assertEveryDirectLoopMatchesTheNaiveReference(RandomProblems.of(seed));
    }

    static java.util.stream.LongStream largeSeeds() {
        return java.util.stream.LongStream.range(0, 60);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("largeSeeds")
    void tilesMeetExactlyWhereTheyJoinInLargeProblems(long seed) {
        assertEveryDirectLoopMatchesTheNaiveReference(RandomProblems.large(seed));
    }

    /** The plain and the Vector API direct loops both give the naive reference's outputs. */
    private static void assertEveryDirectLoopMatchesTheNaiveReference(RandomProblems.Problem p) {
        double[] expected = NaiveReference.compute(p.spec(), p.x(), p.h(), new int[p.rank()]);
        assertThat(TileLoop.vector()).as("the Vector API loop loads (tests run with the module)").isNotNull();
        for (TileLoop kernel : new TileLoop[] {TileLoop.scalar(), TileLoop.vector()}) {
            double[] y = new DirectConvolver(kernel).convolve(p.plan(), p.x(), p.h());
            assertThat(y).as("%s kernel, %s", kernel.name(), p).hasSameSizeAs(expected);
            for (int i = 0; i < expected.length; i++) {
                assertThat(y[i]).as("%s kernel, %s at %d", kernel.name(), p, i).isCloseTo(expected[i], within(tolerance(p)));
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void fftEqualsDirectWithinTheContract(long seed) {
        RandomProblems.Problem p = RandomProblems.of(seed);
        double[] direct = convolver.compute(p.plan(), p.x(), p.h(), Method.DIRECT).output();
        double[] fft = new FftConvolver().convolve(p.plan(), p.x(), p.h());
        for (int i = 0; i < direct.length; i++) {
            assertThat(fft[i]).as("%s at %d", p, i).isCloseTo(direct[i], within(tolerance(p)));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void integerDataGiveExactIntegersWhateverTheMethod(long seed) {
        RandomProblems.Problem p = RandomProblems.of(seed);
        if (!p.integer()) {
            p = new RandomProblems.Problem(seed, p.spec().withBoundary(p.spec().boundary(), 2), round(p.x()), round(p.h()), true);
        }
        int[] shape = new int[p.rank()];
        double[] exact = NaiveReference.compute(p.spec(), p.x(), p.h(), shape);
        for (Method m : Method.values()) {
            double[] y = convolver.compute(p.plan(), p.x(), p.h(), m).output();
            assertThat(y).as("%s by %s", p, m).containsExactly(exact);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void traceProductsAddUpToTheValue(long seed) {
        RandomProblems.Problem p = RandomProblems.of(seed);
        Plan plan = p.plan();
        Result r = convolver.compute(plan, p.x(), p.h(), Method.AUTO);
        List<TraceEntry> entries = tracer.trace(plan, tracer.select(plan, "trace", null, Long.MAX_VALUE), p.x(), p.h());
        assertThat(entries).hasSize(plan.outputSize());
        for (TraceEntry e : entries) {
            double sum = 0;
            for (Term t : e.terms()) {
                sum += t.product();
            }
            assertThat(e.terms()).hasSize(plan.kernelSize());
            assertThat(sum).as("%s output %s", p, java.util.Arrays.toString(e.output()))
                    .isCloseTo(r.output()[e.index()], within(tolerance(p)));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void centerLabelsSatisfyTheContractFormulasLiterally(long seed) {
        RandomProblems.Problem p = RandomProblems.of(seed);
        Plan plan = Plan.of(p.spec().withOrigin(IndexOrigin.CENTER), p.x().shape(), p.h().shape(), Limits.NONE);
        int[] d = plan.dilations();
        for (TraceEntry e : tracer.trace(plan, tracer.select(plan, "trace", null, Long.MAX_VALUE), p.x(), p.h())) {
            for (Term t : e.terms()) {
                for (int a = 0; a < d.length; a++) {
                    long m = e.output()[a];
                    long i = t.input()[a];
                    long k = t.kernel()[a] * d[a];
                    long expected = switch (plan.spec().operation()) {
                        case CONVOLUTION -> i + k; // y[m] = Σ x[i]·h[m−i]
                        case CROSS_CORRELATION -> plan.spec().convention() == CorrelationConvention.SLIDING
                                ? i - k // y[m] = Σ h[k]·x[m+k]
                                : k - i; // y[m] = Σ x[i]·h[m+i]
                    };
                    assertThat(m).as("%s axis %d", p, a).isEqualTo(expected);
                }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void convolutionEqualsCorrelationWithTheFlippedKernel(long seed) {
        RandomProblems.Problem p = RandomProblems.of(seed);
        Spec conv = p.spec().withConvention(CorrelationConvention.SLIDING).withOperation(Operation.CONVOLUTION);
        Spec corr = conv.withOperation(Operation.CROSS_CORRELATION);
        Grid flipped = flip(p.h());
        boolean even = false;
        for (int v : p.h().shape().dims()) {
            even |= v % 2 == 0;
        }
        if (even) {
            // for even kernels 'same' centres a flipped kernel one place off; the identity holds for full and valid
            if (conv.mode() == Mode.SAME) {
                conv = conv.withMode(Mode.FULL);
                corr = corr.withMode(Mode.FULL);
            }
        }
        Plan pc = Plan.of(conv, p.x().shape(), p.h().shape(), Limits.NONE);
        Plan pr = Plan.of(corr, p.x().shape(), p.h().shape(), Limits.NONE);
        double[] a = convolver.compute(pc, p.x(), p.h(), Method.DIRECT).output();
        double[] b = convolver.compute(pr, p.x(), flipped, Method.DIRECT).output();
        assertThat(a).as("%s", p).containsExactly(b);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void mirroredCorrelationIsTheSlidingOneReversedOnEveryAxis(long seed) {
        RandomProblems.Problem p = RandomProblems.of(seed);
        Spec base = p.spec().withOperation(Operation.CROSS_CORRELATION).withConvention(CorrelationConvention.SLIDING)
                .withStride(ones(p.rank()));
        Plan sliding = Plan.of(base, p.x().shape(), p.h().shape(), Limits.NONE);
        Plan mirrored = Plan.of(base.withConvention(CorrelationConvention.MIRRORED), p.x().shape(), p.h().shape(), Limits.NONE);
        double[] s = convolver.compute(sliding, p.x(), p.h(), Method.DIRECT).output();
        double[] m = convolver.compute(mirrored, p.x(), p.h(), Method.DIRECT).output();
        double[] reversed = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            reversed[i] = s[s.length - 1 - i];
        }
        assertThat(m).as("%s", p).containsExactly(reversed);
        if (base.origin() == IndexOrigin.CENTER) {
            long[] start = mirrored.outputStart();
            long[] slidingEnd = sliding.outputLabels(sliding.outputSize() - 1);
            for (int a = 0; a < start.length; a++) {
                assertThat(start[a]).as("%s: mirrored label = −sliding label", p).isEqualTo(-slidingEnd[a]);
            }
        }
    }

    private static Grid round(Grid g) {
        double[] v = g.values().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.rint(v[i] * 10);
        }
        return new Grid(g.shape(), v);
    }

    private static int[] ones(int rank) {
        int[] v = new int[rank];
        java.util.Arrays.fill(v, 1);
        return v;
    }

    static Grid flip(Grid h) {
        double[] v = new double[h.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = h.values()[v.length - 1 - i];
        }
        return new Grid(h.shape(), v);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theFormulaTextGivesEveryTracedInputLabel(long seed) {
        RandomProblems.Problem p = RandomProblems.of(seed);
        Plan plan = p.plan();
        String formula = plan.formula();
        String[] index = formula.substring(formula.indexOf("x[") + 2, formula.length() - 1).split(", ");
        assertThat(index).as("%s: %s", p, formula).hasSize(plan.rank());
        for (TraceEntry e : tracer.trace(plan, tracer.select(plan, "trace", null, Long.MAX_VALUE), null, null)) {
            for (Term t : e.terms()) {
                for (int a = 0; a < plan.rank(); a++) {
                    long value = Affine.evaluate(index[a], Map.of(OUTPUT_LETTERS[a], e.output()[a], TAP_LETTERS[a], t.kernel()[a]));
                    assertThat(value).as("%s: %s at output %s kernel %s", p, formula, java.util.Arrays.toString(e.output()),
                            java.util.Arrays.toString(t.kernel())).isEqualTo(t.input()[a]);
                }
            }
        }
    }

    private static final String[] OUTPUT_LETTERS = {"m", "n", "p", "q"};
    private static final String[] TAP_LETTERS = {"k", "l", "r", "s"};

    /** Evaluates the affine index texts of the formulas, such as {@code 2m−1+3k} or {@code −m}, written independently of the core. */
    static final class Affine {
        static long evaluate(String text, Map<String, Long> letters) {
            long total = 0;
            int i = 0;
            String s = text.replace('−', '-');
            while (i < s.length()) {
                int sign = 1;
                if (s.charAt(i) == '+' || s.charAt(i) == '-') {
                    sign = s.charAt(i) == '-' ? -1 : 1;
                    i++;
                }
                int start = i;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
                long coefficient = start == i ? 1 : Long.parseLong(s.substring(start, i));
                if (i < s.length() && Character.isLetter(s.charAt(i))) {
                    String letter = String.valueOf(s.charAt(i++));
                    assertThat(letters).as("letter %s in %s", letter, text).containsKey(letter);
                    total += sign * coefficient * letters.get(letter);
                } else {
                    assertThat(start).as("a number in %s", text).isLessThan(i);
                    total += sign * coefficient;
                }
            }
            return total;
        }
    }

    @org.junit.jupiter.api.Test
    void theAffineEvaluatorReadsTheFormulaForms() {
        assertThat(Affine.evaluate("2m−1+3k", Map.of("m", 4L, "k", 2L))).isEqualTo(13);
        assertThat(Affine.evaluate("−m+k", Map.of("m", 4L, "k", 2L))).isEqualTo(-2);
        assertThat(Affine.evaluate("0", Map.of())).isZero();
    }

    @org.junit.jupiter.api.Test
    void theRandomProblemsCoverEveryRank() {
        java.util.Set<Integer> ranks = new java.util.TreeSet<>();
        seeds().forEach(s -> ranks.add(RandomProblems.of(s).rank()));
        assertThat(ranks).containsExactly(1, 2, 3, 4);
    }
}
