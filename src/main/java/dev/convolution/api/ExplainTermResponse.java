package dev.convolution.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/** One term of an explained output: labels only, no values. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExplainTermResponse(
        @Schema(example = "[0, 0]") long[] input,
        @Schema(example = "[1, 1]") long[] kernel,
        boolean padded,
        @Schema(description = "For a padded term of wrap, symmetric, reflect or replicate: the input label its value came from.")
        long[] source,
        @Schema(description = "The kernel symbol of this tap, when kernelSymbols were given.", example = "i") String symbol) {
}
