package dev.convolution.core.stream;

import dev.convolution.core.AxisPlan;
import dev.convolution.core.Boundary;

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

    /**
     * Padded positions {@code p0 … p0+padded−1} of the first axis into {@code x}, a row each (real and imaginary parts
     * apart): each the row its {@link Boundary#source} names, or the fill value ({@code fill + 0i}).
     */
    void gather(AxisPlan axis, Boundary boundary, double fill, long p0, int padded, double[][] x) {
        for (int r = 0; r < padded; r++) {
            int src = boundary.source(p0 + r - axis.padBefore(), axis.n());
            for (int part = 0; part < x.length; part++) {
                if (src == Boundary.FILLED) {
                    java.util.Arrays.fill(x[part], r * rowSize, (r + 1) * rowSize, part == 0 ? fill : 0);
                } else {
                    System.arraycopy(row(src, part), 0, x[part], r * rowSize, rowSize);
                }
            }
        }
    }

    /** The same for float32 data, in floats. */
    void gather(AxisPlan axis, Boundary boundary, float fill, long p0, int padded, float[] x) {
        for (int r = 0; r < padded; r++) {
            int src = boundary.source(p0 + r - axis.padBefore(), axis.n());
            if (src == Boundary.FILLED) {
                java.util.Arrays.fill(x, r * rowSize, (r + 1) * rowSize, fill);
            } else {
                System.arraycopy(single(src), 0, x, r * rowSize, rowSize);
            }
        }
    }
}
