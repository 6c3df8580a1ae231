package dev.convolution.core.stream;

/**
 * The input rows a streamed computation holds: row r in slot {@code r mod capacity}, each part (real, imaginary) apart;
 * in floats for float32 data ({@link #single}), in doubles otherwise.
 */
final class RowRing {
    private final double[][][] slots;
    private final float[][] singles;
    private final int rowSize;

    RowRing(int capacity, int rowSize, int parts, boolean single) {
        this.slots = new double[parts][single ? 0 : capacity][];
        this.singles = single ? new float[capacity][] : null;
        this.rowSize = rowSize;
    }

    /** The slot of row r of float32 data. */
    float[] single(int r) {
        int i = r % singles.length;
        if (singles[i] == null) {
            singles[i] = new float[rowSize];
        }
        return singles[i];
    }

    int capacity() {
        return singles != null ? singles.length : slots[0].length;
    }

    /** The slot of row r (allocated on first use, then reused by the rows that follow it). */
    double[] row(int r, int part) {
        double[][] s = slots[part];
        int i = r % s.length;
        if (s[i] == null) {
            s[i] = new double[rowSize];
        }
        return s[i];
    }
}
