package dev.convolution.core.direct;

import dev.convolution.core.AxisPlan;
import dev.convolution.core.Boundary;
import dev.convolution.core.Grid;
import dev.convolution.core.operand.PaddedAxis;
import dev.convolution.core.operand.PaddedSource;
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
 * dilation, rank and the conventions run the same interior loop. A tile whose taps all meet input elements (no
 * padding on any axis: most tiles of a large input) skips the strip and the loop reads the input in place, with tap
 * offsets at the input's pitches; the tiles are cut so that each lies wholly inside that interior or wholly outside.
 */
final class Tiling {
    /** A strip of this many values (256 KiB) stays in the L2 cache while a tile's taps pass over it. */
    private static final int STRIP_TARGET = 1 << 15;
    /** At most this many multiply-adds per tile, so the time budget is checked often. */
    private static final long TILE_WORK = 1L << 24;

    /**
     * The input is read in place only by kernels of at most this many rows (leading taps included): more rows of an input
     * whose pitch is a power of two fall into the same sets of the L1 cache and evict each other (measured: W4's 15 rows
     * and W7's 25 ran 25% and 60% slower in place than from the strip, whose pitch is not a power of two).
     */
    static final int IN_PLACE_ROWS = 4;
    /** The input is read in place only in jobs of at least this many multiply-adds (cutting a tiny job at its interior costs more than it saves). */
    static final long IN_PLACE_WORK = 1L << 16;

    private static final AxisPlan[] NO_AXES = {};
    private static final int[] NO_POSITIONS = {};

