package dev.convolution.core.direct;

import dev.convolution.core.AxisPlan;
import dev.convolution.core.Boundary;
import dev.convolution.core.Grid;
import dev.convolution.core.Plan;
import dev.convolution.core.operand.PaddedAxis;
import dev.convolution.core.operand.PaddedSource;
import java.util.Arrays;

/**
 * Copies the padded input a tile meets into its strip ({@link TileGeometry} gives the layout), taking every value
 * outside the input from the boundary rule on the way, so that the loop that sums the strip has no case of its own.
 */
final class StripFiller {
    private final TileGeometry geometry;
    private final double fill;
    private final float fillF;
    private final AxisPlan[] lead;
    private final AxisPlan cols;
    private final PaddedAxis[] leadEdges;
    private final PaddedAxis rowEdges;
    private final PaddedAxis colEdges;
    private final int[] leadIn;
    private final int groups;
    private final int plane;
    private final int planeReach;
    private final int width;
    private final int block;

    StripFiller(Plan plan, TileGeometry geometry) {
        Boundary b = plan.spec().boundary();
        this.geometry = geometry;
        fill = plan.spec().fillValue();
        fillF = (float) fill;
        lead = geometry.lead;
        cols = geometry.cols;
        leadEdges = new PaddedAxis[lead.length];
        for (int a = 0; a < lead.length; a++) {
            leadEdges[a] = PaddedAxis.of(lead[a], b);
        }
        rowEdges = PaddedAxis.of(geometry.rows, b);
        colEdges = PaddedAxis.of(cols, b);
        leadIn = geometry.leadIn;
        groups = geometry.groups;
        plane = geometry.plane;
        planeReach = geometry.planeReach;
        width = geometry.width;
        block = geometry.block;
    }

    /**
     * Fills the strip of a tile: one block of strip rows for every tap of the leading axes, the padded input planes the
     * tile meets at its leading output positions.
     */
    void fillStrip(double[] s, Grid x, TileGeometry.Tile tile) {
        int[] u = tile.u();
        int q0 = TileGeometry.ascendingStart(geometry.rows, tile.ur0());
        int stripRows = geometry.stripRows(tile);
        int p0 = TileGeometry.ascendingStart(cols, tile.u0());
        int n = tile.n();
        int[] t = new int[lead.length];
        int[] q = new int[lead.length];
        for (int gi = 0; gi < groups; gi++) {
            for (int a = 0; a < lead.length; a++) {
                q[a] = TileGeometry.ascendingStart(lead[a], u[a]) + lead[a].tapOffset(t[a]);
            }
            PaddedSource source = PaddedSource.of(leadEdges, lead.length, q, leadIn);
            int at = gi * block;
            if (source.kind() == PaddedSource.Kind.FILL) {
                for (int r = 0; r < stripRows; r++) {
                    fillRow(s, at + r * width, n, fill);
                }
            } else {
                fillBlock(s, at, x.values(), source.offset(), q0, stripRows, p0, n, source.kind() == PaddedSource.Kind.ZERO);
            }
            geometry.nextLeadingTap(t);
        }
    }

    /**
     * Copies the padded rows q0… and the padded columns p0… of one input plane ({@code v[inBase…]})
     * into the strip at {@code at}: strip row ρ, phase φ, place m holds padded position
     * (q0 + ρ, p0 + φ + stride·m).
     */
    private void fillBlock(double[] s, int at0, double[] v, int inBase, int q0, int stripRows, int p0, int n, boolean leadHole) {
        int used = n + planeReach; // the places of each phase plane the loop reads for n outputs
        int inCols = cols.n();
        int sc = cols.stride();
        int padded = cols.paddedLength();
        int before = cols.padBefore();
        boolean plain = cols.inputDilation() == 1;
        for (int r = 0; r < stripRows; r++) {
            int sr = rowEdges.source(q0 + r);
            int rowBase = at0 + r * width;
            if (sr == Boundary.FILLED) {
                fillRow(s, rowBase, n, fill);
                continue;
            }
            if (sr == AxisPlan.HOLE || leadHole) {
                holeRow(s, rowBase, p0, n);
                continue;
            }
            int inRow = inBase + sr * inCols;
            for (int phase = 0; phase < sc; phase++) {
                int at = rowBase + phase * plane;
                int first = p0 + phase;
                int m = 0;
                if (plain) {
                    // before the input: the boundary rule
                    for (; m < used && first + m * sc < before; m++) {
                        int c = colEdges.before()[first + m * sc];
                        s[at + m] = c == Boundary.FILLED ? fill : v[inRow + c];
                    }
                    // the input itself
                    int interiorEnd = Math.min(used, Math.max(m, ceilDiv(before + inCols - first, sc)));
                    if (sc == 1) {
                        System.arraycopy(v, inRow + first + m - before, s, at + m, interiorEnd - m);
                        m = interiorEnd;
                    } else {
                        for (; m < interiorEnd; m++) {
                            s[at + m] = v[inRow + first + m * sc - before];
                        }
                    }
                }
                // after the input (or everywhere, on a dilated input): the boundary rule, up to the padded
                // length (the rest is never read)
                for (; m < used; m++) {
                    int q = first + m * sc;
                    if (q >= padded) {
                        Arrays.fill(s, at + m, at + used, 0.0);
                        break;
                    }
                    int c = colEdges.source(q);
                    s[at + m] = c == Boundary.FILLED ? fill : c == AxisPlan.HOLE ? 0.0 : v[inRow + c];
                }
            }
        }
    }

