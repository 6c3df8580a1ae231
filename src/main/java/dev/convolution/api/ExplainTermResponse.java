package dev.convolution.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/** One term of an explained output: labels only, no values. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExplainTermResponse(
        @Schema(description = "Input label (outside the input when padded).", example = "[0, 0]") long[] input,
        @Schema(description = "Kernel label.", example = "[1, 1]") long[] kernel,
        @Schema(description = "True when the input position lies outside the input.") boolean padded,
        @Schema(description = "For a padded term of wrap, symmetric, reflect or replicate: the input label its value came from.")
        long[] source,
        @Schema(description = "The kernel symbol of this tap, when kernelSymbols were given.", example = "i") String symbol) {
}
