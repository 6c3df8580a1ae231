package dev.convolution.core.direct;

import dev.convolution.core.AxisPlan;
import dev.convolution.core.Plan;
import java.util.List;

/**
 * How the outputs of a plan are cut into tiles, and where the taps of a tile read. The axes (unit axes left out) are
 * seen as leading axes, rows and columns: a 1D problem has no leading axes and one row, a 3D volume one leading axis. A
 * tile is a band of output rows × up to 2048 columns at one output position of the leading axes, sized so that its
 * strip ({@link StripFiller}) stays in cache: one block of strip rows for every tap of the leading axes (so the leading
 * taps become taps of the one loop), and with a column stride the strip's columns stored phase by phase (every
 * stride-th column together), so that for every tap the outputs of a row read consecutive strip values. A tile whose
 * taps all meet input elements (no padding on any axis: most tiles of a large input) is read from the input in place,
 * with tap offsets at the input's pitches; the tiles are then cut so that each lies wholly inside that interior or
 * wholly outside.
 */
final class TileGeometry {
    /** A strip of this many values (256 KiB) stays in the L2 cache while a tile's taps pass over it. */
    private static final int STRIP_TARGET = 1 << 15;
    /** At most this many multiply-adds per tile, so the time budget is checked often. */
    private static final long TILE_WORK = 1L << 24;

    /**
     * The input is read in place only by kernels of at most this many rows (leading taps included): more rows of an input
     * whose pitch is a power of two fall into the same sets of the L1 cache and evict each other, where the strip's pitch
     * is not a power of two (see docs/performance.md, W4 and W7).
     */
    static final int IN_PLACE_ROWS = 4;
    /** The input is read in place only in jobs of at least this many multiply-adds (cutting a tiny job at its interior costs more than it saves). */
    static final long IN_PLACE_WORK = 1L << 16;

    private static final AxisPlan[] NO_AXES = {};
    private static final int[] NO_POSITIONS = {};

    final AxisPlan[] lead;
    final AxisPlan rows;
    final AxisPlan cols;
    /** Flat distances between neighbours along each leading axis, in the input and in the output. */
    final int[] leadIn;
    final int[] leadOut;
    /** Output positions of the leading axes (their product), and taps of the leading axes (groups of taps). */
    private final int leadCount;
    final int groups;
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
    final int[] inputOff;
    /** Values per phase plane of a strip row, per strip row (stride × plane), and per block of one leading tap. */
    final int plane;
    /** The places of a phase plane the taps reach past a tile's last output. */
    final int planeReach;
    final int width;
    final int block;
    /** For each flattened tap (leading taps, row, column), its offset in the strip from the tile's first output. */
    final int[] off;
    /**
     * Output rows summed in pairs: rows ur and ur + pairDistance meet strip rows pairShift kernel
     * rows apart (distance·stride = shift·dilation, the least such distance), so they share the
     * loads of the strip rows both meet.
     */
    final int pairDistance;
    final int pairShift;

    TileGeometry(Plan plan) {
        List<AxisPlan> axes = plan.nonUnitAxes();
        int r = axes.size();
        cols = axes.get(r - 1);
        rows = r >= 2 ? axes.get(r - 2) : AxisPlan.unit();
        lead = r > 2 ? axes.subList(0, r - 2).toArray(new AxisPlan[0]) : NO_AXES;
        leadIn = new int[lead.length];
        leadOut = new int[lead.length];
        int in = rows.n() * cols.n();
        int out = rows.count() * cols.count();
        int count = 1;
        int taps = 1;
        for (int a = lead.length - 1; a >= 0; a--) {
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
            nextLeadingTap(t);
        }
    }

    /**
     * One tile: at the ascending output positions {@code u} of the leading axes (their outputs from {@code leadBase}
     * on), ascending output rows {@code ur0 … ur1−1} and ascending columns {@code u0 … u0+n−1}.
     */
    record Tile(int[] u, int leadBase, int ur0, int ur1, int u0, int n) {
    }

    /** The number of tiles. */
    int tiles() {
        return leadCount * tilesPerColumn * tilesPerRow;
    }

    /** Tile b, the columns fastest, then the rows, then the leading axes. */
    Tile tile(int b) {
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
        return new Tile(u, leadBase, ur0, ur1, u0, n);
    }

    /** True when every tap of the tile's outputs meets an input element (on every axis), so the input is read in place. */
    boolean interior(Tile tile) {
        if (!inPlace || tile.ur0() < rowLo || tile.ur1() > rowHi || tile.u0() < colLo || tile.u0() + tile.n() > colHi) {
            return false;
        }
        for (int a = 0; a < lead.length; a++) {
            if (tile.u()[a] < leadLo[a] || tile.u()[a] >= leadHi[a]) {
                return false;
            }
        }
        return true;
    }

    /** Where in the input, read in place, tap 0 of the tile's first output meets ({@link AxisPlan#inputPosition}). */
    int inputStart(Tile tile) {
        int first = inputStart(rows, tile.ur0()) * cols.n() + inputStart(cols, tile.u0());
        for (int a = 0; a < lead.length; a++) {
            first += inputStart(lead[a], tile.u()[a]) * leadIn[a];
        }
        return first;
    }

    /** The strip rows of one block of a tile: from its first output row's first tap to its last row's last. */
    int stripRows(Tile tile) {
        return (tile.ur1() - tile.ur0() - 1) * rows.stride() + rows.tapOffset(rows.taps() - 1) + 1;
    }

    /** The next multi-index of leading taps, the last axis fastest (the order of the groups of taps). */
    void nextLeadingTap(int[] t) {
        for (int a = lead.length - 1; a >= 0; a--) {
            if (++t[a] < lead[a].taps()) {
                return;
            }
            t[a] = 0;
        }
    }

    /** The padded position where the u-th output in ascending order starts. */
    static int ascendingStart(AxisPlan axis, int u) {
        return axis.paddedPosition(axis.outputOfAscending(u), 0);
    }

    /** The input element that tap 0 of the u-th ascending output meets on an axis ({@link AxisPlan#inputPosition}). */
    private static int inputStart(AxisPlan axis, int u) {
        return (int) axis.inputPosition(axis.outputOfAscending(u), 0);
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
}
