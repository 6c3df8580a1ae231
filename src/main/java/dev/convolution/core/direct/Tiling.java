package dev.convolution.core.direct;

import dev.convolution.core.AxisPlan;
import dev.convolution.core.Boundary;
import dev.convolution.core.Grid;
import dev.convolution.core.Padder;
import dev.convolution.core.Plan;
import dev.convolution.core.parallel.Parallel;
import java.util.Arrays;
import java.util.List;

/**
 * How the outputs of a plan are cut into tiles, and the strip each tile reads. The axes (unit axes
 * left out) are seen as leading axes, rows and columns: a 1D problem has no leading axes and one
 * row, a 3D volume one leading axis. A tile is a band of output rows × up to 2048 columns at one
 * output position of the leading axes. For each tile the padded input it meets is copied from the
 * input into a small strip that stays in cache, the boundary rule applied on the way: one block of
 * strip rows for every tap of the leading axes (so the leading taps become taps of the one loop),
 * and with a column stride the strip's columns stored phase by phase (every stride-th column
 * together), so that for every tap the outputs of a row read consecutive strip values. The
 * {@link TileLoop} then sums all taps into the outputs with no case of its own: boundaries, stride,
 * dilation, rank and the conventions run the same interior loop.
 */
final class Tiling {
    /** A strip of this many values (256 KiB) stays in the L2 cache while a tile's taps pass over it. */
    private static final int STRIP_TARGET = 1 << 15;
    /** At most this many multiply-adds per tile, so the time budget is checked often. */
    private static final long TILE_WORK = 1L << 24;
    private static final long EXPONENT = 0x7ff0_0000_0000_0000L;
    private static final long EXPONENT_CARRY = 0x0010_0000_0000_0000L;

    private static final AxisPlan[] NO_AXES = {};
    private static final int[] NO_POSITIONS = {};

    private final double fill;
    private final AxisPlan[] lead;
    private final AxisPlan rows;
    private final AxisPlan cols;
    private final Padder.Edges[] leadEdges;
    private final Padder.Edges rowEdges;
    private final Padder.Edges colEdges;
    /** Flat distances between neighbours along each leading axis, in the input and in the output. */
    private final int[] leadIn;
    private final int[] leadOut;
    /** Output positions of the leading axes (their product), and taps of the leading axes (groups of taps). */
    private final int leadCount;
    private final int groups;
    /** Outputs per tile along the columns and the rows. */
    private final int tileCols;
    private final int tileRows;
    private final int tilesPerRow;
    private final int tilesPerColumn;
    /** Values per phase plane of a strip row, per strip row (stride × plane), and per block of one leading tap. */
    private final int plane;
    private final int width;
    private final int block;
    /** For each flattened tap (leading taps, row, column), its offset in the strip from the tile's first output. */
    private final int[] off;
    /**
     * Output rows summed in pairs: rows ur and ur + pairDistance meet strip rows pairShift kernel
     * rows apart (distance·stride = shift·dilation, the least such distance), so they share the
     * loads of the strip rows both meet.
     */
    private final int pairDistance;
    private final int pairShift;

