package dev.convolution.core.direct;

import dev.convolution.core.AppliedKernel;
import dev.convolution.core.AxisPlan;
import dev.convolution.core.Boundary;
import dev.convolution.core.Convolver;
import dev.convolution.core.Deadline;
import dev.convolution.core.Grid;
import dev.convolution.core.Padder;
import dev.convolution.core.Plan;
import dev.convolution.core.error.ResultNotRepresentableException;
import dev.convolution.core.parallel.Parallel;
import java.math.BigInteger;

/**
 * The sum of products, term by term, over the padded input: {@code y1[o] = Σ_t g[t]·xp[o + t·d]}
 * taken at the origins the {@link AxisPlan} gives. Integer data whose sums could leave the range
 * where doubles are exact (±2^53) are summed exactly in 128-bit (or arbitrary) integers.
 */
public final class DirectConvolver {
    private static final double EXACT_LIMIT = 0x1p53;

    private final TileLoop kernel;

    /** A direct convolver with the kernel this runtime runs best. */
    public DirectConvolver() {
        this(TileLoop.preferred());
    }

    public DirectConvolver(TileLoop kernel) {
        this.kernel = kernel;
    }

    /** The name of the innermost loop in use ({@code scalar}, or {@code vector-4} for 4-lane SIMD). */
    public String loopName() {
        return kernel.name();
    }

    /** Computes the output of a plan. */
    public double[] convolve(Plan plan, Grid x, Grid h) {
        boolean integers = h.allIntegers() && x.allIntegers() && Padder.paddingIsInteger(plan);
        double[] g = AppliedKernel.of(plan, h);
        return convolve(plan, x, g, integers, separableFactors(plan, g, integers), Deadline.none());
    }

    /**
     * Computes the output from the input and the applied kernel, and refuses it when some output is
     * not finite ({@link ResultNotRepresentableException}).
     *
     * @param integers true when every value met (padding included) is an integer
     * @param factors the {@link #separableFactors separable factors} of the kernel, or null
     */
    public double[] convolve(Plan plan, Grid x, double[] g, boolean integers, double[][] factors, Deadline deadline) {
        double[] y;
        if (integers && sumsMayLeaveExactRange(plan, x, g)) {
            y = exact(plan, Padder.pad(plan, x), g, deadline);
        } else if (factors != null) {
            y = separable(plan, Padder.pad(plan, x), factors[0], factors[1], deadline);
        } else {
            return tiled(plan, x, g, deadline); // checks its outputs tile by tile
        }
        plan.requireFinite(y);
        return y;
    }

    /** True when some product or partial sum may exceed 2^53 in magnitude, where doubles stop being exact. */
    static boolean sumsMayLeaveExactRange(Plan plan, Grid x, double[] g) {
        double maxX = Padder.fillUsed(plan) ? Math.abs(plan.spec().fillValue()) : 0;
        for (double v : x.values()) {
            maxX = Math.max(maxX, Math.abs(v));
        }
        double sumG = 0;
        for (double v : g) {
            sumG += Math.abs(v);
        }
        // every product and partial sum is bounded by maxX·Σ|g|; the margin covers the rounding of the bound
        return maxX * sumG * (1 + 0x1p-40) >= EXACT_LIMIT;
    }

    /** A strip of this many values (256 KiB) stays in the L2 cache while a tile's taps pass over it. */
    private static final int STRIP_TARGET = 1 << 15;
    /** At most this many multiply-adds per tile, so the time budget is checked often. */
    private static final long TILE_WORK = 1L << 24;

