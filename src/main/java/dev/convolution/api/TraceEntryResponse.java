package dev.convolution.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The terms of one traced output.
 *
 * @param output the output label
 * @param value the output value (the products of the terms add up to it)
 * @param terms every term, padded ones included, in ascending input order
 */
@Schema(description = "The terms of one output; their products add up to its value.")
public record TraceEntryResponse(
        @Schema(description = "The output label, in the request's indexOrigin.", example = "[0]") long[] output,
        @Schema(description = "The output value, as in output.", example = "-1") double value,
        @Schema(description = "Every term, padded ones included, in ascending input order.") List<TermResponse> terms) {
}
