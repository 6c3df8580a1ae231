package dev.convolution.core.direct;

import dev.convolution.core.AxisPlan;
import dev.convolution.core.Grid;
import dev.convolution.core.Plan;

/**
 * The direct sums tile by tile ({@link TileGeometry}): for each tile the values its taps meet, a strip filled from the
 * input with the boundary rule applied ({@link StripFiller}) or the input itself in the interior, summed into the
 * outputs by a {@link TileLoop} with no case of its own: boundaries, stride, dilation, rank and the conventions run the
 * same loop.
 */
final class Tiling {
    private final TileGeometry geometry;
    private final StripFiller filler;

    Tiling(Plan plan) {
        geometry = new TileGeometry(plan);
        filler = new StripFiller(plan, geometry);
    }

    /** The number of tiles. */
    int tiles() {
        return geometry.tiles();
    }

    /**
     * Computes tile b: at one output position of the leading axes, ascending output rows and
     * ascending columns. Returns false when some output of the tile is not finite (checked while the
     * rows are in cache).
     */
    boolean run(TileLoop loop, Grid x, double[] g, double[] y, int b) {
        TileGeometry.Tile tile = geometry.tile(b);
        AxisPlan rows = geometry.rows;
        AxisPlan cols = geometry.cols;
        int leadBase = tile.leadBase();
        int ur0 = tile.ur0();
        int ur1 = tile.ur1();
        int u0 = tile.u0();
        int n = tile.n();
        // the values the loop reads: the input itself where every tap meets an input element, a strip otherwise
        boolean interior = geometry.interior(tile);
        double[] s;
        int[] offsets;
        int pitch;
        int first;
        if (interior) {
            s = x.values();
            offsets = geometry.inputOff;
            pitch = cols.n();
            first = geometry.inputStart(tile);
        } else {
            s = StripPool.take(geometry.groups * geometry.block);
            filler.fillStrip(s, x, tile);
            offsets = geometry.off;
            pitch = geometry.width;
            first = 0;
        }
        int countC = cols.count();
        if (ur1 - ur0 == 1 && !cols.reversed()) {
            loop.sum(s, first, offsets, g, y, rowStart(leadBase, ur0, u0), n); // one row: nothing to share
        } else {
            TileRows band = new TileRows(ur1 - ur0, rows.stride() * pitch, rows.dilation() * pitch, geometry.pairDistance,
                    geometry.pairShift, geometry.groups, rows.taps());
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
            StripPool.give(s);
        }
        boolean finite = true;
        for (int ur = ur0; ur < ur1; ur++) {
            finite &= loop.allFinite(y, leadBase + rows.outputOfAscending(ur) * countC + (cols.reversed() ? countC - u0 - n : u0), n);
        }
        return finite;
    }

    /** Where ascending output row ur, column u0 is stored (columns ascending). */
    private int rowStart(int leadBase, int ur, int u0) {
        return leadBase + geometry.rows.outputOfAscending(ur) * geometry.cols.count() + u0;
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
}
