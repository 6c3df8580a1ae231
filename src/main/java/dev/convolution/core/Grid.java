package dev.convolution.core;

import dev.convolution.core.error.InvalidRequestException;
import dev.convolution.core.error.LimitExceededException;
import java.util.Arrays;

/**
 * An array of doubles of rank 1 to {@value Shape#MAX_RANK}, row-major.
 *
 * <p>For speed the values array is not copied: whoever builds a grid hands over its array and
 * must not change it afterwards.
 */
public record Grid(Shape shape, double[] values) {

    public Grid {
        if (shape.size() != values.length) {
            throw new IllegalArgumentException("shape " + shape + " does not match " + values.length + " values");
        }
    }

    /** A grid of the given shape (lengths per axis) over the values. */
    public static Grid of(double[] values, int... dims) {
        return new Grid(Shape.of(dims), values);
    }

    /**
     * A 1D grid; every value must be finite.
     *
     * @param field the request field the values came from, for messages
     */
    public static Grid ofSignal(String field, double[] values) {
        if (values == null) {
            throw new InvalidRequestException(field, field + " is required");
        }
        return ofNested(field, values);
    }

    /**
     * A 2D grid from rectangular rows; every value must be finite.
     *
     * @param field the request field the rows came from, for messages
     */
    public static Grid ofImage(String field, double[][] rows) {
        if (rows == null) {
            throw new InvalidRequestException(field, field + " is required");
        }
        if (rows.length == 0) {
            throw new InvalidRequestException(field, field + " must have at least one row");
        }
        Grid g = ofNested(field, rows);
        if (g.rank() != 2) {
            throw new IllegalStateException("rows of numbers make a rank-2 array");
        }
        return g;
    }

    /**
     * An array from nested JSON-like arrays: a {@code double[]} is an array of numbers, an
     * {@code Object[]} (such as a {@code double[][]}) an array of arrays. Refuses nulls, empty arrays,
     * arrays of different depths or lengths along one axis, ranks above {@value Shape#MAX_RANK} and
     * values that are not finite, naming the element to blame ({@code input[1][2]}) and the axis.
     *
     * @param field the request field, for messages ({@code input})
     */
    public static Grid ofNested(String field, Object nested) {
        Nested n = nested(field, nested, Shape.MAX_RANK);
        return new Grid(Shape.of(n.dims()), n.values());
    }

    /** The shape and the row-major values of nested arrays, as {@link #ofNested} reads them. */
    public record Nested(int[] dims, double[] values) {
    }

    /**
     * Reads nested arrays of rank 1 to {@code maxRank} (a layer's tensors have up to 5 axes) as {@link #ofNested}
     * does, with the same refusals.
     */
    public static Nested nested(String field, Object nested, int maxRank) {
        if (nested == null) {
            throw new InvalidRequestException(field, field + " is required");
        }
        // the shape, from the first element at every depth
        int[] dims = new int[maxRank + 1];
        int rank = 0;
        Object node = nested;
        String path = field;
        while (true) {
            int length = node instanceof double[] d ? d.length : ((Object[]) node).length;
            if (rank == maxRank) {
                throw new InvalidRequestException(field, field + " has more than " + maxRank
                        + " axes; arrays of rank 1 to " + maxRank + " are taken");
            }
            if (length == 0) {
                throw new InvalidRequestException(path, describe(field, path, rank, node instanceof double[] ? rank + 1 : -1)
                        + " must not be empty");
            }
            dims[rank++] = length;
            if (node instanceof double[]) {
                break;
            }
            Object first = ((Object[]) node)[0];
            path = path + "[0]";
            if (first == null) {
                boolean rows = node instanceof double[][];
                throw new InvalidRequestException(path, describe(field, path, rank, rows ? 2 : -1)
                        + (rows ? " must be an array of numbers, not null" : " must be an array, not null"));
            }
            node = first;
        }
        int[] shape = Arrays.copyOf(dims, rank);
        double[] values = new double[sizeOf(field, shape)];
        copy(field, field, nested, 0, shape, values, 0);
        return new Nested(shape, values);
    }

