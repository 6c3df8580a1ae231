package dev.convolution.api.convolution;

import dev.convolution.api.wire.ComplexValues;
import dev.convolution.api.wire.Docs;
import dev.convolution.api.wire.NestedArray;
import dev.convolution.api.wire.PerAxisValue;
import dev.convolution.api.wire.TraceRequest;
import dev.convolution.core.Boundary;
import dev.convolution.core.IndexOrigin;
import dev.convolution.core.Method;
import dev.convolution.core.Mode;
import dev.convolution.core.type.Dtype;
import dev.convolution.web.media.ArrayPart;
import io.swagger.v3.oas.annotations.media.Schema;

/** An N-dimensional (rank 1 to 4) convolution request. */
@Schema(description = "N-d convolution: y[m] = Σ_i x[i]·h[m−i] on every axis (multi-indices m, i). Only input and kernel are required.")
record ArrayConvolutionRequest(
        @ArrayPart @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                description = Docs.NESTED_INPUT, implementation = ComplexValues.ArrayData.class, example = "[[[1, 2, 3], [4, 5, 6]], [[7, 8, 9], [10, 11, 12]]]") NestedArray input,
        @ArrayPart(kernel = true) @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                description = Docs.NESTED_KERNEL, example = "[[[1, 0, -1]]]") KernelField.Array kernel,
        @Schema(description = Docs.MODE) Mode mode,
        @Schema(description = Docs.BOUNDARY) Boundary boundary,
        @Schema(description = Docs.FILL) Double fillValue,
        @Schema(description = Docs.STRIDE + " An integer for every axis or a list of one per axis.") PerAxisValue stride,
        @Schema(description = Docs.DILATION + " An integer for every axis or a list of one per axis.") PerAxisValue dilation,
        @Schema(description = Docs.METHOD) Method method,
        @Schema(description = Docs.DTYPE) Dtype dtype,
        @Schema(description = Docs.ORIGIN) IndexOrigin indexOrigin,
        TraceRequest trace) implements ComputeRequest.Array, ComputeRequest.Convolution {
}
