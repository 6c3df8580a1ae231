package dev.convolution.core;

import dev.convolution.core.error.InvalidRequestException;

/**
 * A positive integer option given per axis (stride, dilation): one value for every axis, or a list
 * of one value per axis. The rule that every value is at least 1 lives here; that a list has one
 * value per axis is checked against the rank when a {@link Plan} is made.
 */
public final class PerAxis {
    private final String field;
    private final int[] values;
    private final boolean uniform;

    private PerAxis(String field, int[] values, boolean uniform) {
        this.field = field;
        this.values = values;
        this.uniform = uniform;
    }

    /**
     * One value for every axis.
     *
     * @param field the request field, for messages ({@code stride})
     */
    public static PerAxis every(String field, int value) {
        requirePositive(field, value);
        return new PerAxis(field, new int[] {value}, true);
    }

    /** One value per axis, in axis order. */
    public static PerAxis of(String field, int... values) {
        if (values.length == 0) {
            throw new InvalidRequestException(field, field + " must be an integer or a list of one integer per axis; the list is empty");
        }
        for (int a = 0; a < values.length; a++) {
            requirePositive(field + "[" + a + "]", values[a]);
        }
        return new PerAxis(field, values.clone(), false);
    }

    private static void requirePositive(String path, int v) {
        if (v < 1) {
            throw new InvalidRequestException(path, "must be an integer from 1 to " + Integer.MAX_VALUE + "; got " + v);
        }
    }

    /** The request field these values came from. */
    public String field() {
        return field;
    }

    /** True when one value stands for every axis. */
    public boolean uniform() {
        return uniform;
    }

    /** The value on axis a of an array of the given rank (checked with {@link #requireRank}). */
    public int at(int axis) {
        return uniform ? values[0] : values[axis];
    }

    /** Refuses a list whose length is not the rank, naming the field. */
    public void requireRank(int rank) {
        if (!uniform && values.length != rank) {
            throw new InvalidRequestException(field, field + " lists " + values.length + " value" + (values.length == 1 ? "" : "s")
                    + "; the input has " + rank + " ax" + (rank == 1 ? "is" : "es")
                    + " (give one integer for every axis, or one per axis)");
        }
    }

    @Override
    public String toString() {
        return uniform ? Integer.toString(values[0]) : java.util.Arrays.toString(values);
    }
}