    private static int sizeOf(String field, int[] dims) {
        long size = 1;
        for (int d : dims) {
            size *= d;
            if (size > Integer.MAX_VALUE - 8) {
                throw new LimitExceededException(field, field + " has more elements than one array can hold");
            }
        }
        return (int) size;
    }

    /** Copies the values under one node (depth {@code depth}, at {@code offset}), checking it against the shape. */
    private static int copy(String field, String path, Object node, int depth, int[] shape, double[] out, int offset) {
        int rank = shape.length;
        boolean leaf = depth == rank - 1;
        if (leaf) {
            if (!(node instanceof double[] d)) {
                throw new InvalidRequestException(path, describe(field, path, depth, rank) + " is nested deeper than "
                        + firstPath(field, depth) + ": every element along an axis must have the same depth (rank " + rank + ")");
            }
            if (d.length != shape[depth]) {
                throw lengthMismatch(field, path, depth, d.length, shape, "values");
            }
            for (int i = 0; i < d.length; i++) {
                if (!Double.isFinite(d[i])) {
                    throw new InvalidRequestException(path + "[" + i + "]", "must be a finite number within double range");
                }
            }
            System.arraycopy(d, 0, out, offset, d.length);
            return offset + d.length;
        }
        if (!(node instanceof Object[] children)) {
            throw new InvalidRequestException(path, describe(field, path, depth, rank) + " is not as deeply nested as "
                    + firstPath(field, depth) + ": every element along an axis must have the same depth (rank " + rank + ")");
        }
        if (children.length != shape[depth]) {
            throw lengthMismatch(field, path, depth, children.length, shape, "entries");
        }
        for (int i = 0; i < children.length; i++) {
            String child = path + "[" + i + "]";
            if (children[i] == null) {
                throw new InvalidRequestException(child, describe(field, child, depth + 1, rank)
                        + (depth + 1 == rank - 1 ? " must be an array of numbers, not null" : " must be an array, not null"));
            }
            offset = copy(field, child, children[i], depth + 1, shape, out, offset);
        }
        return offset;
    }

    private static InvalidRequestException lengthMismatch(String field, String path, int depth, int length, int[] shape,
            String unit) {
        String first = firstPath(field, depth);
        if (shape.length == 2 && depth == 1) {
            // the v1 wording of images: "row 2 has 4 values; row 0 has 7"
            return new InvalidRequestException(path, describe(field, path, depth, 2) + " has " + length + " " + unit + "; row 0 has "
                    + shape[depth]);
        }
        String counted = length != 1 ? unit : unit.equals("entries") ? "entry" : "value";
        return new InvalidRequestException(path, path + " has " + length + " " + counted + " along axis " + depth + "; " + first + " has "
                + shape[depth]);
    }

    /** The first element at a depth: {@code input[0][0]}. */
    private static String firstPath(String field, int depth) {
        return field + "[0]".repeat(depth);
    }

    /** How messages name an element: "row 2" for the rows of a 2D array (rank 2, or −1 when unknown), else its path. */
    private static String describe(String field, String path, int depth, int rank) {
        if (depth == 1 && rank == 2) {
            return "row " + path.substring(field.length() + 1, path.length() - 1);
        }
        return path;
    }

    public int rank() {
        return shape.rank();
    }

    public int size() {
        return values.length;
    }

    /** The value at a flat (row-major) index. */
    public double at(int flat) {
        return values[flat];
    }

    /** True when every value is an integer ({@code 3.0} counts). */
    public boolean allIntegers() {
        for (double v : values) {
            if (v != Math.rint(v)) {
                return false;
            }
        }
        return true;
    }

    public double maxAbs() {
        double m = 0;
        for (double v : values) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Grid g && g.shape.equals(shape) && Arrays.equals(g.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * shape.hashCode() + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Grid" + shape;
    }
}
