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
public record TraceEntryResponse(@Schema(example = "[0]") long[] output, double value, List<TermResponse> terms) {
}
