package dev.convolution.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The index algebra of a request, from shapes alone. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "For each listed output: its terms and a formula line listing the terms inside the input.")
public record ExplainResponse(
        String operation,
        String correlationConvention,
        int[] inputShape,
        int[] kernelShape,
        String mode,
        String boundary,
        String indexOrigin,
        int[] stride,
        int[] dilation,
        @Schema(description = "The shape the output would have.") int[] outputShape,
        @Schema(description = "The label of the first output on each axis.") long[] outputStart,
        @Schema(description = "The exact form of the operation in the request's labels.") String formula,
        List<ExplainEntryResponse> outputs) {
}
