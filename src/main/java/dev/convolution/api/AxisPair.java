package dev.convolution.api;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A per-axis integer of an image request (stride, dilation): one integer for both axes, or a
 * {@code [rows, columns]} pair on the wire ({@code pair} says which was sent).
 */
@Schema(description = "A positive integer for both axes, or a [rows, columns] pair of positive integers.",
        oneOf = {Integer.class, int[].class}, example = "1")
public record AxisPair(int rows, int cols, boolean pair) {
}