    /**
     * The direct sums, tile by tile. The outputs are cut into tiles (a band of output rows × up to
     * 2048 columns); for each tile the padded input it meets is copied from the input into a small
     * strip that stays in cache, the boundary rule applied on the way, and with a column stride the
     * strip's columns are stored phase by phase (every stride-th column together), so that for
     * every tap the outputs of a row read consecutive strip values. The {@link TileLoop} then sums
     * all taps into the outputs with no case of its own: boundaries, stride, dilation and the
     * conventions run the same interior loop. Tiles are spread over the shared pool when the job is
     * large. No padded copy of the whole input is made.
     */
    private double[] tiled(Plan plan, Grid x, double[] g, Deadline deadline) {
        Tiling t = new Tiling(plan);
        double[] y = new double[plan.outputSize()];
        long work = (long) plan.outputSize() * plan.kernelSize();
        java.util.concurrent.atomic.AtomicBoolean nonFinite = new java.util.concurrent.atomic.AtomicBoolean();
        Parallel.forEach(t.tilesPerColumn * t.tilesPerRow, work, b -> {
            deadline.check();
            if (!t.run(kernel, x, g, y, b / t.tilesPerRow, b % t.tilesPerRow)) {
                nonFinite.set(true);
            }
        });
        if (nonFinite.get()) {
            plan.requireFinite(y); // finds and names the first one
        }
        return y;
    }

    /** How the outputs of a plan are cut into tiles, and the strip each tile reads. */
    private static final class Tiling {
        private final Plan plan;
        private final AxisPlan rows;
        private final AxisPlan cols;
        private final Padder.Edges rowEdges;
        private final Padder.Edges colEdges;
        /** Outputs per tile along the columns and the rows. */
        private final int tileCols;
        private final int tileRows;
        final int tilesPerRow;
        final int tilesPerColumn;
        /** Values per phase plane of a strip row, and per strip row (stride × plane). */
        private final int plane;
        private final int width;
        /** For each flattened tap, its offset in the strip from the tile's first output. */
        private final int[] off;
        /**
         * Output rows summed in pairs: rows ur and ur + pairDistance meet strip rows pairShift kernel
         * rows apart (distance·stride = shift·dilation, the least such distance), so they share the
         * loads of the strip rows both meet.
         */
        private final int pairDistance;
        private final int pairShift;

        Tiling(Plan plan) {
            this.plan = plan;
            this.rows = plan.rows();
            this.cols = plan.cols();
            Boundary b = plan.spec().boundary();
            rowEdges = Padder.Edges.of(rows, b);
            colEdges = Padder.Edges.of(cols, b);
            int taps = plan.kernelSize();
            int sc = cols.stride();
            int reach = (cols.taps() - 1) * cols.dilation();
            // narrow enough that the strip holds the kernel's rows and 16 output rows besides (so a strip
            // row is copied once for many outputs), in whole blocks of 32 outputs
            int rowReachAll = (rows.taps() - 1) * rows.dilation();
            int wantRows = rowReachAll + 1 + Math.min(16, rows.count() - 1) * rows.stride();
            long byStrip = ((long) STRIP_TARGET / ((long) wantRows * sc) - reach / sc - 1) / 32 * 32;
            tileCols = (int) Math.min(cols.count(), Math.max(64, Math.min(Math.min(2048, TILE_WORK / taps), byStrip)));
            tilesPerRow = (cols.count() + tileCols - 1) / tileCols;
            plane = tileCols + reach / sc + 1;
            width = sc * plane;
            int rowReach = (rows.taps() - 1) * rows.dilation();
            int byCache = (STRIP_TARGET / width - rowReach - 1) / rows.stride() + 1;
            int byWork = (int) Math.max(1, TILE_WORK / ((long) tileCols * taps));
            tileRows = Math.max(1, Math.min(rows.count(), Math.min(64, Math.min(byCache, byWork))));
            tilesPerColumn = (rows.count() + tileRows - 1) / tileRows;
            int gcd = BigInteger.valueOf(rows.stride()).gcd(BigInteger.valueOf(rows.dilation())).intValue();
            pairDistance = rows.dilation() / gcd;
            pairShift = rows.stride() / gcd;
            off = new int[taps];
            int kc = cols.taps();
            for (int tr = 0; tr < rows.taps(); tr++) {
                for (int tc = 0; tc < kc; tc++) {
                    int d = tc * cols.dilation();
                    off[tr * kc + tc] = tr * rows.dilation() * width + (d % sc) * plane + d / sc;
                }
            }
        }

