package dev.convolution.core.layer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A layer's geometry keeps what it was made with: a transposed layer's output padding reads back as given. */
class LayerGeometryTest {

    @Test
    void transposedLayerGivesBackTheOutputPaddingItWasMadeWith() {
        int cases = 0;
        for (int stride = 1; stride <= 3; stride++) {
            for (int dilation = 1; dilation <= 3; dilation++) {
                for (int op = 0; op < Math.max(stride, dilation); op++) {
                    for (int padding = 0; padding <= 2; padding++) {
                        for (int n = 1; n <= 4; n++) {
                            for (int k = 1; k <= 3; k++) {
                                long length = (long) (n - 1) * stride - 2L * padding + (long) dilation * (k - 1) + op + 1;
                                if (length < 1) {
                                    continue;
                                }
                                LayerGeometry g = LayerGeometry.transpose(1, new int[] {1, 1, n}, new int[] {1, 1, k},
                                        new int[] {stride}, new int[] {padding}, new int[] {op}, new int[] {dilation}, 1);
                                assertThat(g.outputPadding()).as("%s from output padding %d", g, op).containsExactly(op);
                                cases++;
                            }
                        }
                    }
                }
            }
        }
        assertThat(cases).isGreaterThan(200);
    }

    @Test
    void forwardLayersOutputPaddingMakesTheTransposedLayerGiveItsInputLengthBack() {
        for (int stride = 1; stride <= 3; stride++) {
            for (int n = 4; n <= 9; n++) {
                LayerGeometry g = LayerGeometry.conv(2, new int[] {1, 1, n, n + 1}, new int[] {1, 1, 3, 2}, new int[] {stride},
                        new Padding.Explicit(new int[] {1}), null, 1, PaddingMode.ZEROS);
                LayerGeometry t = LayerGeometry.transpose(2, g.outputShape(), g.weightShape(), g.stride(), g.padBefore(),
                        g.outputPadding(), g.dilation(), 1);
                assertThat(t.inputSize()).as("%s", g).containsExactly(g.inputSize());
            }
        }
    }
}
