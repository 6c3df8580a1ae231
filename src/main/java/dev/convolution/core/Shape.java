package dev.convolution.core;

import dev.convolution.core.error.InvalidRequestException;
import dev.convolution.core.error.LimitExceededException;
import java.util.Arrays;

/**
 * The lengths of an array's axes, outermost first (row-major): rank 1 to {@value #MAX_RANK}, every
 * length at least 1. Immutable: the lengths are copied in and out.
 */
public final class Shape {
    /** The largest rank the service takes. */
    public static final int MAX_RANK = 4;

    private final int[] dims;
    private final int size;

    private Shape(int[] dims) {
        this.dims = dims;
        long s = 1;
        for (int d : dims) {
            s *= d;
            if (s > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("a shape of more elements than one array can hold: " + Arrays.toString(dims));
            }
        }
        this.size = (int) s;
    }

    /** A shape the caller has already checked (rank 1–4, lengths ≥ 1). */
    public static Shape of(int... dims) {
        if (dims.length < 1 || dims.length > MAX_RANK) {
            throw new IllegalArgumentException("rank must be 1 to " + MAX_RANK + "; got " + dims.length);
        }
        for (int d : dims) {
            if (d < 1) {
                throw new IllegalArgumentException("axis lengths must be at least 1: " + Arrays.toString(dims));
            }
        }
        return new Shape(dims.clone());
    }

    /**
     * A shape from a request, such as {@code inputShape} of an explanation.
     *
     * @param field the request field, for messages
     */
    public static Shape of(String field, int[] dims) {
        if (dims == null) {
            throw new InvalidRequestException(field, field + " is required: one length per axis, 1 to " + MAX_RANK + " axes");
        }
        if (dims.length < 1 || dims.length > MAX_RANK) {
            throw new InvalidRequestException(field, field + " must have 1 to " + MAX_RANK + " axes; got " + dims.length);
        }
        long s = 1;
        for (int a = 0; a < dims.length; a++) {
            if (dims[a] < 1) {
                throw new InvalidRequestException(field + "[" + a + "]", "must be at least 1; got " + dims[a]);
            }
            s *= dims[a];
            if (s > Integer.MAX_VALUE - 8) {
                throw new LimitExceededException(field, field + " has more elements than one array can hold");
            }
        }
        return new Shape(dims.clone());
    }

    public int rank() {
        return dims.length;
    }

    /** The length of axis a. */
    public int dim(int a) {
        return dims[a];
    }

    /** The lengths, copied. */
    public int[] dims() {
        return dims.clone();
    }

    /** The number of elements. */
    public int size() {
        return size;
    }

    /** Row-major strides: the distance in the flat array between neighbours along each axis. */
    public int[] strides() {
        int[] s = new int[dims.length];
        int step = 1;
        for (int a = dims.length - 1; a >= 0; a--) {
            s[a] = step;
            step *= dims[a];
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(s.dims, dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
