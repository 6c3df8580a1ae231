package dev.convolution.api.layer;

import dev.convolution.api.wire.PerAxisValue;
import dev.convolution.core.layer.PaddingMode;
import dev.convolution.core.type.Dtype;
import dev.convolution.web.media.ArrayPart;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The layer requests: a forward pass, its gradients, and a transposed convolution (PyTorch's semantics and names). */
sealed interface LayerRequest {
    TensorArray input();

    TensorArray weight();

    double[] bias();

    PerAxisValue stride();

    PerAxisValue dilation();

    Integer groups();

    /** The type to compute in (float64 or float32); null: numpy's rule on the input's, weight's and gradOutput's types. */
    Dtype dtype();

    LayerTraceRequest trace();

    /** A forward pass: torch.nn.functional.convNd, padding modes as torch.nn.ConvNd. */
    @Schema(name = "LayerForwardRequest", description = "A convolution layer's forward pass, as torch.nn.functional.conv1d/2d/3d (padding modes as torch.nn.Conv*d): "
            + "y[n, co] = bias[co] + Σ_ci Σ_k weight[co, ci, k]·x_padded[n, g·C_in/groups + ci, o·stride + k·dilation], a "
            + "cross-correlation. Only input and weight are required.")
    record Forward(
            @ArrayPart @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = LayerDocs.INPUT,
                    example = "[[[1, 2, 3, 4, 5]]]") TensorArray input,
            @ArrayPart(kernel = true) @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = LayerDocs.WEIGHT,
                    example = "[[[1, 10, 100]]]") TensorArray weight,
            @ArrayPart @Schema(description = LayerDocs.BIAS) double[] bias,
            @Schema(description = LayerDocs.STRIDE) PerAxisValue stride,
            @Schema(description = LayerDocs.PADDING) PaddingValue padding,
            @Schema(description = LayerDocs.DILATION) PerAxisValue dilation,
            @Schema(description = LayerDocs.GROUPS, example = "1") Integer groups,
            @Schema(description = LayerDocs.DTYPE) Dtype dtype,
            @Schema(description = LayerDocs.PADDING_MODE) PaddingMode paddingMode,
            LayerTraceRequest trace) implements LayerRequest {
    }

    /** The gradients of a forward pass for a given gradOutput. */
    @Schema(name = "LayerBackwardRequest", description = "The gradients of a convolution layer, as PyTorch autograd computes them for (output · gradOutput).sum(): "
            + "gradInput, a convolution of gradOutput (dilated by the stride) with the weight; gradWeight, a cross-correlation of "
            + "the input with gradOutput; gradBias, gradOutput summed. The forward fields plus gradOutput.")
    record Backward(
            @ArrayPart @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = LayerDocs.INPUT,
                    example = "[[[1, 2, 3, 4, 5]]]") TensorArray input,
            @ArrayPart(kernel = true) @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = LayerDocs.WEIGHT,
                    example = "[[[1, 10, 100]]]") TensorArray weight,
            @ArrayPart @Schema(description = LayerDocs.BIAS) double[] bias,
            @Schema(description = LayerDocs.STRIDE) PerAxisValue stride,
            @Schema(description = LayerDocs.PADDING) PaddingValue padding,
            @Schema(description = LayerDocs.DILATION) PerAxisValue dilation,
            @Schema(description = LayerDocs.GROUPS, example = "1") Integer groups,
            @Schema(description = LayerDocs.DTYPE) Dtype dtype,
            @Schema(description = LayerDocs.PADDING_MODE) PaddingMode paddingMode,
            @ArrayPart @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                    description = "The gradient of the loss with respect to the layer's output: shaped like the forward output.",
                    example = "[[[1, 2, 3]]]") TensorArray gradOutput,
            @Schema(description = "The gradients to compute: any of input, weight, bias (default: all three; bias only with a bias).",
                    example = "[\"input\", \"weight\"]") List<String> wrt,
            LayerTraceRequest trace) implements LayerRequest {
    }

    /** A transposed convolution: torch.nn.functional.conv_transposeNd. */
    @Schema(name = "LayerTransposeRequest", description = "A transposed convolution, as torch.nn.functional.conv_transpose1d/2d/3d: the gradInput of the forward layer "
            + "with the same weight, stride, padding and dilation, whose input would have this one's output shape. Only input and "
            + "weight are required.")
    record Transpose(
            @ArrayPart @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = LayerDocs.INPUT,
                    example = "[[[1, 2, 3]]]") TensorArray input,
            @ArrayPart(kernel = true) @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                    description = "The weight, C_in × (C_out / groups) × k… (the transposed layout).", example = "[[[1, 10, 100]]]")
            TensorArray weight,
            @ArrayPart @Schema(description = LayerDocs.BIAS) double[] bias,
            @Schema(description = LayerDocs.STRIDE) PerAxisValue stride,
            @Schema(description = "Removed from both ends of every spatial axis of the output: a non-negative integer or one per "
                    + "spatial axis (default 0; no \"same\" or \"valid\").", example = "0") PaddingValue padding,
            @Schema(description = "Added to one end of every spatial axis of the output: a non-negative integer or one per spatial axis, "
                    + "each smaller than the stride or the dilation of its axis (default 0).", example = "0") PaddingValue outputPadding,
            @Schema(description = LayerDocs.DILATION) PerAxisValue dilation,
            @Schema(description = LayerDocs.GROUPS, example = "1") Integer groups,
            @Schema(description = LayerDocs.DTYPE) Dtype dtype,
            LayerTraceRequest trace) implements LayerRequest {
    }
}
