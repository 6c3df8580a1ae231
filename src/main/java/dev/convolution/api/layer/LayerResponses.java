package dev.convolution.api.layer;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.convolution.api.wire.NestedValues;
import dev.convolution.core.layer.PaddingMode;
import dev.convolution.core.type.ElementType;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/** What the layer endpoints answer. */
final class LayerResponses {
    private LayerResponses() {
    }

    /** A forward pass or a transposed convolution. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "LayerResult", description = "The output of a layer with the options as applied, per spatial axis.")
    record Output(
            @Schema(description = "What was computed.", allowableValues = {"cross-correlation", "transposed convolution"}) String operation,
            @Schema(description = "Shape of output: [N, C_out, spatial…].", example = "[1, 1, 3]") int[] shape,
            @Schema(implementation = TensorArray.class, description = "N × C_out × spatial… nested array.", example = "[[[321, 432, 543]]]")
            NestedValues output,
            @Schema(description = "The type of the values: float64 or float32.") ElementType dtype,
            @Schema(description = "The stride on each spatial axis.", example = "[1]") int[] stride,
            @Schema(description = "Padding before and after the input on each spatial axis (for a transposed convolution: removed "
                    + "from both ends of the output).", example = "[[0, 0]]") int[][] padding,
            @Schema(description = "Only for a transposed convolution: added at the end of each spatial axis.", example = "[0]")
            int[] outputPadding,
            @Schema(description = "The dilation on each spatial axis.", example = "[1]") int[] dilation,
            @Schema(description = "The number of groups.", example = "1") int groups,
            @Schema(description = "How padded values are made (forward only).") PaddingMode paddingMode,
            @Schema(description = "Only for a transposed convolution: which operation of this service it is.") Map<String, String> relations,
            @Schema(description = "Present only when asked: one entry per traced value, in the order asked.") List<TraceEntry> trace) {
    }

    /** The gradients of a forward pass. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "LayerGradients", description = "The gradients asked for (wrt), with the operation that computes each.")
    record Gradients(
            @Schema(implementation = TensorArray.class, description = "dLoss/dinput, shaped like input.", example = "[[[1, 12, 123, 230, 300]]]")
            NestedValues gradInput,
            @Schema(implementation = TensorArray.class, description = "dLoss/dweight, shaped like weight.", example = "[[[14, 20, 26]]]")
            NestedValues gradWeight,
            @Schema(description = "dLoss/dbias, one per output channel.", example = "[6]", implementation = double[].class) NestedValues gradBias,
            @Schema(description = "The type of the gradients: float64 or float32.") ElementType dtype,
            @Schema(description = "The forward output's shape (gradOutput's).", example = "[1, 1, 3]") int[] outputShape,
            @Schema(description = "The stride on each spatial axis.", example = "[1]") int[] stride,
            @Schema(description = "Padding before and after the input on each spatial axis.", example = "[[0, 0]]") int[][] padding,
            @Schema(description = "The dilation on each spatial axis.", example = "[1]") int[] dilation,
            @Schema(description = "The number of groups.", example = "1") int groups,
            @Schema(description = "How padded values are made.") PaddingMode paddingMode,
            @Schema(description = "One sentence per returned gradient naming the operation of this service that computes it.",
                    example = "{\"gradInput\": \"convolution (full) of gradOutput (dilated by the stride) with weight\"}")
            Map<String, String> relations,
            @Schema(description = "The array the trace labels index.", allowableValues = {"gradInput", "gradWeight", "gradBias"})
            String traceOf,
            @Schema(description = "Present only when asked: one entry per traced value, in the order asked.") List<TraceEntry> trace) {
    }

    /** One traced value and the products that make it. */
    @Schema(name = "LayerTraceEntry", description = "One traced value: the products (and the bias) that add up to it.")
    record TraceEntry(
            @Schema(description = "The value's label in its array.", example = "[0, 0, 1]") long[] output,
            @Schema(description = "The value.", example = "432", implementation = Double.class) Number value,
            @Schema(description = "The products, then the bias term when the layer has a bias.") List<Term> terms) {
    }

    /** One product of a traced value, or the bias. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "LayerTerm", description = "One product: the labels of the two values that met (named by their arrays) and the "
            + "values; or the bias term {bias, value}.")
    record Term(
            @Schema(description = "Input label [n, c_in, spatial…] (outside the input when padded).", example = "[0, 0, 1]") long[] input,
            @Schema(description = "Weight label [c_out, c_in_g, k…].", example = "[0, 0, 0]") long[] weight,
            @Schema(description = "gradOutput label [n, c_out, spatial…].") long[] gradOutput,
            @Schema(description = "The input value met (for a padded term, the value the padding mode gives).", example = "2",
                    implementation = Double.class) Number inputValue,
            @Schema(description = "The weight value met.", example = "1", implementation = Double.class) Number weightValue,
            @Schema(description = "The gradOutput value met.", implementation = Double.class) Number gradOutputValue,
            @Schema(description = "The product of the two values (the gradOutput value alone for a bias gradient).", example = "2")
            Double product,
            @Schema(description = "True when the input position lies outside the input.", example = "false") Boolean padded,
            @Schema(description = "For a padded term whose value the padding mode took from an input element: that element's label.")
            long[] source,
            @Schema(description = "For a gradInput term that reached the element through the padding mode: the padded position "
                    + "(outside the input) where the forward pass met it.") long[] through,
            @Schema(description = "The bias term: the output channel whose bias is added.") Integer bias,
            @Schema(description = "The bias term: the bias value.", implementation = Double.class) Number value) {
    }

    /** A layer explained from shapes. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "LayerExplanation", description = "Which labels meet for each traced value, from shapes alone.")
    record Explanation(
            @Schema(description = "The layer explained.", example = "conv1d") String layer,
            @Schema(description = "The traced array.", allowableValues = {"output", "gradInput", "gradWeight", "gradBias"}) String traceOf,
            @Schema(description = "The layer's output shape.", example = "[1, 1, 3]") int[] outputShape,
            @Schema(description = "The stride on each spatial axis.", example = "[1]") int[] stride,
            @Schema(description = "Padding before and after on each spatial axis.", example = "[[0, 0]]") int[][] padding,
            @Schema(description = "The dilation on each spatial axis.", example = "[1]") int[] dilation,
            @Schema(description = "The number of groups.", example = "1") int groups,
            @Schema(description = "Which operation of this service computes the traced array.") Map<String, String> relations,
            @Schema(description = "One entry per traced value, in the order asked.") List<ExplainedValue> entries) {
    }

    /** One traced value from shapes: its formula line and its terms (labels only). */
    @Schema(name = "LayerExplainedValue", description = "A traced value: the formula line and the terms (labels, no values).")
    record ExplainedValue(
            @Schema(description = "The value's label in its array.", example = "[0, 0, 1]") long[] output,
            @Schema(description = "The value as a sum of products of labelled elements (padding of zeros left out).",
                    example = "output[0,0,1] = input[0,0,1]·weight[0,0,0] + input[0,0,2]·weight[0,0,1] + input[0,0,3]·weight[0,0,2]")
            String formula,
            @Schema(description = "The products (labels only) and the bias.") List<Term> terms) {
    }
}
