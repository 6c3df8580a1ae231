package dev.convolution.api.wire;


/**
 * A row-major array to be written as a nested JSON array of its shape, numbers compact; {@code float32}: the values are
 * floats, written in float's shortest form ({@code 0.1}, not {@code 0.10000000149011612}).
 */
public record NestedValues(int[] shape, double[] values, boolean float32) {
    /** Values of a float64 or integer result. */
    public NestedValues(int[] shape, double[] values) {
        this(shape, values, false);
    }
}
