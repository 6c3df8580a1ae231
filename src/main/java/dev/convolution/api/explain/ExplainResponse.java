package dev.convolution.api.explain;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.convolution.core.Boundary;
import dev.convolution.core.CorrelationConvention;
import dev.convolution.core.IndexOrigin;
import dev.convolution.core.Mode;
import dev.convolution.core.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The index algebra of a request, from shapes alone. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "For each listed output: its terms and a formula line listing the terms inside the input.")
record ExplainResponse(
        @Schema(description = "The operation explained.") Operation operation,
        @Schema(description = "Only for cross-correlation: the convention used.") CorrelationConvention correlationConvention,
        @Schema(description = "The input shape, as given.", example = "[7, 7]") int[] inputShape,
        @Schema(description = "The kernel shape, as given.", example = "[3, 3]") int[] kernelShape,
        @Schema(description = "The mode used.") Mode mode,
        @Schema(description = "The boundary used.") Boundary boundary,
        @Schema(description = "The labels used.") IndexOrigin indexOrigin,
        @Schema(description = "The stride on each axis.") int[] stride,
        @Schema(description = "The dilation on each axis.") int[] dilation,
        @Schema(description = "The shape the output would have.") int[] outputShape,
        @Schema(description = "The label of the first output on each axis.") long[] outputStart,
        @Schema(description = "The exact form of the operation in the request's labels.") String formula,
        @Schema(description = "One entry per listed output, in the order asked (row-major for all).") List<Entry> outputs) {

    /**
     * One explained output.
     *
     * @param output its label
     * @param formula the terms inside the input, such as {@code y[1,1] = x[0,0]·i + … + x[2,2]·a}
     * @param terms every term, padded ones included, in ascending input order
     */
    @Schema(name = "ExplainEntryResponse")
    record Entry(
            @Schema(description = "The output label.", example = "[1, 1]") long[] output,
            @Schema(description = "The terms inside the input, with kernel symbols where given.",
                    example = "y[1,1] = x[0,0]·i + x[0,1]·h + x[0,2]·g + x[1,0]·f + x[1,1]·e + x[1,2]·d + x[2,0]·c + x[2,1]·b + x[2,2]·a")
            String formula,
            @Schema(description = "Every term, padded ones included, in ascending input order.") List<Term> terms) {
    }

    /** One term of an explained output: labels only, no values. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ExplainTermResponse")
    record Term(
            @Schema(description = "Input label (outside the input when padded).", example = "[0, 0]") long[] input,
            @Schema(description = "Kernel label.", example = "[1, 1]") long[] kernel,
            @Schema(description = "True when the input position lies outside the input.") boolean padded,
            @Schema(description = "For a padded term of wrap, symmetric, reflect or replicate: the input label its value came from.")
            long[] source,
            @Schema(description = "The kernel symbol of this tap, when kernelSymbols were given.", example = "i") String symbol) {
    }
}
