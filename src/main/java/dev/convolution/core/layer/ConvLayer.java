package dev.convolution.core.layer;

import dev.convolution.core.Grid;
import dev.convolution.core.Plan;
import dev.convolution.core.parallel.Parallel;

/**
 * A convolution layer's values, each a sum of the core's plans over channel pairs ({@link LayerGeometry} says which
 * plans; {@link LayerTracer} lists their terms). The forward pass: {@code y[n, co] = bias[co] + Σ_ci xcorr(x[n, ci],
 * w[co, ci])}; the input gradient: {@code gx[n, ci] = fold(Σ_co conv(dilate(gy[n, co], stride), w[co, ci]))}; the weight
 * gradient: {@code gw[co, ci] = Σ_n xcorr(pad(x[n, ci]), dilate(gy[n, co], stride))[::dilation]}; the bias
 * gradient: {@code gb[co] = Σ gy[·, co, …]}. Channels {@code ci} run over the group of {@code co}. A transposed
 * convolution is the input gradient of its {@link LayerGeometry#transpose forward layer}.
 */
public final class ConvLayer {
    private ConvLayer() {
    }

    /**
     * The forward pass. {@code bias} may be null. Each group is one {@link
     * dev.convolution.core.Convolver#channelSumsInto} of the core, a set of inputs for each sample: the group's output
     * channels as sums over its input channels, under the one forward plan, read from the input and weight tensors' blocks
     * and written into the output's, each starting at its bias (or +0.0).
     */
    public static Tensor forward(LayerGeometry g, Tensor x, Tensor w, double[] bias, LayerOps ops) {
        Plan plan = g.forwardPlan(ops.limits());
        Tensor y = Tensor.zeros(g.outputShape());
        int cin = g.inPerGroup();
        int cout = g.outPerGroup();
        Parallel.forEach(g.groups(), g.forwardMultiplyAdds(), group -> {
            int[][] xAt = new int[g.batch()][cin];
            int[][] outAt = new int[g.batch()][cout];
            for (int n = 0; n < g.batch(); n++) {
                for (int c = 0; c < cin; c++) {
                    xAt[n][c] = x.blockStart(n, group * cin + c);
                }
                for (int o = 0; o < cout; o++) {
                    outAt[n][o] = y.blockStart(n, group * cout + o);
                }
            }
            int[][] wAt = new int[cout][cin]; // the kernels where they lie in the weight tensor, read in place
            double[] start = new double[cout];
            for (int o = 0; o < cout; o++) {
                for (int c = 0; c < cin; c++) {
                    wAt[o][c] = w.blockStart(group * cout + o, c);
                }
                start[o] = bias != null ? bias[group * cout + o] : 0.0;
            }
            ops.convolver().channelSumsInto(plan, x.values(), xAt, w.values(), wAt, ops.method(), ops.deadline(), ops.type(),
                    start, y.values(), outAt);
        });
        return y;
    }

    /**
     * The gradient of {@code (forward(x) · gy).sum()} with respect to the input (and the output of a transposed
     * convolution, whose input is {@code gy}). Each (sample, group) is one {@link dev.convolution.core.Convolver#channelSums}
     * of convolutions of the group's gradOutput channels with the weight, over the padded input, folded back onto it.
     */
    public static Tensor gradInput(LayerGeometry g, Tensor gy, Tensor w, LayerOps ops) {
        Plan plan = g.gradInputPlan(ops.limits());
        int[] fold = new LayerPadding(g).fold();
        Tensor gx = Tensor.zeros(g.inputShape());
        Grid[] weights = blocks(w);
        int cin = g.inPerGroup();
        int cout = g.outPerGroup();
        Parallel.forEach(g.batch() * g.groups(), g.gradInputMultiplyAdds(), job -> {
            int n = job / g.groups();
            int group = job % g.groups();
            Grid[] in = new Grid[cout];
            for (int o = 0; o < cout; o++) {
                in[o] = gy.block(n, group * cout + o);
            }
            Grid[][] kernels = new Grid[cin][cout];
            for (int c = 0; c < cin; c++) {
                for (int o = 0; o < cout; o++) {
                    kernels[c][o] = weights[(group * cout + o) * cin + c];
                }
            }
            double[][] padded = ops.convolver().channelSums(plan, new Grid[][] {in}, kernels, ops.method(), ops.deadline(), ops.type())[0];
            double[] out = gx.values();
            for (int c = 0; c < cin; c++) {
                int base = gx.blockStart(n, group * cin + c);
                for (int q = 0; q < padded[c].length; q++) {
                    if (fold[q] >= 0) {
                        out[base + fold[q]] += padded[c][q];
                    }
                }
            }
        });
        return gx;
    }

