package dev.convolution.api;

import dev.convolution.core.Boundary;
import dev.convolution.core.CorrelationConvention;
import dev.convolution.core.IndexOrigin;
import dev.convolution.core.Method;
import dev.convolution.core.Mode;
import io.swagger.v3.oas.annotations.media.Schema;

/** An N-dimensional (rank 1 to 4) correlation request. */
@Schema(description = "N-d cross-correlation: y[m] = Σ_k h[k]·x[m+k] on every axis (sliding) or its mirror. Only input and kernel are required.")
public record ArrayCorrelationRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, implementation = Object.class,
                description = Docs.NESTED_INPUT, example = "[[[1, 2, 3], [4, 5, 6]], [[7, 8, 9], [10, 11, 12]]]") NestedArray input,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, implementation = Object.class,
                description = Docs.NESTED_KERNEL, example = "[[[1, 0, -1]]]") KernelField.Array kernel,
        @Schema(implementation = String.class, allowableValues = {"full", "same", "valid"},
                description = Docs.MODE) Mode mode,
        @Schema(implementation = String.class, allowableValues = {"fill", "wrap", "symmetric", "reflect", "replicate"},
                description = Docs.BOUNDARY) Boundary boundary,
        @Schema(description = Docs.FILL) Double fillValue,
        @Schema(description = Docs.STRIDE + " An integer for every axis or a list of one per axis.") PerAxisValue stride,
        @Schema(description = Docs.DILATION + " An integer for every axis or a list of one per axis.") PerAxisValue dilation,
        @Schema(implementation = String.class, allowableValues = {"auto", "direct", "fft"},
                description = Docs.METHOD) Method method,
        @Schema(implementation = String.class, allowableValues = {"corner", "center"},
                description = Docs.ORIGIN) IndexOrigin indexOrigin,
        @Schema(implementation = String.class, allowableValues = {"sliding", "mirrored"},
                description = Docs.CONVENTION) CorrelationConvention correlationConvention,
        TraceRequest trace) implements ComputeRequest.Array, ComputeRequest.Correlation {
}
