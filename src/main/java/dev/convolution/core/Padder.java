package dev.convolution.core;

/** Builds the padded input of a plan, taking every outside value from the boundary rule. */
final class Padder {
    private Padder() {
    }

    /** The padded input, {@code rows.paddedLength × cols.paddedLength}, row-major. */
    static double[] pad(Plan plan, Grid x) {
        AxisPlan rows = plan.rows();
        AxisPlan cols = plan.cols();
        Boundary b = plan.spec().boundary();
        double fill = plan.spec().fillValue();
        int[] rowSource = sources(rows, b);
        int[] colSource = sources(cols, b);
        int width = cols.paddedLength();
        double[] xp = new double[rows.paddedLength() * width];
        double[] v = x.values();
        int n = x.cols();
        for (int r = 0; r < rowSource.length; r++) {
            int base = r * width;
            int sr = rowSource[r];
            if (sr == Boundary.FILLED) {
                java.util.Arrays.fill(xp, base, base + width, fill);
                continue;
            }
            int rowStart = sr * n;
            int before = cols.padBefore();
            // the input row itself is one copy; only the padding columns go through the boundary rule
            System.arraycopy(v, rowStart, xp, base + before, n);
            for (int c = 0; c < before; c++) {
                int sc = colSource[c];
                xp[base + c] = sc == Boundary.FILLED ? fill : v[rowStart + sc];
            }
            for (int c = before + n; c < width; c++) {
                int sc = colSource[c];
                xp[base + c] = sc == Boundary.FILLED ? fill : v[rowStart + sc];
            }
        }
        return xp;
    }

    /** For each padded position of an axis, the input position its value comes from. */
    static int[] sources(AxisPlan axis, Boundary b) {
        int[] s = new int[axis.paddedLength()];
        for (int q = 0; q < s.length; q++) {
            s[q] = b.source((long) q - axis.padBefore(), axis.n());
        }
        return s;
    }

    /** True when every value the padding takes is an integer (the fill value, where it is used). */
    static boolean paddingIsInteger(Plan plan) {
        double f = plan.spec().fillValue();
        return !fillUsed(plan) || f == Math.rint(f);
    }

    /** True when some padded position takes the fill value. */
    static boolean fillUsed(Plan plan) {
        return plan.spec().boundary() == Boundary.FILL && (plan.rows().padsAnything() || plan.cols().padsAnything());
    }
}
