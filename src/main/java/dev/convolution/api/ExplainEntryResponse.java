package dev.convolution.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * One explained output.
 *
 * @param output its label
 * @param formula the terms inside the input, such as {@code y[1,1] = x[0,0]·i + … + x[2,2]·a}
 * @param terms every term, padded ones included, in ascending input order
 */
public record ExplainEntryResponse(
        @Schema(description = "The output label.", example = "[1, 1]") long[] output,
        @Schema(description = "The terms inside the input, with kernel symbols where given.",
                example = "y[1,1] = x[0,0]·i + x[0,1]·h + x[0,2]·g + x[1,0]·f + x[1,1]·e + x[1,2]·d + x[2,0]·c + x[2,1]·b + x[2,2]·a")
        String formula,
        @Schema(description = "Every term, padded ones included, in ascending input order.") List<ExplainTermResponse> terms) {
}
