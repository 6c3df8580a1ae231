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
    /**
     * A float32 sum adds at most this many taps in one chain of roundings; a longer kernel is summed a block of taps at
     * a time, each block's sum added to the outputs. An output then carries at most {@code BLOCK_TAPS + blocks}
     * roundings of float, {@code γ ≤ 160·2⁻²⁴ < 1e-5} of the sum of its terms' magnitudes while there are at most
     * {@link #MAX_BLOCKS} blocks: the contract's float32 bound.
     */
    static final int BLOCK_TAPS = 128;
    static final int MAX_BLOCKS = 32;

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

    /**
     * The kernel of a float32 problem cut into blocks of taps ({@link #BLOCK_TAPS}), each a kernel of its own to the
     * loop: whole groups of taps, whole kernel rows of a group, or pieces of one kernel row.
     */
    record Blocks(float[][] g, int[][] off, int[][] inputOff, int[] groups, int[] kernelRows) {
        int count() {
            return g.length;
        }
    }

    /** The blocks of taps of this plan's kernel g (the applied kernel, flat). */
    Blocks blocks(float[] g) {
        int kr = geometry.rows.taps();
        int kc = geometry.cols.taps();
        int groupTaps = kr * kc;
        java.util.List<int[]> spans = new java.util.ArrayList<>(); // {first tap, taps, groups, kernel rows}
        if (g.length <= BLOCK_TAPS || groupTaps <= BLOCK_TAPS) {
            int per = Math.max(1, BLOCK_TAPS / groupTaps);
            for (int gi = 0; gi < geometry.groups; gi += per) {
                int count = Math.min(per, geometry.groups - gi);
                spans.add(new int[] {gi * groupTaps, count * groupTaps, count, kr});
            }
        } else if (kc <= BLOCK_TAPS) {
            int per = BLOCK_TAPS / kc;
            for (int gi = 0; gi < geometry.groups; gi++) {
                for (int r = 0; r < kr; r += per) {
                    int count = Math.min(per, kr - r);
                    spans.add(new int[] {(gi * kr + r) * kc, count * kc, 1, count});
                }
            }
        } else {
            for (int row = 0; row < geometry.groups * kr; row++) {
                for (int c = 0; c < kc; c += BLOCK_TAPS) {
                    spans.add(new int[] {row * kc + c, Math.min(BLOCK_TAPS, kc - c), 1, 1});
                }
            }
        }
        int m = spans.size();
        Blocks b = new Blocks(new float[m][], new int[m][], new int[m][], new int[m], new int[m]);
        for (int k = 0; k < m; k++) {
            int[] sp = spans.get(k);
            b.g()[k] = java.util.Arrays.copyOfRange(g, sp[0], sp[0] + sp[1]);
            b.off()[k] = java.util.Arrays.copyOfRange(geometry.off, sp[0], sp[0] + sp[1]);
            b.inputOff()[k] = geometry.inputOff == null ? null : java.util.Arrays.copyOfRange(geometry.inputOff, sp[0], sp[0] + sp[1]);
            b.groups()[k] = sp[2];
            b.kernelRows()[k] = sp[3];
        }
        return b;
    }

    /** {@link #run(TileLoop, Grid, double[], double[], int)} in float, for float32 data: the kernel a block of taps at a time. */
    boolean run(FloatTileLoop loop, float[] x, Blocks k, float[] y, int b) {
        TileGeometry.Tile tile = geometry.tile(b);
        AxisPlan rows = geometry.rows;
        AxisPlan cols = geometry.cols;
        int leadBase = tile.leadBase();
        int ur0 = tile.ur0();
        int ur1 = tile.ur1();
        int u0 = tile.u0();
        int n = tile.n();
        boolean interior = geometry.interior(tile);
        float[] s;
        int pitch;
        int first;
        if (interior) {
            s = x;
            pitch = cols.n();
            first = geometry.inputStart(tile);
        } else {
            s = StripPool.takeFloats(geometry.groups * geometry.block);
            filler.fillStrip(s, x, tile);
            pitch = geometry.width;
            first = 0;
        }
        int countC = cols.count();
        int count = ur1 - ur0;
        // the first block of taps sums into the outputs (or, with reversed columns, a scratch tile); each later block
        // into a scratch tile of its own, added to them row by row (a loop that adds to its outputs is several times
        // slower on Java 25's C2, see docs/decisions.md)
        float[] scratch = cols.reversed() ? new float[count * n] : null;
        float[] part = k.count() > 1 ? partTile(count * n) : null;
        for (int q = 0; q < k.count(); q++) {
            int[] offsets = interior ? k.inputOff()[q] : k.off()[q];
            float[] dest = q > 0 ? part : cols.reversed() ? scratch : y;
            int yOff = q > 0 || cols.reversed() ? 0 : rowStart(leadBase, ur0, u0);
            int yStep = q > 0 || cols.reversed() ? n : rows.reversed() ? -countC : countC;
            if (count == 1) {
                loop.sum(s, first, offsets, k.g()[q], dest, yOff, n);
            } else {
                TileRows band = new TileRows(count, rows.stride() * pitch, rows.dilation() * pitch, geometry.pairDistance,
                        geometry.pairShift, k.groups()[q], k.kernelRows()[q]);
                loop.sumRows(s, first, band, offsets, k.g()[q], dest, yOff, yStep, n);
            }
            if (q > 0) {
                for (int ur = ur0; ur < ur1; ur++) {
                    int at = cols.reversed() ? (ur - ur0) * n : rowStart(leadBase, ur, u0);
                    float[] to = cols.reversed() ? scratch : y;
                    int from = (ur - ur0) * n;
                    for (int i = 0; i < n; i++) {
                        to[at + i] += part[from + i];
                    }
                }
            }
        }
        if (cols.reversed()) {
            for (int ur = ur0; ur < ur1; ur++) {
                int base = leadBase + rows.outputOfAscending(ur) * countC;
                for (int i = 0; i < n; i++) {
                    y[base + countC - 1 - (u0 + i)] = scratch[(ur - ur0) * n + i];
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

    /** Per thread, the scratch tile of a later block of taps ({@link #run(FloatTileLoop, float[], Blocks, float[], int)}). */
    private static final ThreadLocal<float[]> PART = new ThreadLocal<>();

    private static float[] partTile(int size) {
        float[] p = PART.get();
        if (p == null || p.length < size) {
            p = new float[size];
            PART.set(p);
        }
        return p;
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
