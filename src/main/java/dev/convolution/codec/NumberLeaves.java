package dev.convolution.codec;

/**
 * A JSON text scanned by {@link JsonNumberArrays}: {@code text} is the JSON with each leaf replaced by {@code []}, {@code offsets} where each of those
 * stands in it (ascending), {@code values} the leaves' numbers in document order. A parser reading the text meets the
 * leaves in this order, so {@link #take} is a cursor.
 */
public final class NumberLeaves {
    private final byte[] text;
    private final int length;
    private final long[] offsets;
    private final double[][] values;
    private int next;

    NumberLeaves(byte[] text, int length, long[] offsets, double[][] values) {
        this.text = text;
        this.length = length;
        this.offsets = offsets;
        this.values = values;
    }

    /** The rewritten text: bytes {@code 0 … length()-1} of this array. */
    public byte[] text() {
        return text;
    }

    public int length() {
        return length;
    }

    /** The number of leaves cut out. */
    public int count() {
        return values.length;
    }

    /** Where leaf {@code l}'s {@code []} stands in the text. */
    long offset(int l) {
        return offsets[l];
    }

    /** The numbers of leaf {@code l}, until taken. */
    double[] values(int l) {
        return values[l];
    }

    /** The numbers of the leaf whose {@code []} starts at byte {@code offset} of the text, once; null for any other array. */
    public double[] take(long offset) {
        if (next < offsets.length && offsets[next] == offset) {
            double[] v = values[next];
            values[next++] = null;
            return v;
        }
        return null;
    }

    /** True when every leaf has been taken: a reader that met a {@code []} it did not take leaves this false. */
    public boolean allTaken() {
        return next == offsets.length;
    }
}
