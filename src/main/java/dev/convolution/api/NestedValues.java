package dev.convolution.api;

/** A row-major array to be written as a nested JSON array of its shape (compact numbers). */
record NestedValues(int[] shape, double[] values) {
}
