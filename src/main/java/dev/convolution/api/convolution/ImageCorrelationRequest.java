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

/** A 2D cross-correlation request. */
@Schema(description = "2D cross-correlation: y[m,n] = Σ_k Σ_l h[k,l]·x[m+k,n+l] (sliding) or its mirror. Only image and kernel are required.")
record ImageCorrelationRequest(
        @ArrayPart(picture = true) @Schema(requiredMode = Schema.RequiredMode.REQUIRED, implementation = ComplexValues.ImageData.class, description = "The input x: a rectangular, non-empty array of rows of finite numbers, row-major, or complex numbers {\"re\": rows, \"im\": rows}.",
                example = "[[1, 2, 3], [4, 5, 6], [7, 8, 9]]") ComputeRequest.ImageInput image,
        @ArrayPart(kernel = true) @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The kernel h: a rectangular, non-empty array of rows, or a named kernel ({\"name\": \"gaussian\", \"size\": 5}).",
                example = "[[0, 1], [1, 0]]") KernelField.Image kernel,
        @Schema(description = Docs.MODE) Mode mode,
        @Schema(description = Docs.BOUNDARY) Boundary boundary,
        @Schema(description = Docs.FILL) Double fillValue,
        @Schema(description = Docs.STRIDE + " An integer for both axes or a [rows, columns] pair.") ComputeRequest.AxisPair stride,
        @Schema(description = Docs.DILATION + " An integer for both axes or a [rows, columns] pair.") ComputeRequest.AxisPair dilation,
        @Schema(description = Docs.METHOD) Method method,
        @Schema(description = Docs.DTYPE) Dtype dtype,
        @Schema(description = Docs.ORIGIN) IndexOrigin indexOrigin,
        @Schema(description = Docs.CONVENTION) CorrelationConvention correlationConvention,
        @Schema(description = Docs.CONJUGATE) Boolean conjugate,
        TraceRequest trace,
        @Schema(description = "With Accept: image/png, how results become pixel values (default clip).") ComputeRequest.PngOptions png) implements ComputeRequest.Image, ComputeRequest.Correlation {
}