    /**
     * A transposed convolution ({@code conv_transposeNd}): the input gradient of its forward layer ({@link
     * LayerGeometry#transpose}) for a gradOutput equal to {@code x}, plus the bias (may be null) on each output channel.
     */
    public static Tensor transpose(LayerGeometry g, Tensor x, Tensor w, double[] bias, LayerOps ops) {
        Tensor y = gradInput(g, x, w, ops);
        if (bias != null) {
            for (int n = 0; n < y.dim(0); n++) {
                for (int co = 0; co < y.dim(1); co++) {
                    int base = y.blockStart(n, co);
                    for (int i = 0; i < y.blockSize(); i++) {
                        y.values()[base + i] += bias[co];
                    }
                }
            }
        }
        return y;
    }

    /**
     * The gradient of {@code (forward(x) · gy).sum()} with respect to the weight: per group, one {@link
     * dev.convolution.core.Convolver#channelSums} of cross-correlations of the input with gradOutput summed over the
     * batch, a set of inputs for each input channel, cropped to the kernel.
     */
    public static Tensor gradWeight(LayerGeometry g, Tensor x, Tensor gy, LayerOps ops) {
        Plan plan = g.gradWeightPlan(ops.limits());
        int[] crop = cropMap(plan, g.kernelSize());
        Tensor gw = Tensor.zeros(g.weightShape());
        Grid[] inputs = blocks(x);
        Grid[] grads = blocks(gy);
        int cin = g.inPerGroup();
        int cout = g.outPerGroup();
        for (int group = 0; group < g.groups(); group++) {
            Grid[][] sets = new Grid[cin][g.batch()];
            Grid[][] kernels = new Grid[cout][g.batch()];
            for (int n = 0; n < g.batch(); n++) {
                for (int c = 0; c < cin; c++) {
                    sets[c][n] = inputs[n * g.inChannels() + group * cin + c];
                }
                for (int o = 0; o < cout; o++) {
                    kernels[o][n] = grads[n * g.outChannels() + group * cout + o];
                }
            }
            double[][][] r = ops.convolver().channelSums(plan, sets, kernels, ops.method(), ops.deadline(), ops.type());
            for (int c = 0; c < cin; c++) {
                for (int o = 0; o < cout; o++) {
                    int base = gw.blockStart(group * cout + o, c);
                    for (int t = 0; t < crop.length; t++) {
                        gw.values()[base + t] = r[c][o][crop[t]];
                    }
                }
            }
        }
        return gw;
    }

    /** The gradient of {@code (forward(x) · gy).sum()} with respect to the bias: gy summed over the batch and space. */
    public static double[] gradBias(LayerGeometry g, Tensor gy) {
        double[] gb = new double[g.outChannels()];
        int block = gy.blockSize();
        for (int n = 0; n < g.batch(); n++) {
            for (int co = 0; co < g.outChannels(); co++) {
                int base = gy.blockStart(n, co);
                double s = 0;
                for (int i = 0; i < block; i++) {
                    s += gy.values()[base + i];
                }
                gb[co] += s;
            }
        }
        return gb;
    }

    private static Grid[] blocks(Tensor t) {
        Grid[] g = new Grid[t.dim(0) * t.dim(1)];
        // spread over the pool when there are many (a wide layer's weight: 512 × 512 kernels)
        Parallel.forEach(t.dim(0), t.values().length, a -> {
            for (int b = 0; b < t.dim(1); b++) {
                g[a * t.dim(1) + b] = t.block(a, b);
            }
        });
        return g;
    }

    /** For each weight tap (flat over {@code kernel}), its flat index among the plan's outputs. */
    private static int[] cropMap(Plan plan, int[] kernel) {
        int size = Math.toIntExact(LayerGeometry.product(kernel));
        int[] counts = new int[kernel.length];
        for (int a = 0; a < counts.length; a++) {
            counts[a] = plan.axis(a).count();
        }
        int[] map = new int[size];
        for (int t = 0; t < size; t++) {
            map[t] = SpatialIndex.flat(SpatialIndex.unflat(t, kernel), counts);
        }
        return map;
    }
}
