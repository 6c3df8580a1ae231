package dev.convolution.core.layer;

import dev.convolution.core.Grid;
import dev.convolution.core.Shape;
import java.util.Arrays;

/**
 * A layer's array: {@code [N, C, spatial…]} for inputs and outputs, {@code [C_out, C_in/groups, k…]} for
 * weights, row-major, rank 3 to 5 (one to three spatial axes), whose two leading axes index channel
 * blocks: each {@code [a, b]} block is one spatial array, the unit the core computes on.
 */
public record Tensor(int[] dims, double[] values) {
    public Tensor {
        long size = 1;
        for (int d : dims) {
            if (d < 1) {
                throw new IllegalArgumentException("every axis of a tensor has at least one element");
            }
            size *= d;
        }
        if (dims.length < 3 || dims.length > 5 || size != values.length) {
            throw new IllegalArgumentException("a tensor has rank 3 to 5 and as many values as its shape says");
        }
    }

    public static Tensor zeros(int... dims) {
        long size = 1;
        for (int d : dims) {
            size *= d;
        }
        return new Tensor(dims, new double[Math.toIntExact(size)]);
    }

    public int rank() {
        return dims.length;
    }

    public int dim(int a) {
        return dims[a];
    }

    /** The spatial axes (all but the two leading ones). */
    public int[] spatial() {
        return Arrays.copyOfRange(dims, 2, dims.length);
    }

    /** Elements in one {@code [a, b]} block. */
    public int blockSize() {
        return values.length / (dims[0] * dims[1]);
    }

    /** Where block {@code [a, b]} starts in {@link #values}. */
    public int blockStart(int a, int b) {
        return (a * dims[1] + b) * blockSize();
    }

    /** Block {@code [a, b]} as a spatial array (a copy) for the core. */
    public Grid block(int a, int b) {
        int start = blockStart(a, b);
        return new Grid(Shape.of(spatial()), Arrays.copyOfRange(values, start, start + blockSize()));
    }

    /** The value at a full index. */
    public double at(int... index) {
        int flat = 0;
        for (int a = 0; a < dims.length; a++) {
            flat = flat * dims[a] + index[a];
        }
        return values[flat];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(dims, t.dims) && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(dims) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(dims);
    }
}
