package dev.convolution.api.wire;

import dev.convolution.core.kernel.KernelName;
import io.swagger.v3.oas.annotations.media.Schema;

/** A kernel asked for by name, where a request takes a kernel: {@code {"name": "gaussian", "size": 5, "sigma": 1.2}}. */
@Schema(name = "NamedKernel", description = "A kernel by name (GET /api/v1/kernels lists the names, their parameters and defaults): "
        + "box, gaussian, sobel, scharr, prewitt, laplacian, log, sharpen, emboss. It takes the input's rank where the kernel "
        + "exists in it. The response's kernel field gives the values used and whether the kernel is symmetric under a 180° "
        + "rotation (then convolution equals correlation) and separable.")
public record NamedKernelRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "gaussian")
        String name,
        @Schema(description = "Taps per axis (box, gaussian, sobel, log).", example = "5") Integer size,
        @Schema(description = "The Gaussian's σ (gaussian: ≤ 0 means OpenCV's rule from the size; log: required, > 0).",
                example = "1.2") Double sigma,
        @Schema(description = "The derivative's axis (sobel, scharr, prewitt): x along columns, y along rows.",
                allowableValues = {"x", "y"}) String axis,
        @Schema(description = "box: divide by the number of taps (default true).") Boolean normalize,
        @Schema(description = "laplacian: 4 or 8 neighbours (default 4).") Integer neighbours) {

    /** The core's form. */
    public KernelName toCore() {
        return new KernelName(name, size, sigma, axis, normalize, neighbours);
    }
}
