package dev.convolution.core.stream;

/** The input rows a streamed computation holds: row r in slot {@code r mod capacity}, each part (real, imaginary) apart. */
final class RowRing {
    private final double[][][] slots;
    private final int rowSize;

    RowRing(int capacity, int rowSize, int parts) {
        this.slots = new double[parts][capacity][];
        this.rowSize = rowSize;
    }

    int capacity() {
        return slots[0].length;
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
