package dev.convolution.api;

import dev.convolution.core.Boundary;
import dev.convolution.core.CorrelationConvention;
import dev.convolution.core.IndexOrigin;
import dev.convolution.core.Method;
import dev.convolution.core.Mode;
import io.swagger.v3.oas.annotations.media.Schema;

/** A 2D cross-correlation request. */
@Schema(description = "2D cross-correlation: y[m,n] = Σ_k Σ_l h[k,l]·x[m+k,n+l] (sliding) or its mirror. Only image and kernel are required.")
public record ImageCorrelationRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The input x: a rectangular, non-empty array of rows of finite numbers, row-major.",
                example = "[[1, 2, 3], [4, 5, 6], [7, 8, 9]]") double[][] image,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The kernel h: a rectangular, non-empty array of rows.",
                example = "[[0, 1], [1, 0]]") double[][] kernel,
        @Schema(implementation = String.class, allowableValues = {"full", "same", "valid"},
                description = Docs.MODE) Mode mode,
        @Schema(implementation = String.class, allowableValues = {"fill", "wrap", "symmetric", "reflect", "replicate"},
                description = Docs.BOUNDARY) Boundary boundary,
        @Schema(description = Docs.FILL) Double fillValue,
        @Schema(description = Docs.STRIDE + " An integer for both axes or a [rows, columns] pair.") AxisPair stride,
        @Schema(description = Docs.DILATION + " An integer for both axes or a [rows, columns] pair.") AxisPair dilation,
        @Schema(implementation = String.class, allowableValues = {"auto", "direct", "fft"},
                description = Docs.METHOD) Method method,
        @Schema(implementation = String.class, allowableValues = {"corner", "center"},
                description = Docs.ORIGIN) IndexOrigin indexOrigin,
        @Schema(implementation = String.class, allowableValues = {"sliding", "mirrored"},
                description = Docs.CONVENTION) CorrelationConvention correlationConvention,
        TraceRequest trace) implements ComputeRequest.Image, ComputeRequest.Correlation {
}
