package dev.convolution.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** How an images result becomes pixel values when the answer is a PNG ({@code Accept: image/png}). */
@Schema(description = "How results become pixel values of the input's bit depth (0…2^bits−1) in a PNG answer.")
public record PngOptions(
        @Schema(allowableValues = {"clip", "normalize", "abs"}, example = "clip", description = "clip (default): round half to even, "
                + "then clip to 0…2^bits−1; normalize: map the result's [min, max] linearly onto 0…2^bits−1, then round; abs: take "
                + "|y|, then round and clip (for edge kernels).") String scale) {
}
