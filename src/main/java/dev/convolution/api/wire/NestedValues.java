package dev.convolution.api.wire;


/** A row-major array to be written as a nested JSON array of its shape (compact numbers). */
public record NestedValues(int[] shape, double[] values) {
}
