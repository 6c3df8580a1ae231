package dev.convolution.core.fft;

import dev.convolution.core.AxisPlan;
import java.util.TreeSet;

/**
 * The cost model of the overlap-save tiles ({@link OverlapSave2D}, {@link OverlapSaveND}), in element-steps (one
 * butterfly stage over one value), and the tile lengths it picks: the cheapest of a few candidates per axis. Its
 * constants were fitted to timed tilings (see docs/performance.md); {@link FftConvolver#cost} turns element-steps
 * into the multiply-adds of the direct method's cost model.
 */
final class TileCost {
    /** Per-point cost of a mixed-radix transform relative to a power of two (JTransforms 3.2). */
    private static final double MIXED_RADIX = 2.0;
    /** Per-point overhead of a tile (copies, the product), in units of one butterfly stage. */
    private static final double TILE_OVERHEAD = 3.0;
    /** Fixed overhead of a tile, in element-steps: what a tile costs beyond its transforms, whatever its size. */
    private static final double TILE_FIXED = 1 << 16;
    /**
     * Fixed cost of one real transform of the last axis of a volume (copy in, unpack, the call), in element-steps: it
     * tips ties between tilings whose butterflies cost the same towards fewer, longer lines. (The complex lines of the
     * other axes are gathered eight at a time, which amortises theirs.)
     */
    private static final double LINE_FIXED = 256;
    /** One complex multiply-add of the direct first axis ({@link OverlapSaveND#DIRECT}), in element-steps. */
    private static final double DIRECT_STEP = 0.75;
    /**
     * With the direct first axis on a volume, the most points a tile's plane should have (64 × 64): when the model picks
     * the direct first axis, it takes the cheapest such tiling with planes this small, if there is one. The model prices
     * larger planes lower, but they ran slower (it has no term for the cache); whether the first axis is direct is still
     * the model's call. Not applied to 4D arrays, where it was not measured (see docs/performance.md).
     */
    static final int DIRECT_PLANE = 4096;

    private TileCost() {
    }

