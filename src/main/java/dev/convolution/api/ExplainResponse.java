package dev.convolution.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The index algebra of a request, from shapes alone. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "For each listed output: its terms and a formula line listing the terms inside the input.")
public record ExplainResponse(
        @Schema(description = "The operation explained.", allowableValues = {"convolution", "cross-correlation"}) String operation,
        @Schema(description = "Only for cross-correlation: the convention used.", allowableValues = {"sliding", "mirrored"})
        String correlationConvention,
        @Schema(description = "The input shape, as given.", example = "[7, 7]") int[] inputShape,
        @Schema(description = "The kernel shape, as given.", example = "[3, 3]") int[] kernelShape,
        @Schema(description = "The mode used.", allowableValues = {"full", "same", "valid"}) String mode,
        @Schema(description = "The boundary used.", allowableValues = {"fill", "wrap", "symmetric", "reflect", "replicate"})
        String boundary,
        @Schema(description = "The labels used.", allowableValues = {"corner", "center"}) String indexOrigin,
        @Schema(description = "The stride on each axis.") int[] stride,
        @Schema(description = "The dilation on each axis.") int[] dilation,
        @Schema(description = "The shape the output would have.") int[] outputShape,
        @Schema(description = "The label of the first output on each axis.") long[] outputStart,
        @Schema(description = "The exact form of the operation in the request's labels.") String formula,
        @Schema(description = "One entry per listed output, in the order asked (row-major for all).")
        List<ExplainEntryResponse> outputs) {
}
