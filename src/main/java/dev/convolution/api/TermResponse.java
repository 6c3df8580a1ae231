package dev.convolution.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/** One product of a traced output. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "One product: the input label and the kernel label that meet.")
public record TermResponse(
        @Schema(description = "Input label (outside the input when padded).", example = "[0]") long[] input,
        @Schema(description = "Kernel label.", example = "[1]") long[] kernel,
        double inputValue,
        double kernelValue,
        double product,
        @Schema(description = "True when the input position lies outside the input.") boolean padded,
        @Schema(description = "For a padded term of wrap, symmetric, reflect or replicate: the input label its value came from.")
        long[] source) {
}
