package dev.convolution.api;

import dev.convolution.core.kernel.NamedKernel;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** The kernel a name stood for in a request: its values and the properties the seed is about. */
@Schema(name = "NamedKernelUsed", description = "Present when the request named its kernel: the values used (as given, before any "
        + "flip) and its properties.")
public record NamedKernelResponse(
        @Schema(description = "The kernel's name.", example = "gaussian") String name,
        @Schema(description = "Every parameter, defaults filled in.", example = "{\"size\": 3, \"sigma\": 0}") Map<String, Object> parameters,
        @Schema(description = "The values, nested to the input's rank, row-major.", example = "[[0.0625, 0.125, 0.0625], "
                + "[0.125, 0.25, 0.125], [0.0625, 0.125, 0.0625]]") Object values,
        @Schema(description = "Equal to itself rotated 180°: then convolution and cross-correlation give the same result.")
        boolean symmetric,
        @Schema(description = "An outer product of one 1D kernel per axis (rank 2 and up); the direct method then runs it as "
                + "one pass per axis.") boolean separable) {

    /** The response field of a named kernel; null (the field left out) when the request gave numbers. */
    static NamedKernelResponse of(NamedKernel k) {
        if (k == null) {
            return null;
        }
        return new NamedKernelResponse(k.name(), k.parameters(), new NestedValues(k.kernel().shape().dims(), k.kernel().values()),
                k.symmetric(), k.separable());
    }
}
