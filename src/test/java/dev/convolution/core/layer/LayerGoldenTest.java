package dev.convolution.core.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Layers against PyTorch 1.13 (golden fixtures from {@code scripts/generate_layers.py}): forward, the three
 * gradients and transposed convolution, every option, integer cases exact.
 */
class LayerGoldenTest {
    private static final LayerOps OPS = LayerOps.unbounded();

    static List<LayerFixtures.ConvCase> conv() {
        return LayerFixtures.conv();
    }

    static List<LayerFixtures.TransposeCase> transpose() {
        return LayerFixtures.transpose();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conv")
    void forwardEqualsTorch(LayerFixtures.ConvCase c) {
        LayerGeometry g = c.geometry();
        assertThat(g.outputShape()).isEqualTo(c.output().dims());
        Tensor y = ConvLayer.forward(g, c.x(), c.w(), c.bias(), OPS);
        assertClose(y.values(), c.output().values(), c.integers(), c + " output");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conv")
    void gradientsEqualTorchAutograd(LayerFixtures.ConvCase c) {
        LayerGeometry g = c.geometry();
        assertClose(ConvLayer.gradInput(g, c.gradOutput(), c.w(), OPS).values(), c.gradInput().values(), c.integers(), c + " gradInput");
        assertClose(ConvLayer.gradWeight(g, c.x(), c.gradOutput(), OPS).values(), c.gradWeight().values(), c.integers(),
                c + " gradWeight");
        if (c.gradBias() != null) {
            assertClose(ConvLayer.gradBias(g, c.gradOutput()), c.gradBias(), c.integers(), c + " gradBias");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transpose")
    void transposedConvolutionEqualsTorch(LayerFixtures.TransposeCase c) {
        LayerGeometry g = c.geometry();
        Tensor y = ConvLayer.transpose(g, c.x(), c.w(), c.bias(), OPS);
        assertThat(y.dims()).isEqualTo(c.output().dims());
        assertClose(y.values(), c.output().values(), c.integers(), c + " output");
    }

    static void assertClose(double[] actual, double[] expected, boolean exact, String what) {
        assertThat(actual.length).as(what + " length").isEqualTo(expected.length);
        double scale = 1;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < actual.length; i++) {
            if (exact) {
                assertThat(actual[i]).as("%s at %d (exact)", what, i).isEqualTo(expected[i]);
            } else {
                assertThat(actual[i]).as("%s at %d", what, i).isCloseTo(expected[i], within(1e-9 * scale));
            }
        }
    }
}