    Tiling(Plan plan) {
        List<AxisPlan> axes = plan.nonUnitAxes();
        int r = axes.size();
        Boundary b = plan.spec().boundary();
        fill = plan.spec().fillValue();
        cols = axes.get(r - 1);
        rows = r >= 2 ? axes.get(r - 2) : AxisPlan.unit();
        lead = r > 2 ? axes.subList(0, r - 2).toArray(new AxisPlan[0]) : NO_AXES;
        rowEdges = Padder.Edges.of(rows, b);
        colEdges = Padder.Edges.of(cols, b);
        leadEdges = new Padder.Edges[lead.length];
        leadIn = new int[lead.length];
        leadOut = new int[lead.length];
        int in = rows.n() * cols.n();
        int out = rows.count() * cols.count();
        int count = 1;
        int taps = 1;
        for (int a = lead.length - 1; a >= 0; a--) {
            leadEdges[a] = Padder.Edges.of(lead[a], b);
            leadIn[a] = in;
            leadOut[a] = out;
            in *= lead[a].n();
            out *= lead[a].count();
            count *= lead[a].count();
            taps *= lead[a].taps();
        }
        leadCount = count;
        groups = taps;
        int allTaps = plan.kernelSize();
        int sc = cols.stride();
        int reach = tapOffset(cols, cols.taps() - 1);
        int rowReach = tapOffset(rows, rows.taps() - 1);
        // narrow enough that the strip holds the kernel's rows and 16 output rows besides (so a strip
        // row is copied once for many outputs), in whole blocks of 32 outputs
        long wantRows = (long) groups * (rowReach + 1 + Math.min(16, rows.count() - 1) * (long) rows.stride());
        long byStrip = ((long) STRIP_TARGET / (wantRows * sc) - reach / sc - 1) / 32 * 32;
        tileCols = (int) Math.min(cols.count(), Math.max(64, Math.min(Math.min(2048, TILE_WORK / allTaps), byStrip)));
        tilesPerRow = (cols.count() + tileCols - 1) / tileCols;
        plane = tileCols + reach / sc + 1;
        width = sc * plane;
        int byCache = (STRIP_TARGET / (groups * width) - rowReach - 1) / rows.stride() + 1;
        int byWork = (int) Math.max(1, TILE_WORK / ((long) tileCols * allTaps));
        tileRows = Math.max(1, Math.min(rows.count(), Math.min(64, Math.min(byCache, byWork))));
        tilesPerColumn = (rows.count() + tileRows - 1) / tileRows;
        block = ((tileRows - 1) * rows.stride() + rowReach + 1) * width;
        int gcd = gcd(rows.stride(), rows.dilation());
        pairDistance = rows.dilation() / gcd;
        pairShift = rows.stride() / gcd;
        off = new int[allTaps];
        int kc = cols.taps();
        int kr = rows.taps();
        for (int gi = 0; gi < groups; gi++) {
            for (int tr = 0; tr < kr; tr++) {
                for (int tc = 0; tc < kc; tc++) {
                    int d = tapOffset(cols, tc);
                    off[(gi * kr + tr) * kc + tc] = gi * block + tapOffset(rows, tr) * width + (d % sc) * plane + d / sc;
                }
            }
        }
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** How far tap t reaches past tap 0 on an axis, from the axis's one definition of input positions. */
    private static int tapOffset(AxisPlan axis, int t) {
        int j = axis.outputOfAscending(0);
        return axis.paddedPosition(j, t) - axis.paddedPosition(j, 0);
    }

    /** The padded position where the u-th output in ascending order starts. */
    private static int ascendingStart(AxisPlan axis, int u) {
        return axis.paddedPosition(axis.outputOfAscending(u), 0);
    }

    /** The number of tiles. */
    int tiles() {
        return leadCount * tilesPerColumn * tilesPerRow;
    }

    /**
     * Computes tile b: at one output position of the leading axes, ascending output rows and
     * ascending columns. Returns false when some output of the tile is not finite (checked while the
     * rows are in cache).
     */
    boolean run(TileLoop loop, Grid x, double[] g, double[] y, int b) {
        int tileCol = b % tilesPerRow;
        int rest = b / tilesPerRow;
        int tileRow = rest % tilesPerColumn;
        int leadIndex = rest / tilesPerColumn;
        // the leading axes' ascending output positions, and where their outputs go
        int[] u = lead.length == 0 ? NO_POSITIONS : new int[lead.length];
        int leadBase = 0;
        for (int a = lead.length - 1, q = leadIndex; a >= 0; a--) {
            u[a] = q % lead[a].count();
            q /= lead[a].count();
            leadBase += lead[a].outputOfAscending(u[a]) * leadOut[a];
        }
        int ur0 = tileRow * tileRows;
        int ur1 = Math.min(rows.count(), ur0 + tileRows);
        int u0 = tileCol * tileCols;
        int n = Math.min(cols.count(), u0 + tileCols) - u0;
        int stripRows = (ur1 - ur0 - 1) * rows.stride() + tapOffset(rows, rows.taps() - 1) + 1;
        double[] s = Strips.take(groups * block);
        fillBlocks(s, x, u, ascendingStart(rows, ur0), stripRows, ascendingStart(cols, u0), n);
        int countC = cols.count();
        // with reversed columns the sums go to two scratch rows first, then to their places reversed
        double[] scratch = cols.reversed() ? new double[2 * n] : null;
        int m = pairDistance;
        int step = 2 * m;
        for (int pair = ur0; pair < ur1; pair += step) {
            for (int j = 0; j < m; j++) {
                int ra = pair + j;
                if (ra >= ur1) {
                    break;
                }
                int rb = ra + m;
                int sBase = (ra - ur0) * rows.stride() * width;
                double[] dst = scratch != null ? scratch : y;
                int atA = scratch != null ? 0 : rowStart(leadBase, ra, u0);
                if (rb >= ur1) {
                    loop.sum(s, sBase, off, g, dst, atA, n);
                } else {
                    loop.sum2(s, sBase, rows.dilation() * width, pairShift, groups, rows.taps(), off, g, dst, atA,
                            scratch != null ? n : rowStart(leadBase, rb, u0), n);
                }
                if (scratch != null) {
                    store(y, leadBase + rows.outputOfAscending(ra) * countC, countC, true, u0, scratch, 0, n);
                    if (rb < ur1) {
                        store(y, leadBase + rows.outputOfAscending(rb) * countC, countC, true, u0, scratch, n, n);
                    }
                }
            }
        }
        Strips.give(s);
        long exponents = 0;
        for (int ur = ur0; ur < ur1; ur++) {
            int from = leadBase + rows.outputOfAscending(ur) * countC + (cols.reversed() ? countC - u0 - n : u0);
            for (int i = from; i < from + n; i++) {
                // the exponent field is all ones (infinity, NaN) exactly when adding 2^52 carries into the sign bit
                exponents |= (Double.doubleToRawLongBits(y[i]) & EXPONENT) + EXPONENT_CARRY;
            }
        }
        return exponents >= 0;
    }

    /** Where ascending output row ur, column u0 is stored (columns ascending). */
    private int rowStart(int leadBase, int ur, int u0) {
        return leadBase + rows.outputOfAscending(ur) * cols.count() + u0;
    }

    /**
     * Writes the sums {@code acc[from … from+n−1]} of ascending outputs u0… of one output row (whose
     * first output is at {@code base}) to their places, reversed where the columns are.
     */
    static void store(double[] y, int base, int count, boolean reversed, int u0, double[] acc, int from, int n) {
        if (!reversed) {
            System.arraycopy(acc, from, y, base + u0, n);
        } else {
            for (int i = 0; i < n; i++) {
                y[base + count - 1 - (u0 + i)] = acc[from + i];
            }
        }
    }

    /**
     * Fills one block of strip rows for every tap of the leading axes: the padded input planes the
     * tile meets at the leading output positions u.
     */
    private void fillBlocks(double[] s, Grid x, int[] u, int q0, int stripRows, int p0, int n) {
        int[] t = new int[lead.length];
        for (int gi = 0; gi < groups; gi++) {
            int inBase = 0;
            int kind = 0; // 0 input, 1 the zeros of a dilated input, 2 the fill value
            for (int a = 0; a < lead.length; a++) {
                int src = leadEdges[a].source(ascendingStart(lead[a], u[a]) + tapOffset(lead[a], t[a]));
                if (src == Boundary.FILLED) {
                    kind = 2;
                } else if (src == AxisPlan.HOLE) {
                    kind = Math.max(kind, 1);
                } else {
                    inBase += src * leadIn[a];
                }
            }
            int at = gi * block;
            if (kind == 2) {
                Arrays.fill(s, at, at + stripRows * width, fill);
            } else {
                fill(s, at, x.values(), inBase, q0, stripRows, p0, n, kind == 1);
            }
            for (int a = lead.length - 1; a >= 0; a--) {
                if (++t[a] < lead[a].taps()) {
                    break;
                }
                t[a] = 0;
            }
        }
    }

    /**
     * Copies the padded rows q0… and the padded columns p0… of one input plane ({@code v[inBase…]})
     * into the strip at {@code at}: strip row ρ, phase φ, place m holds padded position
     * (q0 + ρ, p0 + φ + stride·m).
     */
    private void fill(double[] s, int at0, double[] v, int inBase, int q0, int stripRows, int p0, int n, boolean leadHole) {
        int inCols = cols.n();
        int sc = cols.stride();
        int padded = cols.paddedLength();
        int before = cols.padBefore();
        boolean plain = cols.inputDilation() == 1;
        for (int r = 0; r < stripRows; r++) {
            int sr = rowEdges.source(q0 + r);
            int rowBase = at0 + r * width;
            if (sr == Boundary.FILLED) {
                Arrays.fill(s, rowBase, rowBase + width, fill);
                continue;
            }
            if (sr == AxisPlan.HOLE || leadHole) {
                holeRow(s, rowBase, p0);
                continue;
            }
            int inRow = inBase + sr * inCols;
            for (int phase = 0; phase < sc; phase++) {
                int at = rowBase + phase * plane;
                int first = p0 + phase;
                int m = 0;
                if (plain) {
                    // before the input: the boundary rule
                    for (; m < plane && first + m * sc < before; m++) {
                        int c = colEdges.before()[first + m * sc];
                        s[at + m] = c == Boundary.FILLED ? fill : v[inRow + c];
                    }
                    // the input itself
                    int interiorEnd = Math.min(plane, Math.max(m, ceilDiv(before + inCols - first, sc)));
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
                for (; m < plane; m++) {
                    int q = first + m * sc;
                    if (q >= padded) {
                        Arrays.fill(s, at + m, at + plane, 0.0);
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
     * axis wins, as in {@link dev.convolution.core.Padder}).
     */
    private void holeRow(double[] s, int rowBase, int p0) {
        Arrays.fill(s, rowBase, rowBase + width, 0.0);
        if (fill == 0.0 || !cols.padsAnything()) {
            return;
        }
        int sc = cols.stride();
        int padded = cols.paddedLength();
        for (int phase = 0; phase < sc; phase++) {
            int at = rowBase + phase * plane;
            for (int m = 0; m < plane; m++) {
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

    private static int ceilDiv(int a, int b) {
        return a <= 0 ? 0 : (a + b - 1) / b;
    }

    /**
     * Strip buffers: the pool's worker threads keep theirs from tile to tile (the pool is bounded, so
     * this is a few hundred KiB per core); other threads, which run only small jobs, allocate.
     */
    private static final class Strips {
        private static final ThreadLocal<double[]> KEPT = new ThreadLocal<>();
        private static final int KEEP_LIMIT = 1 << 18;

        private Strips() {
        }

        static double[] take(int size) {
            if (Parallel.inPool()) {
                double[] s = KEPT.get();
                if (s != null && s.length >= size) {
                    KEPT.remove();
                    return s;
                }
            }
            return new double[size];
        }

        static void give(double[] s) {
            if (s.length <= KEEP_LIMIT && Parallel.inPool()) {
                KEPT.set(s);
            }
        }
    }
}
