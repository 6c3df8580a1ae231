package dev.convolution.api.wire;

import dev.convolution.codec.NpyArray;
import java.util.Arrays;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * An array that came as a {@code .npy} part of a multipart body: the multipart reader puts it in the request's JSON
 * tree as an embedded value in the place of the field, so the record is built by the same readers as from JSON. Here
 * its rank is held to what the field takes, and it is given the form a JSON array of that field would have.
 */
public final class EmbeddedArray {
    private EmbeddedArray() {
    }

    /** The part's array when the parser stands on one, its rank checked; null when the value is JSON. */
    public static NpyArray of(JsonParser p, int minRank, int maxRank) {
        if (p.currentToken() != JsonToken.VALUE_EMBEDDED_OBJECT || !(p.getEmbeddedObject() instanceof NpyArray a)) {
            return null;
        }
        int rank = a.shape().length;
        if (rank < minRank || rank > maxRank) {
            String field = p.currentName();
            throw new WireValueException(p, "the part '" + field + "' holds an array of rank " + rank + " (shape "
                    + Arrays.toString(a.shape()) + "); " + field + " takes rank " + (minRank == maxRank ? String.valueOf(minRank)
                    : minRank + " to " + maxRank));
        }
        return a;
    }

    /** A rank-2 array as rows. */
    public static double[][] rows(NpyArray a) {
        return rows(a.values(), a.shape()[0], a.shape()[1]);
    }

    /** Row-major values as rows. */
    public static double[][] rows(double[] values, int rows, int cols) {
        double[][] out = new double[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = Arrays.copyOfRange(values, r * cols, r * cols + cols);
        }
        return out;
    }

    /** Row-major values as the nested form JSON gives: {@code double[]} leaves under {@code Object[]} nodes. */
    static Object nested(NpyArray a) {
        return nested(a.values(), a.shape(), 0, 0);
    }

    /** Row-major values of this shape in the nested form (a complex part's imaginary parts). */
    static Object nested(double[] values, int[] shape) {
        return nested(values, shape, 0, 0);
    }

    private static Object nested(double[] values, int[] shape, int depth, int offset) {
        if (depth == shape.length - 1) {
            return Arrays.copyOfRange(values, offset, offset + shape[depth]);
        }
        int stride = 1;
        for (int a = depth + 1; a < shape.length; a++) {
            stride *= shape[a];
        }
        Object[] children = new Object[shape[depth]];
        for (int i = 0; i < children.length; i++) {
            children[i] = nested(values, shape, depth + 1, offset + i * stride);
        }
        return children;
    }
}
