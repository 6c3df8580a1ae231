package dev.convolution.api;

import dev.convolution.core.PerAxis;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A per-axis integer of an arrays or explain request (stride, dilation) as sent: one integer for
 * every axis, or a list of one per axis ({@code list} says which).
 */
@Schema(description = "A positive integer for every axis, or a list of one positive integer per axis.",
        oneOf = {Integer.class, int[].class}, example = "1")
record PerAxisValue(int[] values, boolean list) {
    /** The core's value, or null when the field was not sent. */
    static PerAxis of(String field, PerAxisValue v) {
        if (v == null) {
            return null;
        }
        return v.list() ? PerAxis.of(field, v.values()) : PerAxis.every(field, v.values()[0]);
    }
}
