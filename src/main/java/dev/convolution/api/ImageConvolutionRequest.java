package dev.convolution.api;

import dev.convolution.core.Boundary;
import dev.convolution.core.IndexOrigin;
import dev.convolution.core.Method;
import dev.convolution.core.Mode;
import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.convolution.api.binary.Picture;
import io.swagger.v3.oas.annotations.media.Schema;

/** A 2D convolution request. */
@Schema(description = "2D convolution: y[m,n] = Σ_i Σ_j x[i,j]·h[m−i,n−j]. Only image and kernel are required.")
public record ImageConvolutionRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The input x: a rectangular, non-empty array of rows of finite numbers, row-major.",
                example = "[[1, 2, 3], [4, 5, 6], [7, 8, 9]]") double[][] image,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The kernel h: a rectangular, non-empty array of rows, or a named kernel ({\"name\": \"gaussian\", \"size\": 5}).",
                example = "[[0, 1], [1, 0]]") KernelField.Image kernel,
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
        TraceRequest trace,
        @Schema(description = "With Accept: image/png, how results become pixel values (default clip).") PngOptions png,
        @JsonIgnore @Schema(hidden = true) Picture picture) implements ComputeRequest.Image, ComputeRequest.Convolution {
}
