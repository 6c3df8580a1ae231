package dev.convolution.api.convolution;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.convolution.api.wire.ComplexValues;
import dev.convolution.api.wire.NestedArray;
import dev.convolution.api.wire.NestedValues;
import dev.convolution.core.Boundary;
import dev.convolution.core.CorrelationConvention;
import dev.convolution.core.IndexOrigin;
import dev.convolution.core.Method;
import dev.convolution.core.Mode;
import dev.convolution.core.Operation;
import dev.convolution.core.kernel.NamedKernel;
import dev.convolution.core.type.ElementType;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/** The result of a convolution or cross-correlation. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "The result, with the labels and the exact formula that produced it.")
record ConvolutionResponse(
        @Schema(description = "The operation computed.") Operation operation,
        @Schema(description = "Only for cross-correlation: the convention used.") CorrelationConvention correlationConvention,
        @Schema(description = "The mode used.") Mode mode,
        @Schema(description = "The boundary used.") Boundary boundary,
        @Schema(description = "The method that ran: direct or fft.") Method method,
        @Schema(description = "The result's type: float64, float32, complex128, complex64, or int64 when integer data gave exact "
                + "integers.", allowableValues = {"float64", "float32", "complex128", "complex64", "int64"}) ElementType dtype,
        @Schema(description = "The labels used.") IndexOrigin indexOrigin,
        @Schema(description = "Shape of output: [n] or [rows, columns].", example = "[4]") int[] shape,
        @Schema(description = "The result: number[] for signals, number[][] for images, a nested array of the input's rank for arrays. "
                + "Integral values are written without a fraction. A complex result is one {\"re\", \"im\"} object of two such arrays.",
                implementation = ComplexValues.ResultValues.class) Object output,
        @Schema(description = "The label of output[0] (of output[0][0]) on each axis: 0 with corner; labels grow by the stride.",
                example = "[0]") long[] outputStart,
        @Schema(description = "The stride on each axis.", example = "[1]") int[] stride,
        @Schema(description = "The dilation on each axis.", example = "[1]") int[] dilation,
        @Schema(description = "Only when the request named its kernel: the values and properties of the kernel used.")
        KernelUsed kernel,
        @Schema(description = "The kernel in the orientation in which it meets the input as it slides (rotated 180° for convolution; "
                + "conjugated when a complex correlation conjugates).", implementation = ComplexValues.ResultValues.class) Object kernelAsApplied,
        @Schema(description = "The exact form of the operation in the request's labels.", example = "y[m] = Σ_k h[k]·x[m+1−k]")
        String formula,
        @Schema(description = "Present only when asked: one entry per traced output, in the order asked (row-major for all).")
        List<TraceEntry> trace) {

    /**
     * The terms of one traced output.
     *
     * @param output the output label
     * @param value the output value (the products of the terms add up to it)
     * @param terms every term, padded ones included, in ascending input order
     */
    @Schema(name = "TraceEntryResponse", description = "The terms of one output; their products add up to its value.")
    record TraceEntry(
            @Schema(description = "The output label, in the request's indexOrigin.", example = "[0]") long[] output,
            @Schema(description = "The output value, as in output (a {\"re\", \"im\"} object for a complex result).", example = "-1",
                    implementation = ComplexValues.ResultNumber.class) Object value,
            @Schema(description = "Every term, padded ones included, in ascending input order.") List<Term> terms) {
    }

    /** One product of a traced output. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "TermResponse", description = "One product: the input label and the kernel label that meet.")
    record Term(
            @Schema(description = "Input label (outside the input when padded).", example = "[0]") long[] input,
            @Schema(description = "Kernel label.", example = "[1]") long[] kernel,
            @Schema(description = "The value met: the input value, or for a padded term the value the boundary gives.", example = "2",
                    implementation = ComplexValues.ResultNumber.class) Object inputValue,
            @Schema(description = "The kernel value (as stored: not conjugated).", example = "-1",
                    implementation = ComplexValues.ResultNumber.class) Object kernelValue,
            @Schema(description = "What was added: inputValue × kernelValue, or inputValue × conj(kernelValue) when conjugated.",
                    example = "-2", implementation = ComplexValues.ResultNumber.class) Object product,
            @Schema(description = "True when the input position lies outside the input.") boolean padded,
            @Schema(description = "For a padded term of wrap, symmetric, reflect or replicate: the input label its value came from.")
            long[] source,
            @Schema(description = "Present (true) when the term used the kernel's conjugate: a complex correlation that conjugates.")
            Boolean conjugated) {
    }

    /** The kernel a name stood for in a request: its values and the properties the seed is about. */
    @Schema(name = "NamedKernelUsed", description = "Present when the request named its kernel: the values used (as given, before any "
            + "flip) and its properties.")
    record KernelUsed(
            @Schema(description = "The kernel's name.", example = "gaussian") String name,
            @Schema(description = "Every parameter, defaults filled in.", example = "{\"size\": 3, \"sigma\": 0}") Map<String, Object> parameters,
            @Schema(description = "The values, nested to the input's rank, row-major.", example = "[[0.0625, 0.125, 0.0625], "
                    + "[0.125, 0.25, 0.125], [0.0625, 0.125, 0.0625]]", implementation = NestedArray.class) NestedValues values,
            @Schema(description = "Equal to itself rotated 180°: then convolution and cross-correlation give the same result.")
            boolean symmetric,
            @Schema(description = "An outer product of one 1D kernel per axis (rank 2 and up); the direct method then runs it as "
                    + "one pass per axis.") boolean separable) {

        /** The response field of a named kernel; null (the field left out) when the request gave numbers. */
        static KernelUsed of(NamedKernel k) {
            if (k == null) {
                return null;
            }
            return new KernelUsed(k.name(), k.parameters(), new NestedValues(k.kernel().shape().dims(), k.kernel().values(), false),
                    k.symmetric(), k.separable());
        }
    }
}
