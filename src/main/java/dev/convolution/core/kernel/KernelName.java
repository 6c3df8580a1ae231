package dev.convolution.core.kernel;

/**
 * A named kernel as a request gives it ({@code {"name": "gaussian", "size": 5, "sigma": 1.2}}): the name and the
 * optional parameters, each {@code null} when the request leaves it out (the default applies, or the kernel does not
 * take it). {@link NamedKernels#of} checks them against the name and the rank of the input.
 *
 * @param name one of the names {@link NamedKernels#catalogue} lists ({@code box}, {@code gaussian}, ...)
 * @param size the length along every axis ({@code box}, {@code gaussian}, {@code sobel}, {@code log})
 * @param sigma the standard deviation ({@code gaussian}, {@code log})
 * @param axis {@code x} or {@code y}: the direction of the derivative ({@code sobel}, {@code scharr}, {@code prewitt})
 * @param normalize whether a {@code box} is divided by its count
 * @param neighbours 4 or 8 ({@code laplacian})
 */
public record KernelName(String name, Integer size, Double sigma, String axis, Boolean normalize, Integer neighbours) {

    /** A name without parameters: every default. */
    public static KernelName of(String name) {
        return new KernelName(name, null, null, null, null, null);
    }
}
