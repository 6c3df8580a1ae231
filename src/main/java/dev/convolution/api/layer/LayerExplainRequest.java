package dev.convolution.api.layer;

import dev.convolution.api.wire.PerAxisValue;
import dev.convolution.core.layer.PaddingMode;
import io.swagger.v3.oas.annotations.media.Schema;

/** A layer explained from shapes alone: which labels meet for the traced values, without data. */
@Schema(description = "Explains a layer from shapes alone: for each traced value of the output or of a gradient, which labels "
        + "meet, as a formula line and as terms (no values). layer, inputShape, weightShape and trace are required.")
record LayerExplainRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The layer: conv1d, conv2d, conv3d, conv-transpose1d, "
                + "conv-transpose2d or conv-transpose3d.", allowableValues = {"conv1d", "conv2d", "conv3d", "conv-transpose1d",
                    "conv-transpose2d", "conv-transpose3d"}, example = "conv1d") String layer,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The input's shape [N, C_in, spatial…].",
                example = "[1, 1, 5]") int[] inputShape,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The weight's shape (C_out × C_in/groups × k…; for a "
                + "transposed layer C_in × C_out/groups × k…).", example = "[1, 1, 3]") int[] weightShape,
        @Schema(description = "true when the layer has a bias (its term is listed).", example = "false") Boolean bias,
        @Schema(description = LayerDocs.STRIDE) PerAxisValue stride,
        @Schema(description = LayerDocs.PADDING) PaddingValue padding,
        @Schema(description = "Transposed layers only: added at the end of each spatial axis of the output.") PaddingValue outputPadding,
        @Schema(description = LayerDocs.DILATION) PerAxisValue dilation,
        @Schema(description = LayerDocs.GROUPS, example = "1") Integer groups,
        @Schema(description = LayerDocs.PADDING_MODE) PaddingMode paddingMode,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) LayerTraceRequest trace) {
}
