package dev.convolution.core.operand;

import dev.convolution.core.AxisPlan;
import dev.convolution.core.Boundary;
import dev.convolution.core.Grid;
import dev.convolution.core.Plan;
import java.util.Arrays;

/** Builds the padded input of a plan, taking every outside value from the boundary rule. */
public final class Padder {
    private Padder() {
    }

    /** The padded input, the padded lengths of every axis, row-major. */
    public static double[] pad(Plan plan, Grid x) {
        double[] xp = new double[Math.toIntExact(paddedSize(plan))];
        padInto(plan, x, xp, 0);
        return xp;
    }

    /**
     * {@link #pad(Plan, Grid)} written into {@code out} from {@code at} (a set of inputs padded one after another in one
     * array), where {@code out} holds zeros (a new array): the holes of a dilated input are not written.
     */
    public static void padInto(Plan plan, Grid x, double[] out, int at) {
        padInto(plan, x.values(), 0, out, at);
    }

    /**
     * {@link #padInto(Plan, Grid, double[], int)} of the input held row-major in {@code x} from {@code xAt} (one block of a
     * larger array, as a layer's tensor holds its channels).
     */
    public static void padInto(Plan plan, double[] x, int xAt, double[] out, int at) {
        double fill = plan.spec().fillValue();
        rows(plan, at, (last, from, base) -> last.copyRow(x, xAt + from, out, base, fill), (from, to) -> Arrays.fill(out, from, to, fill));
    }

    /** {@link #pad(Plan, Grid)} for float32 data: the padded input in floats, x holding the input's values row-major. */
    public static float[] pad(Plan plan, float[] x) {
        float[] xp = new float[Math.toIntExact(paddedSize(plan))];
        padInto(plan, x, xp, 0);
        return xp;
    }

    /** Elements of the plan's padded input. */
    public static long paddedSize(Plan plan) {
        long total = 1;
        for (AxisPlan a : plan.axes()) {
            total *= a.paddedLength();
        }
        return total;
    }

    /**
     * {@link #pad(Plan, float[])} written into {@code out} from {@code at} (a set of inputs padded one after another in
     * one array), where {@code out} holds zeros (a new array): the holes of a dilated input are not written.
     */
    public static void padInto(Plan plan, float[] x, float[] out, int at) {
        float fill = (float) plan.spec().fillValue();
        rows(plan, at, (last, from, base) -> last.copyRow(x, from, out, base, fill), (from, to) -> Arrays.fill(out, from, to, fill));
    }

    /**
     * {@link #padInto(Plan, float[], float[], int)} of float32 values held as doubles, row-major in {@code x} from {@code
     * xAt} (one block of a layer's tensor): each rounded to float as it is copied (exactly, for values that are floats).
     */
    public static void padInto(Plan plan, double[] x, int xAt, float[] out, int at) {
        float fill = (float) plan.spec().fillValue();
        rows(plan, at, (last, from, base) -> last.copyRow(x, xAt + from, out, base, fill), (from, to) -> Arrays.fill(out, from, to, fill));
    }

    /**
     * The padded rows {@code fromRow … toRow−1} of {@link #padInto(Plan, double[], int, float[], int)} (a padded row: one
     * position on every axis but the last, row-major), written one after another into {@code out} from {@code at}: a band
     * of the padded input, for sums that pad the rows they read just before reading them. Holes of a dilated input are
     * not written, as there.
     */
    public static void padRowsInto(Plan plan, double[] x, int xAt, float[] out, int at, int fromRow, int toRow) {
        float fill = (float) plan.spec().fillValue();
        rows(plan, at, fromRow, toRow, (last, from, base) -> last.copyRow(x, xAt + from, out, base, fill),
                (from, to) -> Arrays.fill(out, from, to, fill));
    }

    /** Writes a padded row at {@code base} from the input row whose first element is {@code from} (row-major). */
    private interface RowCopy {
        void copy(PaddedAxis last, int from, int base);
    }

    /** Writes the fill value at positions {@code from … to−1}. */
    private interface Fill {
        void fill(int from, int to);
    }

    /**
     * Every row of the plan's padded input, from {@code at} in the output, one after another: an input row, the fill
     * value, or (between a dilated input's rows) holes, which are not written.
     */
    private static void rows(Plan plan, int at, RowCopy input, Fill fill) {
        rows(plan, at, 0, Integer.MAX_VALUE, input, fill);
    }

    /** {@link #rows(Plan, int, RowCopy, Fill)} for the padded rows {@code fromRow … toRow−1} only, the first at {@code at}. */
    private static void rows(Plan plan, int at, int fromRow, int toRow, RowCopy input, Fill fill) {
        int rank = plan.rank();
        Boundary b = plan.spec().boundary();
        boolean filled = plan.spec().fillValue() != 0;
        PaddedAxis[] axes = new PaddedAxis[rank];
        int[] inStrides = new int[rank];
        long total = 1;
        for (int a = rank - 1, stride = 1; a >= 0; a--) {
            axes[a] = PaddedAxis.of(plan.axis(a), b);
            total *= plan.axis(a).paddedLength();
            inStrides[a] = stride;
            stride *= plan.axis(a).n();
        }
        PaddedAxis last = axes[rank - 1];
        int width = last.axis().paddedLength();
        int count = (int) Math.min(total / width, toRow);
        int[] q = new int[rank - 1]; // padded position on every axis but the last (an odometer), from fromRow
        for (int a = rank - 2, rest = fromRow; a >= 0; a--) {
            q[a] = rest % plan.axis(a).paddedLength();
            rest /= plan.axis(a).paddedLength();
        }
        for (int row = fromRow; row < count; row++) {
            int base = at + (row - fromRow) * width;
            PaddedSource source = PaddedSource.of(axes, rank - 1, q, inStrides);
            switch (source.kind()) {
                case INPUT -> input.copy(last, source.offset(), base);
                case FILL -> fill.fill(base, base + width);
                case ZERO -> {
                    // between the elements of a dilated input on a leading axis: 0, but outside the input wins
                    if (filled) {
                        for (int c = 0; c < width; c++) {
                            if (last.source(c) == Boundary.FILLED) {
                                fill.fill(base + c, base + c + 1);
                            }
                        }
                    }
                }
            }
            for (int a = rank - 2; a >= 0; a--) {
                if (++q[a] < plan.axis(a).paddedLength()) {
                    break;
                }
                q[a] = 0;
            }
        }
    }

    /** True when every value the padding takes is an integer (the fill value, where it is used). */
    public static boolean paddingIsInteger(Plan plan) {
        double f = plan.spec().fillValue();
        return !fillUsed(plan) || f == Math.rint(f);
    }

    /** True when some padded position takes the fill value. */
    public static boolean fillUsed(Plan plan) {
        if (plan.spec().boundary() != Boundary.FILL) {
            return false;
        }
        for (AxisPlan a : plan.axes()) {
            if (a.padBefore() > 0 || a.padAfter() > 0) {
                return true;
            }
        }
        return false;
    }
}
