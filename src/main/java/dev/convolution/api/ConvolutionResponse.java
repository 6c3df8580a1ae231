package dev.convolution.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The result of a convolution or cross-correlation. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "The result, with the labels and the exact formula that produced it.")
public record ConvolutionResponse(
        @Schema(description = "The operation computed.", allowableValues = {"convolution", "cross-correlation"}) String operation,
        @Schema(description = "Only for cross-correlation: the convention used.", allowableValues = {"sliding", "mirrored"})
        String correlationConvention,
        @Schema(description = "The mode used.", allowableValues = {"full", "same", "valid"}) String mode,
        @Schema(description = "The boundary used.", allowableValues = {"fill", "wrap", "symmetric", "reflect", "replicate"})
        String boundary,
        @Schema(description = "The method that ran: direct or fft.", allowableValues = {"direct", "fft"}) String method,
        @Schema(description = "The labels used.", allowableValues = {"corner", "center"}) String indexOrigin,
        @Schema(description = "Shape of output: [n] or [rows, columns].", example = "[4]") int[] shape,
        @Schema(description = "number[] for signals, number[][] for images. Integral values are written without a fraction.",
                example = "[-1, 2, 2, -1]") Object output,
        @Schema(description = "The label of output[0] (of output[0][0]) on each axis: 0 with corner; labels grow by the stride.",
                example = "[0]") long[] outputStart,
        @Schema(description = "The stride on each axis.", example = "[1]") int[] stride,
        @Schema(description = "The dilation on each axis.", example = "[1]") int[] dilation,
        @Schema(description = "Only when the request named its kernel: the values and properties of the kernel used.")
        NamedKernelResponse kernel,
        @Schema(description = "The kernel in the orientation in which it meets the input as it slides (rotated 180° for convolution).",
                example = "[-1, 1]") Object kernelAsApplied,
        @Schema(description = "The exact form of the operation in the request's labels.", example = "y[m] = Σ_k h[k]·x[m+1−k]")
        String formula,
        @Schema(description = "Present only when asked: one entry per traced output, in the order asked (row-major for all).")
        List<TraceEntryResponse> trace) {
}