        /**
         * Computes tile (tr, tc): ascending output rows tr·tileRows… and ascending columns tc·tileCols….
         * Returns false when some output of the tile is not finite (checked while the rows are in cache).
         */
        boolean run(TileLoop kernel, Grid x, double[] g, double[] y, int tileRow, int tileCol) {
            int ur0 = tileRow * tileRows;
            int ur1 = Math.min(rows.count(), ur0 + tileRows);
            int u0 = tileCol * tileCols;
            int n = Math.min(cols.count(), u0 + tileCols) - u0;
            int stripRows = (ur1 - ur0 - 1) * rows.stride() + (rows.taps() - 1) * rows.dilation() + 1;
            double[] s = Strips.take(stripRows * width);
            fill(s, x, rows.firstOrigin() + ur0 * rows.stride(), stripRows, cols.firstOrigin() + u0 * cols.stride(), n);
            int countC = cols.count();
            // with reversed columns the sums go to two scratch rows first, then to their places reversed
            double[] scratch = cols.reversed() ? new double[2 * n] : null;
            int m = pairDistance;
            int q = pairShift;
            int step = 2 * m;
            for (int block = ur0; block < ur1; block += step) {
                for (int j = 0; j < step / 2; j++) {
                    int a = block + j;
                    if (a >= ur1) {
                        break;
                    }
                    int b = a + m;
                    int sBase = (a - ur0) * rows.stride() * width;
                    double[] dst = scratch != null ? scratch : y;
                    int atA = scratch != null ? 0 : rowStart(a, u0);
                    if (b >= ur1) {
                        kernel.sum(s, sBase, off, g, dst, atA, n);
                    } else {
                        kernel.sum2(s, sBase, rows.dilation() * width, q, rows.taps(), off, g, dst, atA,
                                scratch != null ? n : rowStart(b, u0), n);
                    }
                    if (scratch != null) {
                        store(plan, y, a, u0, scratch, 0, n);
                        if (b < ur1) {
                            store(plan, y, b, u0, scratch, n, n);
                        }
                    }
                }
            }
            Strips.give(s);
            long exponents = 0;
            for (int ur = ur0; ur < ur1; ur++) {
                int from = rows.outputOfAscending(ur) * countC + (cols.reversed() ? countC - u0 - n : u0);
                for (int i = from; i < from + n; i++) {
                    // the exponent field is all ones (infinity, NaN) exactly when adding 2^52 carries into the sign bit
                    exponents |= (Double.doubleToRawLongBits(y[i]) & EXPONENT) + EXPONENT_CARRY;
                }
            }
            return exponents >= 0;
        }

        /** Where ascending output row ur, column u0 is stored (columns ascending). */
        private int rowStart(int ur, int u0) {
            return rows.outputOfAscending(ur) * cols.count() + u0;
        }

        private static final long EXPONENT = 0x7ff0_0000_0000_0000L;
        private static final long EXPONENT_CARRY = 0x0010_0000_0000_0000L;

        /**
         * Copies the padded rows q0… and the padded columns p0… a tile meets into the strip: strip
         * row ρ, phase φ, place m holds padded position (q0 + ρ, p0 + φ + stride·m).
         */
        private void fill(double[] s, Grid x, int q0, int stripRows, int p0, int n) {
            double fill = plan.spec().fillValue();
            double[] v = x.values();
            int inCols = cols.n();
            int sc = cols.stride();
            int padded = cols.paddedLength();
            int before = cols.padBefore();
            for (int r = 0; r < stripRows; r++) {
                int sr = rowEdges.source(q0 + r);
                int rowBase = r * width;
                if (sr == Boundary.FILLED) {
                    java.util.Arrays.fill(s, rowBase, rowBase + width, fill);
                    continue;
                }
                int inRow = sr * inCols;
                for (int phase = 0; phase < sc; phase++) {
                    int at = rowBase + phase * plane;
                    int first = p0 + phase;
                    int m = 0;
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
                    // after the input: the boundary rule, up to the padded length (the rest is never read)
                    for (; m < plane; m++) {
                        int q = first + m * sc;
                        if (q >= padded) {
                            java.util.Arrays.fill(s, at + m, at + plane, 0.0);
                            break;
                        }
                        int c = colEdges.after()[q - before - inCols];
                        s[at + m] = c == Boundary.FILLED ? fill : v[inRow + c];
                    }
                }
            }
        }

