package dev.convolution.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/** One product of a traced output. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "One product: the input label and the kernel label that meet.")
public record TermResponse(
        @Schema(description = "Input label (outside the input when padded).", example = "[0]") long[] input,
        @Schema(description = "Kernel label.", example = "[1]") long[] kernel,
        @Schema(description = "The value met: the input value, or for a padded term the value the boundary gives.", example = "2")
        double inputValue,
        @Schema(description = "The kernel value.", example = "-1") double kernelValue,
        @Schema(description = "inputValue × kernelValue.", example = "-2") double product,
        @Schema(description = "True when the input position lies outside the input.") boolean padded,
        @Schema(description = "For a padded term of wrap, symmetric, reflect or replicate: the input label its value came from.")
        long[] source) {
}
