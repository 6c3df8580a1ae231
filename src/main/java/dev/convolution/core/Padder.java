package dev.convolution.core;

/** Builds the padded input of a plan, taking every outside value from the boundary rule. */
public final class Padder {
    private Padder() {
    }

    /** The padded input, {@code rows.paddedLength × cols.paddedLength}, row-major. */
    public static double[] pad(Plan plan, Grid x) {
        AxisPlan rows = plan.rows();
        AxisPlan cols = plan.cols();
        Boundary b = plan.spec().boundary();
        double fill = plan.spec().fillValue();
        Edges rowEdges = Edges.of(rows, b);
        Edges colEdges = Edges.of(cols, b);
        int width = cols.paddedLength();
        double[] xp = new double[rows.paddedLength() * width];
        double[] v = x.values();
        int n = x.cols();
        for (int r = 0; r < rows.paddedLength(); r++) {
            int base = r * width;
            int sr = rowEdges.source(r);
            if (sr == Boundary.FILLED) {
                java.util.Arrays.fill(xp, base, base + width, fill);
                continue;
            }
            int rowStart = sr * n;
            int before = cols.padBefore();
            // the input row itself is one copy; only the padding columns go through the boundary rule
            System.arraycopy(v, rowStart, xp, base + before, n);
            for (int c = 0; c < before; c++) {
                int sc = colEdges.source(c);
                xp[base + c] = sc == Boundary.FILLED ? fill : v[rowStart + sc];
            }
            for (int c = before + n; c < width; c++) {
                int sc = colEdges.source(c);
                xp[base + c] = sc == Boundary.FILLED ? fill : v[rowStart + sc];
            }
        }
        return xp;
    }

    /**
     * Where the padded positions of an axis take their values: the input positions (or FILLED) the
     * padding before and after the input takes, from the boundary rule; inside, the input itself.
     */
    public record Edges(AxisPlan axis, int[] before, int[] after) {
        public static Edges of(AxisPlan axis, Boundary b) {
            int[] before = new int[axis.padBefore()];
            for (int i = 0; i < before.length; i++) {
                before[i] = b.source((long) i - axis.padBefore(), axis.n());
            }
            int[] after = new int[axis.paddedLength() - axis.padBefore() - axis.n()];
            for (int i = 0; i < after.length; i++) {
                after[i] = b.source((long) axis.n() + i, axis.n());
            }
            return new Edges(axis, before, after);
        }

        /** The input position padded position q takes, or {@link Boundary#FILLED}. */
        public int source(int q) {
            int p = q - axis.padBefore();
            if (p < 0) {
                return before[q];
            }
            return p < axis.n() ? p : after[p - axis.n()];
        }
    }

    /** True when every value the padding takes is an integer (the fill value, where it is used). */
    public static boolean paddingIsInteger(Plan plan) {
        double f = plan.spec().fillValue();
        return !fillUsed(plan) || f == Math.rint(f);
    }

    /** True when some padded position takes the fill value. */
    public static boolean fillUsed(Plan plan) {
        return plan.spec().boundary() == Boundary.FILL && (plan.rows().padsAnything() || plan.cols().padsAnything());
    }
}