        private static int ceilDiv(int a, int b) {
            return a <= 0 ? 0 : (a + b - 1) / b;
        }
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

    /**
     * The factors {u, v} of a kernel that is exactly an outer product, {@code g[r][c] = u[r]·v[c]} for
     * every tap (checked in double arithmetic, so the two passes multiply by the same numbers), or null.
     */
    public static double[][] rankOne(double[] g, int kr, int kc) {
        int pivot = 0;
        for (int i = 1; i < g.length; i++) {
            if (Math.abs(g[i]) > Math.abs(g[pivot])) {
                pivot = i;
            }
        }
        double p = g[pivot];
        if (p == 0) {
            return null;
        }
        int pr = pivot / kc;
        int pc = pivot % kc;
        double[] v = new double[kc];
        System.arraycopy(g, pr * kc, v, 0, kc);
        double[] u = new double[kr];
        for (int r = 0; r < kr; r++) {
            u[r] = g[r * kc + pc] / p;
        }
        for (int r = 0; r < kr; r++) {
            for (int c = 0; c < kc; c++) {
                if (u[r] * v[c] != g[r * kc + c]) {
                    return null;
                }
            }
        }
        return new double[][] {u, v};
    }

    /**
     * The factors {u, v} with which a 2D kernel runs as two 1D passes, or null when it is not exactly
     * rank one, or when integer data would meet a non-integer factor (integer data stay exact only if
     * both passes multiply by integers).
     */
    public static double[][] separableFactors(Plan plan, double[] g, boolean integers) {
        int kr = plan.rows().taps();
        int kc = plan.cols().taps();
        if (kr < 2 || kc < 2) {
            return null;
        }
        double[][] factors = rankOne(g, kr, kc);
        return factors == null || (integers && !(integral(factors[0]) && integral(factors[1]))) ? null : factors;
    }

