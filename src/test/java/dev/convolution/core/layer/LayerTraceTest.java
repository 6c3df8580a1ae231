package dev.convolution.core.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.convolution.core.Convolver;
import dev.convolution.core.Grid;
import dev.convolution.core.Limits;
import dev.convolution.core.Method;
import dev.convolution.core.Plan;
import dev.convolution.core.Spec;
import dev.convolution.core.Operation;
import dev.convolution.core.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Traces of layers add up to the values they explain, gradients agree with finite differences of the forward
 * pass, and the seed Q&A's claim holds in the labels: correlation forward, convolution backward.
 */
class LayerTraceTest {
    private static final LayerOps OPS = LayerOps.unbounded();

    static List<LayerFixtures.ConvCase> conv() {
        return LayerFixtures.conv();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conv")
    void everyTraceAddsUpToTheValueItExplains(LayerFixtures.ConvCase c) {
        LayerGeometry g = c.geometry();
        Random random = new Random(c.id().hashCode());
        Tensor y = ConvLayer.forward(g, c.x(), c.w(), c.bias(), OPS);
        Tensor gx = ConvLayer.gradInput(g, c.gradOutput(), c.w(), OPS);
        Tensor gw = ConvLayer.gradWeight(g, c.x(), c.gradOutput(), OPS);
        double[] gb = ConvLayer.gradBias(g, c.gradOutput());
        for (LayerTraceEntry e : LayerTracer.traceForward(g, labels(random, g.outputShape()), "trace.outputs", Long.MAX_VALUE, c.x(), c.w(),
                c.bias(), y, OPS)) {
            assertAddsUp(e, c + " forward");
            assertThat(e.terms()).allSatisfy(t -> assertThat(t.leftName() + "·" + t.rightName()).isEqualTo("input·weight"));
        }
        for (LayerTraceEntry e : LayerTracer.traceGradInput(g, labels(random, g.inputShape()), "trace.outputs", Long.MAX_VALUE,
                c.gradOutput(), c.w(), gx, OPS)) {
            assertAddsUp(e, c + " gradInput");
            assertThat(e.terms()).allSatisfy(t -> assertThat(t.leftName() + "·" + t.rightName()).isEqualTo("gradOutput·weight"));
        }
        for (LayerTraceEntry e : LayerTracer.traceGradWeight(g, labels(random, g.weightShape()), "trace.outputs", Long.MAX_VALUE, c.x(),
                c.gradOutput(), gw, OPS)) {
            assertAddsUp(e, c + " gradWeight");
        }
        for (LayerTraceEntry e : LayerTracer.traceGradBias(g, labels(random, new int[] {g.outChannels()}), "trace.outputs", Long.MAX_VALUE,
                c.gradOutput(), gb)) {
            assertAddsUp(e, c + " gradBias");
        }
    }

    /**
     * Every input-gradient term is a forward meeting run backwards: the forward trace of the gradOutput element it names
     * has a term in which the same weight tap met the traced input element (or the padded position it was copied to).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("conv")
    void inputGradientTermsAreTheForwardMeetingsRunBackwards(LayerFixtures.ConvCase c) {
        LayerGeometry g = c.geometry();
        Random random = new Random(~c.id().hashCode());
        Tensor y = ConvLayer.forward(g, c.x(), c.w(), c.bias(), OPS);
        Tensor gx = ConvLayer.gradInput(g, c.gradOutput(), c.w(), OPS);
        for (LayerTraceEntry e : LayerTracer.traceGradInput(g, labels(random, g.inputShape()), "t", Long.MAX_VALUE, c.gradOutput(), c.w(),
                gx, OPS)) {
            for (LayerTerm t : e.terms()) {
                long[] met = t.through() != null ? t.through() : e.output();
                LayerTraceEntry forward = LayerTracer.traceForward(g, List.of(t.left()), "t", Long.MAX_VALUE, c.x(), c.w(), c.bias(), y, OPS)
                        .get(0);
                assertThat(forward.terms()).as("%s: %s met %s", c, java.util.Arrays.toString(t.left()), java.util.Arrays.toString(met))
                        .anySatisfy(f -> {
                            assertThat(f.left()).isEqualTo(met);
                            assertThat(f.right()).isEqualTo(t.right());
                        });
            }
        }
    }

    @Test
    void gradientsAgreeWithFiniteDifferencesOfTheForwardPass() {
        for (LayerFixtures.ConvCase c : LayerFixtures.conv()) {
            if (c.integers() || c.x().values().length > 120 || c.w().values().length > 60) {
                continue;
            }
            LayerGeometry g = c.geometry();
            Tensor gx = ConvLayer.gradInput(g, c.gradOutput(), c.w(), OPS);
            Tensor gw = ConvLayer.gradWeight(g, c.x(), c.gradOutput(), OPS);
            double h = 1e-6;
            for (int i = 0; i < c.x().values().length; i += 7) {
                double numeric = (loss(g, shifted(c.x(), i, h), c.w(), c) - loss(g, shifted(c.x(), i, -h), c.w(), c)) / (2 * h);
                assertThat(gx.values()[i]).as("%s d/dx[%d]", c, i).isCloseTo(numeric, within(1e-5 * (1 + Math.abs(numeric))));
            }
            for (int i = 0; i < c.w().values().length; i += 3) {
                double numeric = (loss(g, c.x(), shifted(c.w(), i, h), c) - loss(g, c.x(), shifted(c.w(), i, -h), c)) / (2 * h);
                assertThat(gw.values()[i]).as("%s d/dw[%d]", c, i).isCloseTo(numeric, within(1e-5 * (1 + Math.abs(numeric))));
            }
        }
    }

    /**
     * The seed Q&A: a CNN layer is a cross-correlation, and its input gradient is a convolution. Conv1d of
     * x = [1, 2, 3, 4, 5] with w = [1, 10, 100]: the gradient of (y · gy).sum() equals the full convolution of gy with w
     * (the core's own convolution), and the trace of gradInput[2] pairs gradOutput[0], [1], [2] with weight [2], [1], [0].
     */
    @Test
    void correlationForwardConvolutionBackward() {
        Tensor x = new Tensor(new int[] {1, 1, 5}, new double[] {1, 2, 3, 4, 5});
        Tensor w = new Tensor(new int[] {1, 1, 3}, new double[] {1, 10, 100});
        LayerGeometry g = LayerGeometry.conv(1, x.dims(), w.dims(), null, Padding.none(), null, 1, PaddingMode.ZEROS);
        Tensor y = ConvLayer.forward(g, x, w, null, OPS);
        assertThat(y.values()).containsExactly(321, 432, 543); // correlation: x[o]·1 + x[o+1]·10 + x[o+2]·100
        Tensor gy = new Tensor(new int[] {1, 1, 3}, new double[] {1, 2, 3});
        Tensor gx = ConvLayer.gradInput(g, gy, w, OPS);
        Plan full = Plan.of(Spec.defaults(Operation.CONVOLUTION), Shape.of(3), Shape.of(3), Limits.NONE);
        double[] convolution = new Convolver().compute(full, Grid.of(new double[] {1, 2, 3}, 3), Grid.of(new double[] {1, 10, 100}, 3),
                Method.DIRECT).output();
        assertThat(gx.values()).containsExactly(convolution);
        LayerTraceEntry e = LayerTracer.traceGradInput(g, List.of(new long[] {0, 0, 2}), "t", 100, gy, w, gx, OPS).get(0);
        List<String> pairs = new ArrayList<>();
        for (LayerTerm t : e.terms()) {
            pairs.add(t.left()[2] + "·" + t.right()[2]);
        }
        assertThat(pairs).containsExactly("0·2", "1·1", "2·0");
        assertThat(e.value()).isEqualTo(1 * 100 + 2 * 10 + 3 * 1);
    }

    private static double loss(LayerGeometry g, Tensor x, Tensor w, LayerFixtures.ConvCase c) {
        Tensor y = ConvLayer.forward(g, x, w, c.bias(), OPS);
        double s = 0;
        for (int i = 0; i < y.values().length; i++) {
            s += y.values()[i] * c.gradOutput().values()[i];
        }
        return s;
    }

    private static Tensor shifted(Tensor t, int i, double by) {
        double[] v = t.values().clone();
        v[i] += by;
        return new Tensor(t.dims(), v);
    }

    private static List<long[]> labels(Random random, int[] shape) {
        List<long[]> labels = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            long[] l = new long[shape.length];
            for (int a = 0; a < l.length; a++) {
                l[a] = random.nextInt(shape[a]);
            }
            labels.add(l);
        }
        return labels;
    }

    private static void assertAddsUp(LayerTraceEntry e, String what) {
        double sum = e.bias() >= 0 ? e.biasValue() : 0;
        double scale = 1 + Math.abs(e.value());
        for (LayerTerm t : e.terms()) {
            sum += t.product();
            scale += Math.abs(t.product());
        }
        assertThat(sum).as("%s %s", what, java.util.Arrays.toString(e.output())).isCloseTo(e.value(), within(1e-12 * scale));
    }
}
