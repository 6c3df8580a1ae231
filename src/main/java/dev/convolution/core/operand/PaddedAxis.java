package dev.convolution.core.operand;

import dev.convolution.core.AxisPlan;
import dev.convolution.core.Boundary;

/**
 * Where the padded positions of one axis take their values: the input positions (or {@link Boundary#FILLED}) the
 * padding before and after the input takes, from the boundary rule, computed once; inside, the input itself (with
 * {@link AxisPlan#HOLE} between the elements of a dilated input).
 */
public record PaddedAxis(AxisPlan axis, int[] before, int[] after) {
    public static PaddedAxis of(AxisPlan axis, Boundary b) {
        int[] before = new int[axis.padBefore()];
        for (int i = 0; i < before.length; i++) {
            before[i] = axis.source((long) i - axis.padBefore(), b);
        }
        int[] after = new int[axis.padAfter()];
        for (int i = 0; i < after.length; i++) {
            after[i] = axis.source((long) axis.extent() + i, b);
        }
        return new PaddedAxis(axis, before, after);
    }

    /** The input position padded position q takes, {@link Boundary#FILLED} or {@link AxisPlan#HOLE}. */
    public int source(int q) {
        int p = q - axis.padBefore();
        if (p < 0) {
            return before[q];
        }
        if (p >= axis.extent()) {
            return after[p - axis.extent()];
        }
        return axis.elementAt(p);
    }

    /** Writes the padded row of an input row ({@code v[from…]}) to {@code out[at…]}, this axis being the last. */
    void copyRow(double[] v, int from, double[] out, int at, double fill) {
        int before = axis.padBefore();
        for (int c = 0; c < before; c++) {
            out[at + c] = value(this.before[c], v, from, fill);
        }
        if (axis.inputDilation() == 1) {
            // the input row itself is one copy; only the padding goes through the boundary rule
            System.arraycopy(v, from, out, at + before, axis.n());
        } else {
            for (int i = 0; i < axis.n(); i++) {
                out[at + before + (int) axis.elementPosition(i)] = v[from + i];
            }
        }
        int end = before + axis.extent();
        for (int c = 0; c < after.length; c++) {
            out[at + end + c] = value(after[c], v, from, fill);
        }
    }

    /** {@link #copyRow(double[], int, double[], int, double)} for float32 data. */
    void copyRow(float[] v, int from, float[] out, int at, float fill) {
        int before = axis.padBefore();
        for (int c = 0; c < before; c++) {
            int source = this.before[c];
            out[at + c] = source == Boundary.FILLED ? fill : source == AxisPlan.HOLE ? 0 : v[from + source];
        }
        if (axis.inputDilation() == 1) {
            System.arraycopy(v, from, out, at + before, axis.n());
        } else {
            for (int i = 0; i < axis.n(); i++) {
                out[at + before + (int) axis.elementPosition(i)] = v[from + i];
            }
        }
        int end = before + axis.extent();
        for (int c = 0; c < after.length; c++) {
            int source = after[c];
            out[at + end + c] = source == Boundary.FILLED ? fill : source == AxisPlan.HOLE ? 0 : v[from + source];
        }
    }

    /** {@link #copyRow(float[], int, float[], int, float)} from float32 values held as doubles, each rounded to float. */
    void copyRow(double[] v, int from, float[] out, int at, float fill) {
        int before = axis.padBefore();
        for (int c = 0; c < before; c++) {
            out[at + c] = (float) value(this.before[c], v, from, fill);
        }
        if (axis.inputDilation() == 1) {
            for (int i = 0, n = axis.n(); i < n; i++) {
                out[at + before + i] = (float) v[from + i];
            }
        } else {
            for (int i = 0; i < axis.n(); i++) {
                out[at + before + (int) axis.elementPosition(i)] = (float) v[from + i];
            }
        }
        int end = before + axis.extent();
        for (int c = 0; c < after.length; c++) {
            out[at + end + c] = (float) value(after[c], v, from, fill);
        }
    }

    private static double value(int source, double[] v, int from, double fill) {
        return source == Boundary.FILLED ? fill : source == AxisPlan.HOLE ? 0 : v[from + source];
    }
}
