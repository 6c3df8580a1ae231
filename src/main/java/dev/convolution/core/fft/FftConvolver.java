package dev.convolution.core.fft;

import dev.convolution.core.operand.AppliedKernel;
import dev.convolution.core.AxisPlan;
import dev.convolution.core.Deadline;
import dev.convolution.core.Grid;
import dev.convolution.core.operand.Padder;
import dev.convolution.core.Plan;
import dev.convolution.core.parallel.Parallel;
import java.util.List;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Computes the stride-1 sliding sums of a plan through the discrete Fourier transform
 * (JTransforms): {@code y1 = IDFT(DFT(xp) · conj(DFT(g_dilated)))}, by overlap-save over the axes
 * that are not unit axes (1D windows, 2D tiles in {@link OverlapSave2D}, 3D and 4D tiles in
 * {@link OverlapSaveND}) so that no term wraps around; then takes the plan's outputs at
 * {@link AxisPlan#paddedPosition(int, int) paddedPosition(j, 0)}, the same index algebra the
 * direct method and the trace use.
 */
public final class FftConvolver {
    /** Rounding error of double arithmetic. */
    private static final double EPS = 0x1p-53;
    /** Rounding to the nearest integer is provably exact below this error bound. */
    private static final double PROVABLE = 0.25;
    /** Integers beyond this are not all representable as doubles. */
    private static final double EXACT_DOUBLES = 0x1p53;
    /** One 1D butterfly step of the overlap-save windows, in multiply-adds of the plain direct loop. */
    static final double FFT_STEP_1D = 4.0;
    /** One 2D element-step of the overlap-save tiles ({@link TileCost}), in multiply-adds. */
    static final double FFT_STEP_2D = 3.1;
    /** One 3D/4D element-step of the overlap-save tiles ({@link TileCost}), in multiply-adds. */
    static final double FFT_STEP_ND = 3.1;

    static {
        // JTransforms would split a transform over its own threads (1D from 8,192 points) while the
        // shared pool already runs one transform per core: one thread per transform, parallel outside
        org.visnow.jlargearrays.ConcurrencyUtils.setNumberOfThreads(1);
    }

    /** Computes the output of a plan; results carry the FFT's rounding error. */
    public double[] convolve(Plan plan, Grid x, Grid h) {
        return compute(plan, Padder.pad(plan, x), AppliedKernel.of(plan, h), Deadline.none());
    }

    /** Computes the output from the padded input and the applied kernel. */
    public double[] compute(Plan plan, double[] xp, double[] g, Deadline deadline) {
        return crop(plan, stride1(plan, xp, g, deadline));
    }

    /**
     * Computes the output of integer data exactly, or returns null when it cannot prove it. When the
     * error bound of one transform is below 1/4, rounding its result gives the exact integers. Else
     * the data are split into balanced limbs, {@code xp = Σ 2^(i·bx)·x_i} and
     * {@code g = Σ 2^(j·bg)·g_j}, few enough that every limb product's bound is below 1/4; each
     * product is rounded to its exact integers and they are combined in doubles, which is exact
     * while every partial sum stays below 2^53.
     */
    public double[] computeIntegers(Plan plan, double[] xp, double[] g, Deadline deadline) {
        double n = errorDepth(plan);
        if (errorBound(xp, g, n) < PROVABLE) {
            double[] y = compute(plan, xp, g, deadline);
            for (int i = 0; i < y.length; i++) {
                y[i] = Math.rint(y[i]) + 0.0; // + 0.0 turns the −0 of a tiny negative residue into the exact 0
            }
            return y;
        }
        Limbs limbs = Limbs.split(xp, g, n);
        if (limbs == null) {
            return null;
        }
        double[] y = new double[plan.outputSize()];
        for (int i = 0; i < limbs.x().length; i++) {
            for (int j = 0; j < limbs.g().length; j++) {
                double[] part = compute(plan, limbs.x()[i], limbs.g()[j], deadline);
                double scale = Math.scalb(1.0, i * limbs.xBits() + j * limbs.gBits());
                for (int k = 0; k < y.length; k++) {
                    y[k] += Math.rint(part[k]) * scale;
                }
            }
        }
        for (int k = 0; k < y.length; k++) {
            y[k] += 0.0;
        }
        return y;
    }

    /** How many limbs, of which widths, integer data are split into (one limb: the data as they are). */
    record Limbs(double[][] x, int xBits, double[][] g, int gBits) {
        /** The fewest limb products that all prove exact and combine exactly, or null. */
        static Limbs split(double[] xp, double[] g, double n) {
            int bx = bits(xp);
            int bg = bits(g);
            for (int products = 2; products <= 16; products++) {
                for (int lx = products; lx >= 1; lx--) {
                    if (products % lx != 0) {
                        continue;
                    }
                    int lg = products / lx;
                    if (lx > 8 || lg > 8) {
                        continue;
                    }
                    int wx = (bx + lx - 1) / lx;
                    int wg = (bg + lg - 1) / lg;
                    double[][] xs = limbs(xp, lx, wx);
                    double[][] gs = limbs(g, lg, wg);
                    if (provable(xs, gs, n) && combinesExactly(xs, wx, gs, wg)) {
                        return new Limbs(xs, wx, gs, wg);
                    }
                }
            }
            return null;
        }

        private static boolean provable(double[][] xs, double[][] gs, double n) {
            for (double[] x : xs) {
                for (double[] g : gs) {
                    if (errorBound(x, g, n) >= PROVABLE) {
                        return false;
                    }
                }
            }
            return true;
        }

        private static boolean combinesExactly(double[][] xs, int wx, double[][] gs, int wg) {
            double total = 0;
            for (int i = 0; i < xs.length; i++) {
                for (int j = 0; j < gs.length; j++) {
                    double l1 = 0;
                    for (double v : gs[j]) {
                        l1 += Math.abs(v);
                    }
                    total += Math.scalb(maxAbs(xs[i]) * l1, i * wx + j * wg);
                }
            }
            return total < EXACT_DOUBLES;
        }

        /** Bits of the largest magnitude. */
        private static int bits(double[] v) {
            long m = (long) Math.ceil(maxAbs(v));
            return Math.max(1, 64 - Long.numberOfLeadingZeros(m));
        }

        /** Balanced digits base 2^w, digits in [−2^(w−1), 2^(w−1)); the last limb takes what remains. */
        private static double[][] limbs(double[] v, int count, int w) {
            if (count == 1) {
                return new double[][] {v};
            }
            double[][] out = new double[count][v.length];
            long base = 1L << w;
            long half = base >> 1;
            for (int k = 0; k < v.length; k++) {
                long r = (long) v[k];
                for (int i = 0; i < count - 1; i++) {
                    long d = Math.floorMod(r + half, base) - half;
                    out[i][k] = d;
                    r = (r - d) >> w;
                }
                out[count - 1][k] = r;
            }
            return out;
        }
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double d : v) {
            m = Math.max(m, Math.abs(d));
        }
        return m;
    }

    /**
     * An upper bound on the absolute error of any output: {@code ‖xp‖₂·‖g‖₂·c·ε·depth}, the
     * classical bound for FFT-based products (Percival 2003, depth = log₂N) with a generous constant
     * for mixed radices and twiddle-factor error.
     *
     * @param depth {@link #errorDepth}
     */
    static double errorBound(double[] xp, double[] g, double depth) {
        double nx = 0;
        for (double v : xp) {
            nx += v * v;
        }
        double ng = 0;
        for (double v : g) {
            ng += v * v;
        }
        return Math.sqrt(nx) * Math.sqrt(ng) * 32 * EPS * depth;
    }

    /**
     * How many rounding steps an output goes through, the error bound's factor: log₂ of the whole padded input's
     * transform size (an upper bound on any tile's), plus, for volumes and 4D arrays, the first axis's span, whose
     * sums {@link OverlapSaveND} may add directly instead of transforming them (a sum of that many products).
     */
    static double errorDepth(Plan plan) {
        double depth = Math.max(1, Math.log(transformSize(plan)) / Math.log(2));
        List<AxisPlan> t = plan.nonUnitAxes();
        return t.size() >= 3 ? depth + t.get(0).span() : depth;
    }

    /** The whole padded input's transform size, an upper bound on any tile's (for the error bound's logarithm). */
    static long transformSize(Plan plan) {
        long n = 1;
        List<AxisPlan> axes = plan.axes();
        for (int a = 0; a < axes.size(); a++) {
            n *= size(axes.get(a).paddedLength(), a == axes.size() - 1);
        }
        return n;
    }

    /** True when an FFT could overflow where the sums themselves do not. */
    public static boolean mayOverflow(Plan plan, double[] xp, double[] g) {
        return maxAbs(xp) * maxAbs(g) * transformSize(plan) * (double) g.length > 1e300;
    }

    /** The smallest transform length ≥ n with no prime factor above 5 (even when asked). */
    public static int size(int n, boolean even) {
        int best = Integer.MAX_VALUE;
        for (long p2 = even ? 2 : 1; p2 < 2L * n + 2; p2 *= 2) {
            for (long p3 = p2; p3 < 2L * n + 2; p3 *= 3) {
                for (long p5 = p3; p5 < 2L * n + 2; p5 *= 5) {
                    if (p5 >= n && p5 < best) {
                        best = (int) p5;
                    }
                }
            }
        }
        return best;
    }

    /**
     * Estimated cost in multiply-adds of the plain direct loop: 1D windows
     * {@code windows × N_b·log₂N_b × FFT_STEP_1D}; 2D and higher tiles their element-steps
     * ({@link TileCost}) times a fitted step.
     */
    public static double cost(Plan plan) {
        List<AxisPlan> t = plan.nonUnitAxes();
        if (t.size() == 1) {
            AxisPlan a = t.get(0);
            int n = blockLength(a.span(), a.paddedLength());
            double windows = Math.ceil((double) a.fullCount() / (n - a.span() + 1));
            return windows * n * (Math.log(n) / Math.log(2)) * FFT_STEP_1D;
        }
        if (t.size() == 2) {
            return TileCost.cost(t.get(0), t.get(1)) * FFT_STEP_2D;
        }
        int[][] d = dims(t);
        return TileCost.cost(d[0], d[1], TileCost.tileLengths(d[0], d[1])) * FFT_STEP_ND;
    }

    /** Padded lengths and spans of the axes. */
    private static int[][] dims(List<AxisPlan> t) {
        int[] p = new int[t.size()];
        int[] e = new int[t.size()];
        for (int a = 0; a < p.length; a++) {
            p[a] = t.get(a).paddedLength();
            e[a] = t.get(a).span();
        }
        return new int[][] {p, e};
    }

    /**
     * The stride-1 sums for every origin, {@code fullCount} per axis, row-major. Unit axes have one
     * padded position, so the flat layouts of the data are those of the reduced problem.
     */
    private static double[] stride1(Plan plan, double[] xp, double[] g, Deadline deadline) {
        List<AxisPlan> t = plan.nonUnitAxes();
        double[] gd = dilate(plan, g);
        if (t.size() == 1) {
            return overlapSave(t.get(0), xp, gd, deadline);
        }
        if (t.size() == 2) {
            AxisPlan rows = t.get(0);
            AxisPlan cols = t.get(1);
            return OverlapSave2D.correlate(xp, rows.paddedLength(), cols.paddedLength(), gd, rows.span(), cols.span(),
                    TileCost.tileLengths(rows, cols), deadline);
        }
        int[][] d = dims(t);
        return OverlapSaveND.correlate(xp, d[0], gd, d[1], TileCost.tileLengths(d[0], d[1]), deadline);
    }

    /**
     * 1D sliding sums by overlap-save: the padded input is cut into overlapping windows of a
     * transform length N (a power of two, a few times the kernel span); each window's circular
     * correlation with the kernel is exact for its first {@code N − E + 1} outputs. Windows are
     * independent and run over the shared pool; the kernel's spectrum is computed once.
     */
    private static double[] overlapSave(AxisPlan axis, double[] xp, double[] gd, Deadline deadline) {
        int span = axis.span();
        int outputs = axis.fullCount();
        int n = blockLength(span, axis.paddedLength());
        int step = n - span + 1;
        DoubleFFT_1D kernelFft = new DoubleFFT_1D(n);
        double[] gs = new double[n];
        System.arraycopy(gd, 0, gs, 0, span);
        kernelFft.realForward(gs);
        double[] y1 = new double[outputs];
        int blocks = (outputs + step - 1) / step;
        int perPart = Math.max(1, blocks / Math.max(1, Parallel.parts((long) blocks * n * 20)));
        int parts = (blocks + perPart - 1) / perPart;
        Parallel.forEach(parts, (long) blocks * n * 20, part -> {
            DoubleFFT_1D fft = new DoubleFFT_1D(n);
            double[] w = new double[n];
            for (int b = part * perPart; b < Math.min(blocks, (part + 1) * perPart); b++) {
                deadline.check();
                int start = b * step;
                int len = Math.min(n, xp.length - start);
                System.arraycopy(xp, start, w, 0, len);
                java.util.Arrays.fill(w, len, n, 0);
                fft.realForward(w);
                multiplyConjugatePacked(w, gs);
                fft.realInverse(w, true);
                System.arraycopy(w, 0, y1, start, Math.min(step, outputs - start));
            }
        });
        return y1;
    }

    /** The overlap-save window: a power of two about eight times the kernel span, no longer than needed. */
    public static int blockLength(int span, int paddedLength) {
        int whole = size(paddedLength, true);
        int n = Integer.highestOneBit(Math.max(8, span * 8 - 1)) << 1;
        n = Math.max(n, 4096);
        return n >= whole ? whole : n;
    }

    /** a ← a·conj(b) for spectra in JTransforms' packed real format (even length): two real values, then complex pairs. */
    private static void multiplyConjugatePacked(double[] a, double[] b) {
        a[0] *= b[0];
        a[1] *= b[1];
        multiplyConjugate(a, b, 2);
    }

    /** a ← a·conj(b) for interleaved complex values from index {@code from} on. */
    static void multiplyConjugate(double[] a, double[] b, int from) {
        for (int i = from; i < a.length; i += 2) {
            double re = a[i];
            double im = a[i + 1];
            double c = b[i];
            double d = -b[i + 1];
            a[i] = re * c - im * d;
            a[i + 1] = re * d + im * c;
        }
    }

    /** The applied kernel with {@code dilation − 1} zeros between taps on every axis, {@code span} per axis. */
    static double[] dilate(Plan plan, double[] g) {
        int[] at = dilatedIndex(plan);
        double[] gd = new double[at[g.length]];
        for (int k = 0; k < g.length; k++) {
            gd[at[k]] = g[k];
        }
        return gd;
    }

    /**
     * Where each tap (row-major) lands in the dilated kernel ({@code span} per axis, taps {@code dilation} apart), then
     * the dilated kernel's length: the double and the float dilations both read it.
     */
    static int[] dilatedIndex(Plan plan) {
        int rank = plan.rank();
        int[] spanStrides = new int[rank];
        int total = 1;
        int taps = 1;
        for (int a = rank - 1; a >= 0; a--) {
            spanStrides[a] = total;
            total *= plan.axis(a).span();
            taps *= plan.axis(a).taps();
        }
        int[] at = new int[taps + 1];
        int[] t = new int[rank];
        for (int k = 0; k < taps; k++) {
            for (int a = 0; a < rank; a++) {
                at[k] += plan.axis(a).tapOffset(t[a]) * spanStrides[a];
            }
            for (int a = rank - 1; a >= 0; a--) {
                if (++t[a] < plan.axis(a).taps()) {
                    break;
                }
                t[a] = 0;
            }
        }
        at[taps] = total;
        return at;
    }

    /** Picks the plan's outputs out of the stride-1 sums: output j of an axis is sum {@code paddedPosition(j, 0)}. */
    static double[] crop(Plan plan, double[] y1) {
        int[][] at = cropIndex(plan);
        if (at == null) {
            return y1; // stride 1, not reversed: the outputs are the stride-1 sums as they are
        }
        int[] rowBase = at[0];
        int[] lastStart = at[1];
        double[] y = new double[plan.outputSize()];
        for (int row = 0, out = 0; row < rowBase.length; row++) {
            for (int c = 0; c < lastStart.length; c++, out++) {
                y[out] = y1[rowBase[row] + lastStart[c]];
            }
        }
        return y;
    }

    /**
     * Where the plan's outputs lie in the stride-1 sums, the one rule every crop follows: output row r (all axes but
     * the last, row-major) starts at {@code rowBase[r]}, and its output c lies {@code lastStart[c]} after it; null when
     * the outputs are the stride-1 sums as they are (stride 1, not reversed).
     */
    static int[][] cropIndex(Plan plan) {
        int rank = plan.rank();
        boolean every = true;
        for (AxisPlan a : plan.axes()) {
            every &= a.stride() == 1 && !a.reversed();
        }
        if (every) {
            return null;
        }
        int[] fullStrides = new int[rank];
        int total = 1;
        for (int a = rank - 1; a >= 0; a--) {
            fullStrides[a] = total;
            total *= plan.axis(a).fullCount();
        }
        AxisPlan last = plan.axis(rank - 1);
        int[] lastStart = new int[last.count()];
        for (int c = 0; c < lastStart.length; c++) {
            lastStart[c] = last.paddedPosition(c, 0);
        }
        int[] rowBase = new int[plan.outputSize() / last.count()];
        int[] j = new int[rank - 1];
        for (int row = 0; row < rowBase.length; row++) {
            int base = 0;
            for (int a = 0; a < rank - 1; a++) {
                base += plan.axis(a).paddedPosition(j[a], 0) * fullStrides[a];
            }
            rowBase[row] = base;
            for (int a = rank - 2; a >= 0; a--) {
                if (++j[a] < plan.axis(a).count()) {
                    break;
                }
                j[a] = 0;
            }
        }
        return new int[][] {rowBase, lastStart};
    }
}
