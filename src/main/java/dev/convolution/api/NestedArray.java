package dev.convolution.api;

/**
 * A nested JSON array of numbers as read from the wire: {@code double[]} for an array of numbers,
 * {@code Object[]} for an array of arrays. {@link dev.convolution.core.Grid#ofNested} checks the shape.
 */
record NestedArray(Object value) {
}
