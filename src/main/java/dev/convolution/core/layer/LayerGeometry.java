package dev.convolution.core.layer;

import dev.convolution.core.AxisPlan;
import dev.convolution.core.Boundary;
import dev.convolution.core.IndexOrigin;
import dev.convolution.core.Limits;
import dev.convolution.core.Mode;
import dev.convolution.core.Operation;
import dev.convolution.core.PerAxis;
import dev.convolution.core.Plan;
import dev.convolution.core.Spec;
import dev.convolution.core.error.InvalidRequestException;
import dev.convolution.core.error.KernelDoesNotFitException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The shapes and options of one convolution layer, checked as PyTorch checks them and with padding resolved
 * to positions before and after the input on each spatial axis; and the three plans of the core that the
 * layer is made of. A transposed convolution is held as the forward layer whose input gradient it is
 * ({@link #transpose}): its input plays the output gradient, its output the input gradient.
 *
 * <p>Per spatial axis, with input length {@code L}, kernel {@code k}, stride {@code s}, dilation {@code d},
 * padding {@code b} before and {@code a} after, {@code Lp = L + b + a} and output length
 * {@code O = ⌊(Lp − d·(k−1) − 1) / s⌋ + 1}:
 * <pre>
 *   forward     y[o]  = Σ_t w[t] · xp[o·s + t·d]                         cross-correlation of the padded input
 *   gradInput   gp[q] = Σ_t w[t] · gyd[q + (k−1−t)·d − d·(k−1)]           convolution of gy dilated by s, over 0 ≤ q < Lp,
 *               gx[i] = Σ { gp[q] : the padding rule takes position q − b from input element i }
 *   gradWeight  gw[t] = Σ_o gy[o] · xp[t·d + o·s]                         cross-correlation of xp with gy dilated by s, stride d
 * </pre>
 *
 * @param name the layer's name in messages ({@code conv2d}, {@code conv_transpose2d})
 * @param inChannels the forward layer's {@code C_in}
 * @param outChannels the forward layer's {@code C_out}
 * @param inputSize the forward layer's input length on each spatial axis
 * @param outputSize the forward layer's output length on each spatial axis
 * @param padBefore positions of padding before the input, per spatial axis
 * @param padAfter positions of padding after the input, per spatial axis
 */
public record LayerGeometry(String name, int batch, int inChannels, int outChannels, int groups, int[] inputSize, int[] kernelSize,
        int[] stride, int[] dilation, int[] padBefore, int[] padAfter, int[] outputSize, PaddingMode mode) {

    /** The number of spatial axes. */
    public int spatialRank() {
        return inputSize.length;
    }

    /**
     * A forward layer ({@code torch.nn.functional.convNd}, padding modes as {@code torch.nn.ConvNd}).
     *
     * @param input the input's shape {@code [N, C_in, spatial…]}
     * @param weight the weight's shape {@code [C_out, C_in/groups, k…]}
     * @param stride one value for every spatial axis or one per axis (null: 1)
     * @param dilation likewise (null: 1)
     */
    public static LayerGeometry conv(int spatialRank, int[] input, int[] weight, int[] stride, Padding padding, int[] dilation,
            int groups, PaddingMode mode) {
        String name = "conv" + spatialRank + "d";
        requireRank(name, "input", input, spatialRank, "(N, C_in, " + spatialNames(spatialRank) + ")");
        requireRank(name, "weight", weight, spatialRank, "(C_out, C_in / groups, " + kernelNames(spatialRank) + ")");
        if (groups < 1) {
            throw new InvalidRequestException("groups", "groups must be a positive integer; got " + groups);
        }
        if (weight[0] % groups != 0) {
            throw new InvalidRequestException("weight", "Given groups=" + groups + ", expected weight to be divisible by " + groups
                    + " at dimension 0 (C_out), but got weight of size " + Arrays.toString(weight) + " instead");
        }
        if (input[1] != weight[1] * groups) {
            throw new InvalidRequestException("input", "Given groups=" + groups + ", weight of size " + Arrays.toString(weight)
                    + ", expected input" + Arrays.toString(input) + " to have " + (long) weight[1] * groups
                    + " channels, but got " + input[1] + " channels instead");
        }
        int[] s = perAxis("stride", stride, spatialRank, 1, 1);
        int[] d = perAxis("dilation", dilation, spatialRank, 1, 1);
        int[] k = Arrays.copyOfRange(weight, 2, weight.length);
        int[] in = Arrays.copyOfRange(input, 2, input.length);
        int[] before = new int[spatialRank];
        int[] after = new int[spatialRank];
        if (padding instanceof Padding.Same) {
            for (int a = 0; a < spatialRank; a++) {
                if (s[a] != 1) {
                    throw new InvalidRequestException("padding", "padding='same' is not supported for strided convolutions "
                            + "(stride " + Arrays.toString(s) + "); give the padding as numbers");
                }
                long total = AxisPlan.span(k[a], d[a]) - 1;
                before[a] = (int) (total / 2);
                after[a] = (int) (total - total / 2);
            }
        } else if (padding instanceof Padding.Explicit e) {
            int[] p = perAxis("padding", e.perAxis(), spatialRank, 0, 0);
            before = p.clone();
            after = p.clone();
        }
        for (int a = 0; a < spatialRank; a++) {
            int most = Math.max(before[a], after[a]);
            if (mode == PaddingMode.REFLECT && most >= in[a]) {
                throw new InvalidRequestException("padding", "reflect padding must be less than the input's size on each spatial "
                        + "axis, as PyTorch requires; got padding " + most + " on spatial axis " + a + " of size " + in[a]);
            }
            if (mode == PaddingMode.CIRCULAR && most > in[a]) {
                throw new InvalidRequestException("padding", "circular padding may not exceed the input's size on any spatial axis "
                        + "(it would wrap around more than once); got padding " + most + " on spatial axis " + a + " of size " + in[a]);
            }
        }
        int[] out = new int[spatialRank];
        for (int a = 0; a < spatialRank; a++) {
            long padded = (long) in[a] + before[a] + after[a];
            long span = AxisPlan.span(k[a], d[a]);
            if (span > padded) {
                throw new KernelDoesNotFitException("weight", "Calculated padded input size per channel: (" + join(in, before, after)
                        + "). Kernel size: (" + join(k) + "). Kernel size can't be greater than actual input size"
                        + (dilationNote(d)));
            }
            out[a] = (int) AxisPlan.outputCount(padded, span, s[a]);
        }
        return new LayerGeometry(name, input[0], input[1], weight[0], groups, in, k, s, d, before, after, out, mode);
    }

    /**
     * A transposed convolution ({@code torch.nn.functional.conv_transposeNd}), held as the forward layer whose
     * input gradient it computes.
     *
     * @param input the transposed layer's input {@code [N, C_in, spatial…]}
     * @param weight its weight {@code [C_in, C_out/groups, k…]}
     */
    public static LayerGeometry transpose(int spatialRank, int[] input, int[] weight, int[] stride, int[] padding, int[] outputPadding,
            int[] dilation, int groups) {
        String name = "conv_transpose" + spatialRank + "d";
        requireRank(name, "input", input, spatialRank, "(N, C_in, " + spatialNames(spatialRank) + ")");
        requireRank(name, "weight", weight, spatialRank, "(C_in, C_out / groups, " + kernelNames(spatialRank) + ")");
        if (groups < 1) {
            throw new InvalidRequestException("groups", "groups must be a positive integer; got " + groups);
        }
        if (weight[0] != input[1]) {
            throw new InvalidRequestException("input", "Given transposed=1, weight of size " + Arrays.toString(weight) + ", expected input"
                    + Arrays.toString(input) + " to have " + weight[0] + " channels, but got " + input[1] + " channels instead");
        }
        if (input[1] % groups != 0) {
            throw new InvalidRequestException("groups", "Given groups=" + groups + ", the input's " + input[1]
                    + " channels (C_in, the weight's dimension 0) must be divisible by groups");
        }
        int[] s = perAxis("stride", stride, spatialRank, 1, 1);
        int[] d = perAxis("dilation", dilation, spatialRank, 1, 1);
        int[] p = perAxis("padding", padding, spatialRank, 0, 0);
        int[] op = perAxis("outputPadding", outputPadding, spatialRank, 0, 0);
        int[] k = Arrays.copyOfRange(weight, 2, weight.length);
        int[] in = Arrays.copyOfRange(input, 2, input.length);
        int[] out = new int[spatialRank];
        for (int a = 0; a < spatialRank; a++) {
            if (op[a] >= s[a] && op[a] >= d[a]) {
                throw new InvalidRequestException("outputPadding", "output padding must be smaller than either stride or dilation, "
                        + "but got outputPadding " + Arrays.toString(op) + " with stride " + Arrays.toString(s) + " and dilation "
                        + Arrays.toString(d));
            }
            // the forward layer's input: what in outputs' windows cover, less the padding, plus the output padding
            long length = AxisPlan.coveredLength(in[a], AxisPlan.span(k[a], d[a]), s[a]) - 2L * p[a] + op[a];
            if (length < 1) {
                throw new InvalidRequestException("padding", "the output would have " + length + " elements on spatial axis " + a
                        + " ((" + in[a] + " − 1)·" + s[a] + " − 2·" + p[a] + " + " + d[a] + "·(" + k[a] + " − 1) + " + op[a]
                        + " + 1); use less padding");
            }
            if (length > Integer.MAX_VALUE - 8) {
                throw new InvalidRequestException("stride", "the output would have " + length + " elements on spatial axis " + a);
            }
            out[a] = (int) length;
        }
        // the forward layer: its input is the transposed layer's output, its output the transposed layer's input
        return new LayerGeometry(name, input[0], weight[1] * groups, input[1], groups, out, k, s, d, p, p.clone(), in,
                PaddingMode.ZEROS);
    }

    /** C_in / groups: the input channels one output channel sees. */
    public int inPerGroup() {
        return inChannels / groups;
    }

    /** C_out / groups. */
    public int outPerGroup() {
        return outChannels / groups;
    }

    /** The padded input's length on each spatial axis. */
    public int[] paddedSize() {
        int[] p = new int[inputSize.length];
        for (int a = 0; a < p.length; a++) {
            p[a] = inputSize[a] + padBefore[a] + padAfter[a];
        }
        return p;
    }

    /**
     * The positions of the padded input past the last window the stride reaches, per spatial axis: {@code (L + b + a) −
     * ((O − 1)·s + d·(k − 1) + 1)}. For a {@link #transpose transposed} layer (whose output is {@code L}, {@code b = a}
     * its padding) this is the {@code outputPadding} it was made with; for a forward layer, the output padding a
     * transposed convolution needs to give this layer's input length back.
     */
    public int[] outputPadding() {
        int[] op = new int[inputSize.length];
        for (int a = 0; a < op.length; a++) {
            long covered = AxisPlan.coveredLength(outputSize[a], AxisPlan.span(kernelSize[a], dilation[a]), stride[a]);
            op[a] = (int) ((long) inputSize[a] + padBefore[a] + padAfter[a] - covered);
        }
        return op;
    }

    /** The forward layer's input shape {@code [N, C_in, …]}. */
    public int[] inputShape() {
        return withLeading(batch, inChannels, inputSize);
    }

    /** The forward layer's output shape {@code [N, C_out, …]}. */
    public int[] outputShape() {
        return withLeading(batch, outChannels, outputSize);
    }

    /** The weight's shape {@code [C_out, C_in/groups, k…]} (a transposed layer's weight has the same numbers). */
    public int[] weightShape() {
        return withLeading(outChannels, inPerGroup(), kernelSize);
    }

    /** Multiply-adds of the forward pass: N · C_out · |output| · C_in/groups · |kernel|. */
    public long forwardMultiplyAdds() {
        return Limits.saturatedProduct(Limits.saturatedProduct((long) batch * outChannels, product(outputSize)),
                Limits.saturatedProduct(inPerGroup(), product(kernelSize)));
    }

    /** Multiply-adds of the input gradient as computed: N · C_in · |padded input| · C_out/groups · |kernel|. */
    public long gradInputMultiplyAdds() {
        return Limits.saturatedProduct(Limits.saturatedProduct((long) batch * inChannels, product(paddedSize())),
                Limits.saturatedProduct(outPerGroup(), product(kernelSize)));
    }

    /** Multiply-adds of the weight gradient as computed: C_out · C_in/groups · N · |output| · |the plan's outputs|. */
    public long gradWeightMultiplyAdds(Limits limits) {
        Plan p = gradWeightPlan(limits);
        return Limits.saturatedProduct(Limits.saturatedProduct((long) outChannels * inPerGroup(), (long) batch * product(outputSize)),
                p.outputSize());
    }

    /** The forward pass of one (input channel, output channel) pair: a cross-correlation of the padded input with the weight. */
    public Plan forwardPlan(Limits limits) {
        return Plan.of(spec(Operation.CROSS_CORRELATION, mode.boundary(), stride, dilation), forwardAxes(limits.maxPaddedElements()),
                limits);
    }

    /**
     * The input gradient of one pair over the padded input: a convolution of the output gradient, dilated by the
     * stride, with the weight, padded by {@code d·(k−1)} before, so that output {@code q} is padded position q.
     */
    public Plan gradInputPlan(Limits limits) {
        List<AxisPlan> axes = new ArrayList<>();
        int[] padded = paddedSize();
        int[] ones = new int[spatialRank()];
        Arrays.fill(ones, 1);
        for (int a = 0; a < spatialRank(); a++) {
            long before = AxisPlan.span(kernelSize[a], dilation[a]) - 1;
            long extent = AxisPlan.dilatedLength(outputSize[a], stride[a]);
            axes.add(AxisPlan.padded(axisName(a), outputSize[a], stride[a], kernelSize[a], dilation[a], 1, before, padded[a] - extent,
                    true, false, limits.maxPaddedElements()));
        }
        return Plan.of(spec(Operation.CONVOLUTION, Boundary.FILL, ones, dilation), axes, limits);
    }

    /**
     * The weight gradient of one pair: a cross-correlation of the padded input (as the forward pass pads it) with the
     * output gradient dilated by the stride, keeping every d-th position; its first {@code k} outputs on each axis
     * are the weight gradient (the plan may return a few more).
     */
    public Plan gradWeightPlan(Limits limits) {
        List<AxisPlan> axes = new ArrayList<>();
        for (int a = 0; a < spatialRank(); a++) {
            axes.add(AxisPlan.padded(axisName(a), inputSize[a], 1, outputSize[a], stride[a], dilation[a], padBefore[a], padAfter[a],
                    false, false, limits.maxPaddedElements()));
        }
        return Plan.of(spec(Operation.CROSS_CORRELATION, mode.boundary(), dilation, stride), axes, limits);
    }

    /** The forward pass's axis plans, each padded axis at most {@code maxLength} long. */
    List<AxisPlan> forwardAxes(long maxLength) {
        List<AxisPlan> axes = new ArrayList<>();
        for (int a = 0; a < spatialRank(); a++) {
            axes.add(AxisPlan.padded(axisName(a), inputSize[a], 1, kernelSize[a], dilation[a], stride[a], padBefore[a], padAfter[a],
                    false, false, maxLength));
        }
        return axes;
    }

    private static Spec spec(Operation operation, Boundary boundary, int[] stride, int[] dilation) {
        return Spec.of(operation, null, Mode.FULL, boundary, 0.0, PerAxis.of("stride", stride), PerAxis.of("dilation", dilation),
                IndexOrigin.CORNER);
    }

    private static String axisName(int a) {
        return "spatial " + a;
    }

    /** One value for every spatial axis, or one per axis, each at least {@code min}; null gives {@code absent}. */
    static int[] perAxis(String field, int[] values, int rank, int min, int absent) {
        if (values == null) {
            int[] all = new int[rank];
            Arrays.fill(all, absent);
            return all;
        }
        if (values.length != 1 && values.length != rank) {
            throw new InvalidRequestException(field, field + " has " + values.length + " values; give one integer or " + rank
                    + " (one per spatial axis)");
        }
        int[] out = new int[rank];
        for (int a = 0; a < rank; a++) {
            int v = values[values.length == 1 ? 0 : a];
            if (v < min) {
                throw new InvalidRequestException(values.length == 1 ? field : field + "[" + a + "]", field + " must be " + (min == 0
                        ? "non-negative" : "at least " + min) + "; got " + v);
            }
            out[a] = v;
        }
        return out;
    }

    private static void requireRank(String name, String field, int[] shape, int spatialRank, String axes) {
        if (shape.length != spatialRank + 2) {
            throw new InvalidRequestException(field, name + " expects " + field + " of rank " + (spatialRank + 2) + " " + axes
                    + "; got " + shape.length + " axes");
        }
    }

    private static String spatialNames(int rank) {
        return switch (rank) {
            case 1 -> "L";
            case 2 -> "H, W";
            default -> "D, H, W";
        };
    }

    private static String kernelNames(int rank) {
        return switch (rank) {
            case 1 -> "kL";
            case 2 -> "kH, kW";
            default -> "kD, kH, kW";
        };
    }

    private static String join(int[] in, int[] before, int[] after) {
        StringBuilder s = new StringBuilder();
        for (int a = 0; a < in.length; a++) {
            s.append(a == 0 ? "" : " x ").append((long) in[a] + before[a] + after[a]);
        }
        return s.toString();
    }

    private static String join(int[] k) {
        return Arrays.stream(k).mapToObj(String::valueOf).collect(Collectors.joining(" x "));
    }

    private static String dilationNote(int[] d) {
        return Arrays.stream(d).allMatch(x -> x == 1) ? "" : " (dilation " + Arrays.toString(d) + " spreads the kernel)";
    }

    private static int[] withLeading(int a, int b, int[] rest) {
        int[] s = new int[rest.length + 2];
        s[0] = a;
        s[1] = b;
        System.arraycopy(rest, 0, s, 2, rest.length);
        return s;
    }

    static long product(int[] v) {
        long p = 1;
        for (int x : v) {
            p = Limits.saturatedProduct(p, x);
        }
        return p;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerGeometry g && name.equals(g.name) && batch == g.batch && inChannels == g.inChannels
                && outChannels == g.outChannels && groups == g.groups && Arrays.equals(inputSize, g.inputSize)
                && Arrays.equals(kernelSize, g.kernelSize) && Arrays.equals(stride, g.stride) && Arrays.equals(dilation, g.dilation)
                && Arrays.equals(padBefore, g.padBefore) && Arrays.equals(padAfter, g.padAfter) && Arrays.equals(outputSize, g.outputSize)
                && mode == g.mode;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(name, batch, inChannels, outChannels, groups, Arrays.hashCode(inputSize), Arrays.hashCode(kernelSize),
                Arrays.hashCode(stride), Arrays.hashCode(dilation), Arrays.hashCode(padBefore), Arrays.hashCode(padAfter),
                Arrays.hashCode(outputSize), mode);
    }

    @Override
    public String toString() {
        return name + "(N=" + batch + ", C_in=" + inChannels + ", C_out=" + outChannels + ", groups=" + groups + ", input "
                + Arrays.toString(inputSize) + ", kernel " + Arrays.toString(kernelSize) + ", stride " + Arrays.toString(stride)
                + ", dilation " + Arrays.toString(dilation) + ", padding " + Arrays.toString(padBefore) + "/" + Arrays.toString(padAfter)
                + ", output " + Arrays.toString(outputSize) + ", " + mode.wireName() + ")";
    }
}