    private final double fill;
    private final AxisPlan[] lead;
    private final AxisPlan rows;
    private final AxisPlan cols;
    private final PaddedAxis[] leadEdges;
    private final PaddedAxis rowEdges;
    private final PaddedAxis colEdges;
    /** Flat distances between neighbours along each leading axis, in the input and in the output. */
    private final int[] leadIn;
    private final int[] leadOut;
    /** Output positions of the leading axes (their product), and taps of the leading axes (groups of taps). */
    private final int leadCount;
    private final int groups;
    /** Outputs per tile along the columns and the rows (at most). */
    private final int tileCols;
    private final int tileRows;
    private final int tilesPerRow;
    private final int tilesPerColumn;
    /**
     * Where the tiles start along the rows and the columns (ascending outputs; the last entry is the count) when the
     * input is read in place: the outputs before the interior, the interior and the outputs after it are cut
     * separately, so that a tile lies wholly in the interior or wholly outside it. Null otherwise: tiles of tileRows ×
     * tileCols from the first output on.
     */
    private final int[] rowCuts;
    private final int[] colCuts;
    /**
     * True when a tile whose taps all meet input elements reads the input in place instead of a strip: every axis
     * undilated and the columns of stride 1 (the loop reads consecutive values).
     */
    private final boolean inPlace;
    /** The interior of each axis: ascending outputs whose taps all meet input elements ({@link AxisPlan#interiorFrom}). */
    private final int rowLo;
    private final int rowHi;
    private final int colLo;
    private final int colHi;
    private final int[] leadLo;
    private final int[] leadHi;
    /** For each flattened tap, its offset in the input from the input element tap 0 of the tile's first output meets. */
    private final int[] inputOff;
    /** Values per phase plane of a strip row, per strip row (stride × plane), and per block of one leading tap. */
    private final int plane;
    /** The places of a phase plane the taps reach past a tile's last output. */
    private final int planeReach;
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
        rowEdges = PaddedAxis.of(rows, b);
        colEdges = PaddedAxis.of(cols, b);
        leadEdges = new PaddedAxis[lead.length];
        leadIn = new int[lead.length];
        leadOut = new int[lead.length];
        int in = rows.n() * cols.n();
        int out = rows.count() * cols.count();
        int count = 1;
        int taps = 1;
        for (int a = lead.length - 1; a >= 0; a--) {
            leadEdges[a] = PaddedAxis.of(lead[a], b);
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
        int reach = cols.tapOffset(cols.taps() - 1);
        int rowReach = rows.tapOffset(rows.taps() - 1);
        // narrow enough that the strip holds the kernel's rows and 16 output rows besides (so a strip
        // row is copied once for many outputs), in whole blocks of 32 outputs
        long wantRows = (long) groups * (rowReach + 1 + Math.min(16, rows.count() - 1) * (long) rows.stride());
        long byStrip = ((long) STRIP_TARGET / (wantRows * sc) - reach / sc - 1) / 32 * 32;
        tileCols = (int) Math.min(cols.count(), Math.max(64, Math.min(Math.min(2048, TILE_WORK / allTaps), byStrip)));
        boolean undilated = true;
        for (AxisPlan a : axes) {
            undilated &= a.inputDilation() == 1;
        }
        inPlace = undilated && cols.stride() == 1 && groups * rows.taps() <= IN_PLACE_ROWS
                && (long) plan.outputSize() * allTaps >= IN_PLACE_WORK;
        colLo = inPlace ? cols.interiorFrom() : 0;
        colHi = inPlace ? cols.interiorTo() : 0;
        colCuts = inPlace ? cuts(cols.count(), colLo, colHi, tileCols) : null;
        tilesPerRow = inPlace ? colCuts.length - 1 : (cols.count() + tileCols - 1) / tileCols;
        planeReach = reach / sc;
        plane = tileCols + planeReach + 1;
        width = sc * plane;
        int byCache = (STRIP_TARGET / (groups * width) - rowReach - 1) / rows.stride() + 1;
        int byWork = (int) Math.max(1, TILE_WORK / ((long) tileCols * allTaps));
        tileRows = Math.max(1, Math.min(rows.count(), Math.min(64, Math.min(byCache, byWork))));
        rowLo = inPlace ? rows.interiorFrom() : 0;
        rowHi = inPlace ? rows.interiorTo() : 0;
        rowCuts = inPlace ? cuts(rows.count(), rowLo, rowHi, tileRows) : null;
        tilesPerColumn = inPlace ? rowCuts.length - 1 : (rows.count() + tileRows - 1) / tileRows;
        leadLo = inPlace && lead.length > 0 ? new int[lead.length] : NO_POSITIONS;
        leadHi = inPlace && lead.length > 0 ? new int[lead.length] : NO_POSITIONS;
        for (int a = 0; a < leadLo.length; a++) {
            leadLo[a] = lead[a].interiorFrom();
            leadHi[a] = lead[a].interiorTo();
        }
        block = ((tileRows - 1) * rows.stride() + rowReach + 1) * width;
        int gcd = gcd(rows.stride(), rows.dilation());
        pairDistance = rows.dilation() / gcd;
        pairShift = rows.stride() / gcd;
        off = new int[allTaps];
        inputOff = inPlace ? new int[allTaps] : null;
        int kc = cols.taps();
        int kr = rows.taps();
        int[] t = new int[lead.length];
        for (int gi = 0; gi < groups; gi++) {
            int leadTaps = 0;
            for (int a = 0; a < lead.length; a++) {
                leadTaps += lead[a].tapOffset(t[a]) * leadIn[a];
            }
            for (int tr = 0; tr < kr; tr++) {
                for (int tc = 0; tc < kc; tc++) {
                    int d = cols.tapOffset(tc);
                    off[(gi * kr + tr) * kc + tc] = gi * block + rows.tapOffset(tr) * width + (d % sc) * plane + d / sc;
                    if (inPlace) {
                        inputOff[(gi * kr + tr) * kc + tc] = leadTaps + rows.tapOffset(tr) * cols.n() + d;
                    }
                }
            }
            next(t);
        }
    }

    /** The next multi-index of leading taps, the last axis fastest (the order of the groups of taps). */
    private void next(int[] t) {
        for (int a = lead.length - 1; a >= 0; a--) {
            if (++t[a] < lead[a].taps()) {
                return;
            }
            t[a] = 0;
        }
    }

