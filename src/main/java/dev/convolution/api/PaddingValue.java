package dev.convolution.api;

import dev.convolution.core.layer.Padding;
import io.swagger.v3.oas.annotations.media.Schema;

/** A layer's {@code padding} as sent: numbers ({@code values}) or a word ({@code "same"}, {@code "valid"}). */
@Schema(description = "A non-negative integer for every spatial axis, a list of one per spatial axis, or \"same\" or \"valid\".",
        oneOf = {Integer.class, int[].class, String.class}, example = "1")
record PaddingValue(int[] values, String word) {
    /** The core's padding; PyTorch's default (0) when the field was not sent. */
    static Padding of(PaddingValue v) {
        if (v == null) {
            return Padding.none();
        }
        if (v.word() != null) {
            return v.word().equals("same") ? Padding.SAME : Padding.VALID;
        }
        return new Padding.Explicit(v.values());
    }
}