    /**
     * The 2D tile lengths for a problem, {rows, cols}: along each axis a power of two longer than the
     * kernel's span, or the whole padded axis at the smallest mixed-radix length (even for the
     * columns), the pair with the least {@link #cost(AxisPlan, AxisPlan, int, int) cost}.
     */
    static int[] tileLengths(AxisPlan rows, AxisPlan cols) {
        int[] best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int tr : planeCandidates(rows.span(), rows.paddedLength(), false)) {
            for (int tc : planeCandidates(cols.span(), cols.paddedLength(), true)) {
                double c = cost(rows, cols, tr, tc);
                if (c < bestCost) {
                    best = new int[] {tr, tc};
                    bestCost = c;
                }
            }
        }
        return best;
    }

    /** The tile lengths worth trying along one axis: powers of two above the span and below the whole axis, and the whole axis. */
    private static int[] planeCandidates(int span, int padded, boolean even) {
        int whole = FftConvolver.size(padded, even);
        int first = Integer.highestOneBit(span) << 1;
        int n = 0;
        for (int t = first; t < whole; t <<= 1) {
            n++;
        }
        int[] c = new int[n + 1];
        for (int i = 0; i < n; i++) {
            c[i] = first << i;
        }
        c[n] = whole;
        return c;
    }

    /** The cost of the cheapest 2D tiling, in element-steps. */
    static double cost(AxisPlan rows, AxisPlan cols) {
        int[] t = tileLengths(rows, cols);
        return cost(rows, cols, t[0], t[1]);
    }

    /**
     * The cost of 2D tiles of {@code tr × tc}, in element-steps: {@code tiles × (tr·tc × (log₂tr·ρ(tr) +
     * log₂tc·ρ(tc) + overhead) + fixed)}, where ρ is 1 for a power of two and {@link #MIXED_RADIX}
     * otherwise (fitted to sweeps of image and kernel sizes over tile lengths; see docs/performance.md).
     */
    static double cost(AxisPlan rows, AxisPlan cols, int tr, int tc) {
        double tiles = Math.ceil((double) rows.fullCount() / (tr - rows.span() + 1))
                * Math.ceil((double) cols.fullCount() / (tc - cols.span() + 1));
        return tiles * ((double) tr * tc * (log2(tr) * radix(tr) + log2(tc) * radix(tc) + TILE_OVERHEAD) + TILE_FIXED);
    }

    /** The 3D and 4D tile lengths with the least {@link #cost(int[], int[], int[]) cost}, one per axis ({@link OverlapSaveND}). */
    static int[] tileLengths(int[] p, int[] e) {
        int m = p.length;
        int[][] cand = new int[m][];
        for (int a = 0; a < m; a++) {
            cand[a] = volumeCandidates(e[a], p[a], a == m - 1);
        }
        if (m >= 3) {
            int[] first = new int[cand[0].length + 1];
            System.arraycopy(cand[0], 0, first, 1, cand[0].length);
            first[0] = OverlapSaveND.DIRECT;
            cand[0] = first;
        }
        int[] pick = new int[m];
        int[] best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        int[] smallPlane = null; // the cheapest direct-first-axis tiling whose planes have at most DIRECT_PLANE points
        double smallPlaneCost = Double.POSITIVE_INFINITY;
        while (true) {
            int[] tl = new int[m];
            for (int a = 0; a < m; a++) {
                tl[a] = cand[a][pick[a]];
            }
            double c = cost(p, e, tl);
            if (c < bestCost) {
                best = tl;
                bestCost = c;
            }
            if (m == 3 && tl[0] == OverlapSaveND.DIRECT && (long) tl[1] * tl[2] <= DIRECT_PLANE && c < smallPlaneCost) {
                smallPlane = tl;
                smallPlaneCost = c;
            }
            int a = m - 1;
            while (a >= 0 && ++pick[a] == cand[a].length) {
                pick[a] = 0;
                a--;
            }
            if (a < 0) {
                return best[0] == OverlapSaveND.DIRECT && smallPlane != null ? smallPlane : best;
            }
        }
    }

    private static int[] volumeCandidates(int span, int padded, boolean even) {
        // powers of two above the span up to the first that holds the whole axis, and the whole axis at its 5-smooth length
        int whole = FftConvolver.size(padded, even);
        int first = Math.max(even ? 2 : 1, Integer.highestOneBit(span) << 1);
        TreeSet<Integer> c = new java.util.TreeSet<>();
        for (int x = first; ; x <<= 1) {
            c.add(x);
            if (x >= padded) {
                break;
            }
        }
        c.add(whole);
        return c.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The cost of 3D and 4D tiles {@code t}, in element-steps: the butterflies of every 1D transform the tiles
     * run ({@code n·log₂n·ρ(n)} each, ρ = 1 for a power of two and 2 otherwise; real transforms half),
     * counting only the lines a tile transforms (data lines forward, output lines back), plus a
     * per-value overhead for each pass over the spectrum and a fixed cost per tile. Every pass's line
     * count is a product over the axes, so its sum over the tiles is the product of per-axis sums.
     */
    static double cost(int[] p, int[] e, int[] tiles) {
        int m = p.length;
        boolean direct = tiles[0] == OverlapSaveND.DIRECT;
        int[] t = tiles.clone();
        if (direct) {
            t[0] = p[0];
        }
        double[] data = new double[m]; // Σ over tile positions along the axis of the data length
        double[] out = new double[m]; // … of the output length
        double[] full = new double[m]; // … of the tile length (the spectrum's length on that axis)
        double count = 1;
        for (int a = 0; a < m; a++) {
            int f = p[a] - e[a] + 1;
            int step = t[a] - e[a] + 1;
            int n = 0;
            for (int o = 0; o < f; o += step) {
                data[a] += Math.min(t[a], p[a] - o);
                out[a] += Math.min(step, f - o);
                n++;
            }
            full[a] = (double) n * t[a];
            count *= n;
        }
        int last = m - 1;
        double spectrumLast = full[last] / t[last] * (t[last] / 2 + 1);
        double rows = full[last] * log2(t[last]) * radix(t[last]) / 2 + full[last] / t[last] * LINE_FIXED;
        double dataLines = 1;
        double outLines = 1;
        for (int a = 0; a < last; a++) {
            dataLines *= data[a];
            outLines *= out[a];
        }
        double c = (dataLines + outLines) * rows;
        for (int a = 0; a < last; a++) {
            double before = 1;
            double beforeOut = 1;
            for (int b = 0; b < a; b++) {
                before *= data[b];
                beforeOut *= out[b];
            }
            double after = spectrumLast;
            for (int b = a + 1; b < last; b++) {
                after *= full[b];
            }
            double per = full[a] * log2(t[a]) * radix(t[a]) * after;
            if (a > 0) {
                c += (before + beforeOut) * per;
            } else if (!direct) {
                c += 2 * per; // forward and inverse in one pass; the direct first axis is costed below instead
            }
        }
        double spectrum = spectrumLast;
        for (int a = 0; a < last; a++) {
            spectrum *= full[a];
        }
        if (direct) {
            c += (p[0] - e[0] + 1) * (double) e[0] * (spectrum / full[0]) * DIRECT_STEP;
        }
        return c + spectrum * TILE_OVERHEAD * m + count * TILE_FIXED;
    }

    private static double log2(int n) {
        return Math.log(n) / Math.log(2);
    }

    /** ρ(n): the cost of a transform of length n per point and stage, relative to a power of two. */
    private static double radix(int n) {
        return Integer.bitCount(n) == 1 ? 1 : MIXED_RADIX;
    }
}
