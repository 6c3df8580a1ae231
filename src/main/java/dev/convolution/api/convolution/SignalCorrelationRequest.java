package dev.convolution.api.convolution;

import dev.convolution.api.wire.ComplexValues;
import dev.convolution.api.wire.Docs;
import dev.convolution.api.wire.TraceRequest;
import dev.convolution.core.Boundary;
import dev.convolution.core.CorrelationConvention;
import dev.convolution.core.IndexOrigin;
import dev.convolution.core.Method;
import dev.convolution.core.Mode;
import dev.convolution.core.type.Dtype;
import dev.convolution.web.media.ArrayPart;
import io.swagger.v3.oas.annotations.media.Schema;

/** A 1D cross-correlation request. */
@Schema(description = "1D cross-correlation: y[m] = Σ_k h[k]·x[m+k] (sliding) or its mirror. Only signal and kernel are required.")
record SignalCorrelationRequest(
        @ArrayPart @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The input x: a non-empty array of finite numbers, or complex numbers {\"re\": […], \"im\": […]}.",
                example = "[2, 1, 3, 5, 4]", implementation = ComplexValues.SignalData.class) ComputeRequest.SignalInput signal,
        @ArrayPart(kernel = true) @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The kernel h: a non-empty array of finite numbers, or a named kernel ({\"name\": \"box\", \"size\": 3}).",
                example = "[1, -1]") KernelField.Signal kernel,
        @Schema(description = Docs.MODE) Mode mode,
        @Schema(description = Docs.BOUNDARY) Boundary boundary,
        @Schema(description = Docs.FILL) Double fillValue,
        @Schema(minimum = "1", description = Docs.STRIDE) Integer stride,
        @Schema(minimum = "1", description = Docs.DILATION) Integer dilation,
        @Schema(description = Docs.METHOD) Method method,
        @Schema(description = Docs.DTYPE) Dtype dtype,
        @Schema(description = Docs.ORIGIN) IndexOrigin indexOrigin,
        @Schema(description = Docs.CONVENTION) CorrelationConvention correlationConvention,
        @Schema(description = Docs.CONJUGATE) Boolean conjugate,
        TraceRequest trace) implements ComputeRequest.Signal, ComputeRequest.Correlation {
}
