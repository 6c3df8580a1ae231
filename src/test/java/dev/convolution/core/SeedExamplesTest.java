package dev.convolution.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The worked examples of ../shared/seeds, quoted from the seeds: the Q&A's numpy example and its
 * symmetric kernel, and the blog post's 7×7 image with a 3×3 kernel labelled from the centre.
 */
class SeedExamplesTest {
    private static final String[] SYMBOLS = {"a", "b", "c", "d", "e", "f", "g", "h", "i"};
    private final Convolver convolver = new Convolver();
    private final Tracer tracer = new Tracer();

    private double[] run1d(Operation op, double[] x, double[] h, Method method) {
        Spec spec = Spec.defaults(op).withMode(Mode.VALID);
        Plan plan = Plan.of(spec, Shape.of(x.length), Shape.of(h.length), Limits.NONE);
        return convolver.compute(plan, Grid.ofSignal("signal", x), Grid.ofSignal("kernel", h), method).output();
    }

    @Test
    void numpyExampleConvolutionFlipsTheKernel() {
        // Q&A seed: g1 = np.convolve(f, h, mode="valid") # g1 = [-1.  2.  2. -1.]
        for (Method m : Method.values()) {
            assertThat(run1d(Operation.CONVOLUTION, new double[] {2, 1, 3, 5, 4}, new double[] {1, -1}, m))
                    .containsExactly(-1, 2, 2, -1);
        }
    }

    @Test
    void numpyExampleCorrelationKeepsTheKernel() {
        // Q&A seed: g2 = np.correlate(f, h, mode="valid") # g2 = [ 1. -2. -2.  1.]
        for (Method m : Method.values()) {
            assertThat(run1d(Operation.CROSS_CORRELATION, new double[] {2, 1, 3, 5, 4}, new double[] {1, -1}, m))
                    .containsExactly(1, -2, -2, 1);
        }
    }

    @Test
    void symmetricKernelGivesTheSameResultForBothOperations() {
        // Q&A seed, example 2: f ⊛ h2 = g3 = [-3, 0, 3] and f ⊗ h2 = g4 = [-3, 0, 3]
        double[] f = {2, 1, 3, 5, 4};
        double[] h2 = {-1, 2, -1};
        assertThat(run1d(Operation.CONVOLUTION, f, h2, Method.DIRECT)).containsExactly(-3, 0, 3);
        assertThat(run1d(Operation.CROSS_CORRELATION, f, h2, Method.DIRECT)).containsExactly(-3, 0, 3);
    }

    private Plan post(Operation op, CorrelationConvention c, Mode mode) {
        Spec spec = Spec.defaults(op).withConvention(c).withMode(mode).withOrigin(IndexOrigin.CENTER);
        return Plan.of(spec, Shape.of(7, 7), Shape.of(3, 3), Limits.NONE);
    }

    private String line(Plan plan, long m, long n) {
        int[] out = plan.resolveOutputs("outputs", List.of(new long[] {m, n}));
        return tracer.formulaLine(plan, tracer.trace(plan, out, null, null).get(0), SYMBOLS);
    }

    @Test
    void postConvolutionOfOutputOneOneMeetsThePatchWithTheKernelFlipped() {
        // Blog post: convolution y[1,1] uses the pixels x[0..2, 0..2]; x[0,0] meets h[1,1] = i ... x[2,2] meets h[−1,−1] = a
        assertThat(line(post(Operation.CONVOLUTION, CorrelationConvention.SLIDING, Mode.SAME), 1, 1)).isEqualTo(
                "y[1,1] = x[0,0]·i + x[0,1]·h + x[0,2]·g + x[1,0]·f + x[1,1]·e + x[1,2]·d + x[2,0]·c + x[2,1]·b + x[2,2]·a");
    }

    @Test
    void postCrossCorrelationUsesTheSamePatchForOutputMinusOneUnflipped() {
        // Blog post: "the part boxed in red – corresponds to convolution output y[1,1] but to cross-correlation output y[-1,-1]"
        assertThat(line(post(Operation.CROSS_CORRELATION, CorrelationConvention.MIRRORED, Mode.SAME), -1, -1)).isEqualTo(
                "y[-1,-1] = x[0,0]·a + x[0,1]·b + x[0,2]·c + x[1,0]·d + x[1,1]·e + x[1,2]·f + x[2,0]·g + x[2,1]·h + x[2,2]·i");
    }

    @Test
    void postImageAndKernelAreLabelledFromTheirCentres() {
        // "here's the 7-by-7 image x, indexed from -3 to 3"; the kernel runs -1…1
        Plan plan = post(Operation.CONVOLUTION, CorrelationConvention.SLIDING, Mode.SAME);
        assertThat(plan.inputLabels(new long[] {0, 6})).containsExactly(-3, 3);
        assertThat(plan.kernelLabels(new int[] {0, 2})).containsExactly(-1, 1);
    }

    @Test
    void centredOutputLabelsFollowTheModeAsTheContractLists() {
        // API.md: 7×7 with 3×3: full −4…4, same −3…3, valid −2…2
        assertLabels(post(Operation.CONVOLUTION, CorrelationConvention.SLIDING, Mode.FULL), -4, 4);
        assertLabels(post(Operation.CONVOLUTION, CorrelationConvention.SLIDING, Mode.SAME), -3, 3);
        assertLabels(post(Operation.CONVOLUTION, CorrelationConvention.SLIDING, Mode.VALID), -2, 2);
    }

    @Test
    void evenKernelsGiveLopsidedCentredLabels() {
        // API.md: a 5-element signal with a 2-tap kernel gives convolution same labels −3…1, sliding correlation −2…2
        Spec conv = Spec.defaults(Operation.CONVOLUTION).withMode(Mode.SAME).withOrigin(IndexOrigin.CENTER);
        assertLabels(Plan.of(conv, Shape.of(5), Shape.of(2), Limits.NONE), -3, 1);
        Spec corr = Spec.defaults(Operation.CROSS_CORRELATION).withMode(Mode.SAME).withOrigin(IndexOrigin.CENTER);
        assertLabels(Plan.of(corr, Shape.of(5), Shape.of(2), Limits.NONE), -2, 2);
    }

    private static void assertLabels(Plan plan, long first, long last) {
        long[] start = plan.outputStart();
        long[] end = plan.outputLabels(plan.outputSize() - 1);
        assertThat(start[start.length - 1]).isEqualTo(first);
        assertThat(end[end.length - 1]).isEqualTo(last);
    }

    @Test
    void contractExampleFormulaForValidConvolution() {
        // API.md response example: "formula": "y[m] = Σ_k h[k]·x[m+1−k]"
        Plan plan = Plan.of(Spec.defaults(Operation.CONVOLUTION).withMode(Mode.VALID), Shape.of(5), Shape.of(2), Limits.NONE);
        assertThat(plan.formula()).isEqualTo("y[m] = Σ_k h[k]·x[m+1−k]");
    }
}
