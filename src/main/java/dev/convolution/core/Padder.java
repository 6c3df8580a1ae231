package dev.convolution.core;

/** Builds the padded input of a plan, taking every outside value from the boundary rule. */
public final class Padder {
    private Padder() {
    }

    /** The padded input, the padded lengths of every axis, row-major. */
    public static double[] pad(Plan plan, Grid x) {
        int rank = plan.rank();
        Boundary b = plan.spec().boundary();
        double fill = plan.spec().fillValue();
        Edges[] edges = new Edges[rank];
        long total = 1;
        for (int a = 0; a < rank; a++) {
            edges[a] = Edges.of(plan.axis(a), b);
            total *= plan.axis(a).paddedLength();
        }
        AxisPlan last = plan.axis(rank - 1);
        int width = last.paddedLength();
        double[] xp = new double[(int) total];
        double[] v = x.values();
        int[] inStrides = x.shape().strides();
        int rows = (int) (total / width);
        int[] q = new int[rank - 1]; // padded position on every axis but the last (an odometer)
        for (int row = 0; row < rows; row++) {
            int base = row * width;
            int from = 0;
            int kind = 0; // 0 input, 1 hole (zeros), 2 fill
            for (int a = 0; a < rank - 1; a++) {
                int s = edges[a].source(q[a]);
                if (s == Boundary.FILLED) {
                    kind = 2;
                } else if (s == AxisPlan.HOLE) {
                    kind = Math.max(kind, 1);
                } else {
                    from += s * inStrides[a];
                }
            }
            if (kind == 2) {
                java.util.Arrays.fill(xp, base, base + width, fill);
            } else if (kind == 0) {
                edges[rank - 1].copyRow(v, from, xp, base, fill);
            } else if (fill != 0) {
                // between the elements of a dilated input on a leading axis: 0, but outside the input wins
                for (int c = 0; c < width; c++) {
                    if (edges[rank - 1].source(c) == Boundary.FILLED) {
                        xp[base + c] = fill;
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
        return xp;
    }

    /**
     * Where the padded positions of an axis take their values: the input positions (or
     * {@link Boundary#FILLED}) the padding before and after the input takes, from the boundary rule;
     * inside, the input itself (with {@link AxisPlan#HOLE} between the elements of a dilated input).
     */
    public record Edges(AxisPlan axis, int[] before, int[] after) {
        public static Edges of(AxisPlan axis, Boundary b) {
            int[] before = new int[axis.padBefore()];
            for (int i = 0; i < before.length; i++) {
                before[i] = axis.source((long) i - axis.padBefore(), b);
            }
            int[] after = new int[axis.padAfter()];
            for (int i = 0; i < after.length; i++) {
                after[i] = axis.source((long) axis.extent() + i, b);
            }
            return new Edges(axis, before, after);
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
                    out[at + before + i * axis.inputDilation()] = v[from + i];
                }
            }
            int end = before + axis.extent();
            for (int c = 0; c < after.length; c++) {
                out[at + end + c] = value(after[c], v, from, fill);
            }
        }

        private static double value(int source, double[] v, int from, double fill) {
            return source == Boundary.FILLED ? fill : source == AxisPlan.HOLE ? 0 : v[from + source];
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