    /**
     * Tile starts along an axis of {@code count} outputs: {@code [0, lo)}, {@code [lo, hi)} and {@code [hi, count)} each
     * cut into pieces of at most {@code size}; the last entry is {@code count}.
     */
    static int[] cuts(int count, int lo, int hi, int size) {
        int[] bounds = {0, Math.max(0, Math.min(lo, count)), Math.max(0, Math.min(Math.max(lo, hi), count)), count};
        int pieces = 0;
        for (int i = 0; i < 3; i++) {
            pieces += (bounds[i + 1] - bounds[i] + size - 1) / size;
        }
        int[] starts = new int[pieces + 1];
        int k = 0;
        for (int i = 0; i < 3; i++) {
            for (int at = bounds[i]; at < bounds[i + 1]; at += size) {
                starts[k++] = at;
            }
        }
        starts[k] = count;
        return starts;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
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
        int ur0 = rowCuts != null ? rowCuts[tileRow] : tileRow * tileRows;
        int ur1 = rowCuts != null ? rowCuts[tileRow + 1] : Math.min(rows.count(), ur0 + tileRows);
        int u0 = colCuts != null ? colCuts[tileCol] : tileCol * tileCols;
        int n = (colCuts != null ? colCuts[tileCol + 1] : Math.min(cols.count(), u0 + tileCols)) - u0;
        // the values the loop reads: the input itself where every tap meets an input element, a strip otherwise
        boolean interior = interior(u, ur0, ur1, u0, n);
        double[] s;
        int[] offsets;
        int pitch;
        int first;
        if (interior) {
            s = x.values();
            offsets = inputOff;
            pitch = cols.n();
            first = inputStart(rows, ur0) * pitch + inputStart(cols, u0);
            for (int a = 0; a < lead.length; a++) {
                first += inputStart(lead[a], u[a]) * leadIn[a];
            }
        } else {
            int stripRows = (ur1 - ur0 - 1) * rows.stride() + rows.tapOffset(rows.taps() - 1) + 1;
            s = Strips.take(groups * block);
            fillBlocks(s, x, u, ascendingStart(rows, ur0), stripRows, ascendingStart(cols, u0), n);
            offsets = off;
            pitch = width;
            first = 0;
        }
        int countC = cols.count();
        if (ur1 - ur0 == 1 && !cols.reversed()) {
            loop.sum(s, first, offsets, g, y, rowStart(leadBase, ur0, u0), n); // one row: nothing to share
        } else {
            TileRows band = new TileRows(ur1 - ur0, rows.stride() * pitch, rows.dilation() * pitch, pairDistance, pairShift,
                    groups, rows.taps());
            if (!cols.reversed()) {
                loop.sumRows(s, first, band, offsets, g, y, rowStart(leadBase, ur0, u0), rows.reversed() ? -countC : countC, n);
            } else {
                // reversed columns: the sums go to a scratch tile first, then row by row to their places reversed
                double[] scratch = new double[(ur1 - ur0) * n];
                loop.sumRows(s, first, band, offsets, g, scratch, 0, n, n);
                for (int ur = ur0; ur < ur1; ur++) {
                    store(y, leadBase + rows.outputOfAscending(ur) * countC, countC, true, u0, scratch, (ur - ur0) * n, n);
                }
            }
        }
        if (!interior) {
            Strips.give(s);
        }
        boolean finite = true;
        for (int ur = ur0; ur < ur1; ur++) {
            finite &= loop.allFinite(y, leadBase + rows.outputOfAscending(ur) * countC + (cols.reversed() ? countC - u0 - n : u0), n);
        }
        return finite;
    }

    /** True when every tap of the tile's outputs meets an input element (on every axis), so the input is read in place. */
    private boolean interior(int[] u, int ur0, int ur1, int u0, int n) {
        if (!inPlace || ur0 < rowLo || ur1 > rowHi || u0 < colLo || u0 + n > colHi) {
            return false;
        }
        for (int a = 0; a < lead.length; a++) {
            if (u[a] < leadLo[a] || u[a] >= leadHi[a]) {
                return false;
            }
        }
        return true;
    }

    /** The input element that tap 0 of the u-th ascending output meets on an axis ({@link AxisPlan#inputPosition}). */
    private static int inputStart(AxisPlan axis, int u) {
        return (int) axis.inputPosition(axis.outputOfAscending(u), 0);
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
        int[] q = new int[lead.length];
        for (int gi = 0; gi < groups; gi++) {
            for (int a = 0; a < lead.length; a++) {
                q[a] = ascendingStart(lead[a], u[a]) + lead[a].tapOffset(t[a]);
            }
            PaddedSource source = PaddedSource.of(leadEdges, lead.length, q, leadIn);
            int at = gi * block;
            if (source.kind() == PaddedSource.Kind.FILL) {
                for (int r = 0; r < stripRows; r++) {
                    fillRow(s, at + r * width, n, fill);
                }
            } else {
                fill(s, at, x.values(), source.offset(), q0, stripRows, p0, n, source.kind() == PaddedSource.Kind.ZERO);
            }
            next(t);
        }
    }

    /**
     * Copies the padded rows q0… and the padded columns p0… of one input plane ({@code v[inBase…]})
     * into the strip at {@code at}: strip row ρ, phase φ, place m holds padded position
     * (q0 + ρ, p0 + φ + stride·m).
     */
    private void fill(double[] s, int at0, double[] v, int inBase, int q0, int stripRows, int p0, int n, boolean leadHole) {
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
