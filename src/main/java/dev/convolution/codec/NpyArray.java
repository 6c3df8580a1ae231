package dev.convolution.codec;

import dev.convolution.core.type.ElementType;
import java.util.Arrays;
import java.util.Objects;

/**
 * An array read from a {@code .npy} file: its shape and its values in C (row-major) order.
 *
 * <p>For speed neither array is copied: the reader hands over the arrays it filled, and whoever builds an
 * {@code NpyArray} hands over its arrays and must not change them afterwards. A rank-0 (scalar) array has an empty
 * shape and one value; an array with a zero-length axis has no values.
 *
 * @param shape the length of each axis, outermost first (empty for a scalar)
 * @param values the elements in C order; as many as the product of the shape
 * @param type the file's dtype, as numpy names it (its values are exact in a double)
 * @param imag a complex file's imaginary parts in C order (its {@code values} are the real parts); null for a real file
 */
public record NpyArray(int[] shape, double[] values, ElementType type, double[] imag) {

    /** A real array. */
    public NpyArray(int[] shape, double[] values, ElementType type) {
        this(shape, values, type, null);
    }

    public NpyArray {
        if (type != null && type.isComplex() != (imag != null)) {
            throw new IllegalArgumentException("a complex array has imaginary parts, a real one none");
        }
        if (imag != null && values != null && imag.length != values.length) {
            throw new IllegalArgumentException("the imaginary parts are not as many as the values");
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(values, "values");
        long size = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has a negative length");
            }
            size = d == 0 ? 0 : size > Integer.MAX_VALUE ? size : size * d; // saturates: both factors stay below 2^31
        }
        if (size != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " does not match " + values.length + " values");
        }
    }

    @Override
    public String toString() {
        return "NpyArray" + Arrays.toString(shape) + " of " + values.length + " " + type + " values";
    }
}