    /**
     * A strip row between the elements of a dilated input on some axis before the columns: 0, except
     * where the column lies outside the input and the boundary gives the fill value (outside on any
     * axis wins, as in {@link dev.convolution.core.operand.Padder}).
     */
    private void holeRow(double[] s, int rowBase, int p0, int n) {
        fillRow(s, rowBase, n, 0.0);
        if (fill == 0.0 || !cols.padsAnything()) {
            return;
        }
        int sc = cols.stride();
        int padded = cols.paddedLength();
        for (int phase = 0; phase < sc; phase++) {
            int at = rowBase + phase * plane;
            for (int m = 0; m < n + planeReach; m++) {
                int q = p0 + phase + m * sc;
                if (q >= padded) {
                    break;
                }
                if (colEdges.source(q) == Boundary.FILLED) {
                    s[at + m] = fill;
                }
            }
        }
    }

    /** Sets the places of every phase plane of a strip row that the loop reads for n outputs. */
    private void fillRow(double[] s, int rowBase, int n, double value) {
        for (int phase = 0; phase < cols.stride(); phase++) {
            int at = rowBase + phase * plane;
            Arrays.fill(s, at, at + n + planeReach, value);
        }
    }

    /** {@link #fillStrip(double[], Grid, TileGeometry.Tile)} for float32 data: a strip of floats from the input in floats. */
    void fillStrip(float[] s, float[] x, TileGeometry.Tile tile) {
        int[] u = tile.u();
        int q0 = TileGeometry.ascendingStart(geometry.rows, tile.ur0());
        int stripRows = geometry.stripRows(tile);
        int p0 = TileGeometry.ascendingStart(cols, tile.u0());
        int n = tile.n();
        int[] t = new int[lead.length];
        int[] q = new int[lead.length];
        for (int gi = 0; gi < groups; gi++) {
            for (int a = 0; a < lead.length; a++) {
                q[a] = TileGeometry.ascendingStart(lead[a], u[a]) + lead[a].tapOffset(t[a]);
            }
            PaddedSource source = PaddedSource.of(leadEdges, lead.length, q, leadIn);
            int at = gi * block;
            if (source.kind() == PaddedSource.Kind.FILL) {
                for (int r = 0; r < stripRows; r++) {
                    fillRow(s, at + r * width, n, fillF);
                }
            } else {
                fillBlock(s, at, x, source.offset(), q0, stripRows, p0, n, source.kind() == PaddedSource.Kind.ZERO);
            }
            geometry.nextLeadingTap(t);
        }
    }

    private void fillBlock(float[] s, int at0, float[] v, int inBase, int q0, int stripRows, int p0, int n, boolean leadHole) {
        int used = n + planeReach; // the places of each phase plane the loop reads for n outputs
        int inCols = cols.n();
        int sc = cols.stride();
        int padded = cols.paddedLength();
        int before = cols.padBefore();
        boolean plain = cols.inputDilation() == 1;
        for (int r = 0; r < stripRows; r++) {
            int sr = rowEdges.source(q0 + r);
            int rowBase = at0 + r * width;
            if (sr == Boundary.FILLED) {
                fillRow(s, rowBase, n, fillF);
                continue;
            }
            if (sr == AxisPlan.HOLE || leadHole) {
                holeRow(s, rowBase, p0, n);
                continue;
            }
            int inRow = inBase + sr * inCols;
            for (int phase = 0; phase < sc; phase++) {
                int at = rowBase + phase * plane;
                int first = p0 + phase;
                int m = 0;
                if (plain) {
                    // before the input: the boundary rule
                    for (; m < used && first + m * sc < before; m++) {
                        int c = colEdges.before()[first + m * sc];
                        s[at + m] = c == Boundary.FILLED ? fillF : v[inRow + c];
                    }
                    // the input itself
                    int interiorEnd = Math.min(used, Math.max(m, ceilDiv(before + inCols - first, sc)));
                    if (sc == 1) {
                        System.arraycopy(v, inRow + first + m - before, s, at + m, interiorEnd - m);
                        m = interiorEnd;
                    } else {
                        for (; m < interiorEnd; m++) {
                            s[at + m] = v[inRow + first + m * sc - before];
                        }
                    }
                }
                // after the input (or everywhere, on a dilated input): the boundary rule, up to the padded
                // length (the rest is never read)
                for (; m < used; m++) {
                    int q = first + m * sc;
                    if (q >= padded) {
                        Arrays.fill(s, at + m, at + used, 0.0f);
                        break;
                    }
                    int c = colEdges.source(q);
                    s[at + m] = c == Boundary.FILLED ? fillF : c == AxisPlan.HOLE ? 0.0f : v[inRow + c];
                }
            }
        }
    }

    private void holeRow(float[] s, int rowBase, int p0, int n) {
        fillRow(s, rowBase, n, 0.0f);
        if (fill == 0.0 || !cols.padsAnything()) {
            return;
        }
        int sc = cols.stride();
        int padded = cols.paddedLength();
        for (int phase = 0; phase < sc; phase++) {
            int at = rowBase + phase * plane;
            for (int m = 0; m < n + planeReach; m++) {
                int q = p0 + phase + m * sc;
                if (q >= padded) {
                    break;
                }
                if (colEdges.source(q) == Boundary.FILLED) {
                    s[at + m] = fillF;
                }
            }
        }
    }

    /** Sets the places of every phase plane of a strip row that the loop reads for n outputs. */
    private void fillRow(float[] s, int rowBase, int n, float value) {
        for (int phase = 0; phase < cols.stride(); phase++) {
            int at = rowBase + phase * plane;
            Arrays.fill(s, at, at + n + planeReach, value);
        }
    }

    private static int ceilDiv(int a, int b) {
        return a <= 0 ? 0 : (a + b - 1) / b;
    }
}