    private static boolean integral(double[] values) {
        for (double v : values) {
            if (v != Math.rint(v)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A rank-one kernel as two 1D passes (OpenCV's sepFilter2D idea): first every padded row that an
     * output meets is filtered along the columns with v, then the rows of that intermediate are
     * combined with u. {@code K_r + K_c} multiply-adds per output instead of {@code K_r·K_c}.
     */
    private static double[] separable(Plan plan, double[] xp, double[] u, double[] v, Deadline deadline) {
        AxisPlan rows = plan.rows();
        AxisPlan cols = plan.cols();
        int width = cols.paddedLength();
        int countC = cols.count();
        int sc = cols.stride();
        int dc = cols.dilation();
        int firstRow = rows.firstOrigin();
        int lastRow = rows.firstOrigin() + (rows.count() - 1) * rows.stride() + (rows.taps() - 1) * rows.dilation();
        int needed = lastRow - firstRow + 1;
        double[] tmp = new double[needed * countC];
        long work = (long) needed * countC * v.length + (long) plan.outputSize() * u.length;
        Parallel.forEach(needed, work, q -> {
            deadline.check();
            int base = (firstRow + q) * width + cols.firstOrigin();
            int out = q * countC;
            for (int tc = 0; tc < v.length; tc++) {
                double gv = v[tc];
                int b = base + tc * dc;
                if (sc == 1) {
                    for (int uc = 0; uc < countC; uc++) {
                        tmp[out + uc] += gv * xp[b + uc];
                    }
                } else {
                    for (int uc = 0; uc < countC; uc++) {
                        tmp[out + uc] += gv * xp[b + uc * sc];
                    }
                }
            }
        });
        double[] y = new double[plan.outputSize()];
        Parallel.forEach(rows.count(), work, ur -> {
            deadline.check();
            double[] acc = new double[countC];
            int q0 = ur * rows.stride();
            for (int tr = 0; tr < u.length; tr++) {
                double gu = u[tr];
                int b = (q0 + tr * rows.dilation()) * countC;
                for (int uc = 0; uc < countC; uc++) {
                    acc[uc] += gu * tmp[b + uc];
                }
            }
            store(plan, y, ur, 0, acc, 0, countC);
        });
        return y;
    }

    /**
     * Writes the sums {@code acc[from … from+n−1]} of ascending outputs u0… of ascending row ur to their
     * places in the output (reversed where the columns are).
     */
    private static void store(Plan plan, double[] y, int ur, int u0, double[] acc, int from, int n) {
        AxisPlan rows = plan.rows();
        AxisPlan cols = plan.cols();
        int countC = cols.count();
        int base = rows.outputOfAscending(ur) * countC;
        if (!cols.reversed()) {
            System.arraycopy(acc, from, y, base + u0, n);
        } else {
            for (int u = 0; u < n; u++) {
                y[base + countC - 1 - (u0 + u)] = acc[from + u];
            }
        }
    }

    /** Exact integer sums: 128-bit accumulators, arbitrary precision when even those could overflow. */
    private static double[] exact(Plan plan, double[] xp, double[] g, Deadline deadline) {
        AxisPlan rows = plan.rows();
        AxisPlan cols = plan.cols();
        int width = cols.paddedLength();
        int kc = cols.taps();
        double[] y = new double[plan.outputSize()];
        double[] acc = new double[cols.count()];
        boolean fitsInLong = fitsInLong(xp) && fitsInLong(g);
        for (int ur = 0; ur < rows.count(); ur++) {
            int originR = rows.firstOrigin() + ur * rows.stride();
            for (int uc = 0; uc < cols.count(); uc++) {
                if ((uc & 1023) == 0) {
                    deadline.check();
                }
                int originC = cols.firstOrigin() + uc * cols.stride();
                acc[uc] = fitsInLong ? sum128(xp, g, originR, originC, rows, cols, width, kc)
                        : sumBig(xp, g, originR, originC, rows, cols, width, kc).doubleValue();
            }
            store(plan, y, ur, 0, acc, 0, acc.length);
        }
        return y;
    }

    private static boolean fitsInLong(double[] values) {
        for (double v : values) {
            if (Math.abs(v) >= 0x1p62) {
                return false;
            }
        }
        return true;
    }

    private static double sum128(double[] xp, double[] g, int originR, int originC, AxisPlan rows, AxisPlan cols,
            int width, int kc) {
        long hi = 0;
        long lo = 0;
        for (int tr = 0; tr < rows.taps(); tr++) {
            int rowBase = (originR + tr * rows.dilation()) * width + originC;
            for (int tc = 0; tc < kc; tc++) {
                long a = (long) g[tr * kc + tc];
                long b = (long) xp[rowBase + tc * cols.dilation()];
                long pLo = a * b;
                long pHi = Math.multiplyHigh(a, b);
                long newLo = lo + pLo;
                long carry = Long.compareUnsigned(newLo, lo) < 0 ? 1 : 0;
                lo = newLo;
                try {
                    hi = Math.addExact(Math.addExact(hi, pHi), carry);
                } catch (ArithmeticException overflow) {
                    // the signed 128-bit sum could overflow: arbitrary precision for this output
                    return sumBig(xp, g, originR, originC, rows, cols, width, kc).doubleValue();
                }
            }
        }
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
            return (double) lo;
        }
        return BigInteger.valueOf(hi).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(lo))).doubleValue();
    }

    private static BigInteger sumBig(double[] xp, double[] g, int originR, int originC, AxisPlan rows, AxisPlan cols,
            int width, int kc) {
        BigInteger sum = BigInteger.ZERO;
        for (int tr = 0; tr < rows.taps(); tr++) {
            int rowBase = (originR + tr * rows.dilation()) * width + originC;
            for (int tc = 0; tc < kc; tc++) {
                double a = g[tr * kc + tc];
                double b = xp[rowBase + tc * cols.dilation()];
                if (a != 0 && b != 0) {
                    sum = sum.add(new java.math.BigDecimal(a).toBigIntegerExact()
                            .multiply(new java.math.BigDecimal(b).toBigIntegerExact()));
                }
            }
        }
        return sum;
    }
}
