package dev.convolution.core;

import dev.convolution.core.error.InvalidRequestException;
import dev.convolution.core.error.LimitExceededException;
import java.util.Arrays;

/**
 * A 1D or 2D array of doubles, row-major. A 1D array of length n is held as one row
 * ({@code rows = 1}) and reports {@code rank = 1}.
 *
 * <p>For speed the values array is not copied: whoever builds a grid hands over its array and
 * must not change it afterwards.
 */
public record Grid(int rank, int rows, int cols, double[] values) {

    public Grid {
        if (rank != 1 && rank != 2) {
            throw new IllegalArgumentException("rank must be 1 or 2");
        }
        if (rows < 1 || cols < 1 || (rank == 1 && rows != 1) || (long) rows * cols != values.length) {
            throw new IllegalArgumentException("shape does not match the values");
        }
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
        if (values.length == 0) {
            throw new InvalidRequestException(field, field + " must not be empty");
        }
        requireFinite(field, values, -1);
        return new Grid(1, 1, values.length, values);
    }

    /**
     * A 2D grid from rectangular rows; every value must be finite.
     *
     * @param field the request field the rows came from, for messages
     */
    public static Grid ofImage(String field, double[][] rowsIn) {
        if (rowsIn == null) {
            throw new InvalidRequestException(field, field + " is required");
        }
        if (rowsIn.length == 0) {
            throw new InvalidRequestException(field, field + " must have at least one row");
        }
        for (int r = 0; r < rowsIn.length; r++) {
            if (rowsIn[r] == null) {
                throw new InvalidRequestException(field + "[" + r + "]", "row " + r + " must be an array of numbers, not null");
            }
        }
        int cols = rowsIn[0].length;
        if (cols == 0) {
            throw new InvalidRequestException(field + "[0]", "row 0 must not be empty");
        }
        for (int r = 1; r < rowsIn.length; r++) {
            if (rowsIn[r].length != cols) {
                throw new InvalidRequestException(field + "[" + r + "]",
                        "row " + r + " has " + rowsIn[r].length + " values; row 0 has " + cols);
            }
        }
        long size = (long) rowsIn.length * cols;
        if (size > Integer.MAX_VALUE - 8) {
            throw new LimitExceededException(field, field + " has " + size + " elements, more than one array can hold");
        }
        double[] values = new double[(int) size];
        for (int r = 0; r < rowsIn.length; r++) {
            requireFinite(field, rowsIn[r], r);
            System.arraycopy(rowsIn[r], 0, values, r * cols, cols);
        }
        return new Grid(2, rowsIn.length, cols, values);
    }

    private static void requireFinite(String field, double[] values, int row) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                String path = row < 0 ? field + "[" + i + "]" : field + "[" + row + "][" + i + "]";
                throw new InvalidRequestException(path, "must be a finite number within double range");
            }
        }
    }

    public int size() {
        return values.length;
    }

    public double at(int r, int c) {
        return values[r * cols + c];
    }

    /** The shape as the client sees it: {@code [n]} or {@code [rows, cols]}. */
    public int[] shape() {
        return rank == 1 ? new int[] {cols} : new int[] {rows, cols};
    }

    /** The rows as nested arrays, for 2D results. */
    public double[][] toRows() {
        double[][] out = new double[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = Arrays.copyOfRange(values, r * cols, (r + 1) * cols);
        }
        return out;
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
        return o instanceof Grid g && g.rank == rank && g.rows == rows && g.cols == cols && Arrays.equals(g.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Grid" + Arrays.toString(shape());
    }
}
