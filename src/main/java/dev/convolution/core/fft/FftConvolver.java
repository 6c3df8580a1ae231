package dev.convolution.core.fft;

import dev.convolution.core.AppliedKernel;
import dev.convolution.core.AxisPlan;
import dev.convolution.core.Deadline;
import dev.convolution.core.Grid;
import dev.convolution.core.Padder;
import dev.convolution.core.Plan;
import dev.convolution.core.parallel.Parallel;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Computes the stride-1 sliding sums of a plan through the discrete Fourier transform
 * (JTransforms): {@code y1 = IDFT(DFT(xp) · conj(DFT(g_dilated)))}, by overlap-save (1D windows,
 * 2D tiles in {@link OverlapSave2D}) so that no term wraps around; then takes the plan's origins.
 */
public final class FftConvolver {
    /** Rounding error of double arithmetic. */
    private static final double EPS = 0x1p-53;

    static {
        // JTransforms would split a transform over its own threads (1D from 8,192 points) while the
        // shared pool already runs one transform per core: one thread per transform, parallel outside
        org.visnow.jlargearrays.ConcurrencyUtils.setNumberOfThreads(1);
    }

    /** Computes the output of a plan; results carry the FFT's rounding error. */
    public double[] convolve(Plan plan, Grid x, Grid h) {
        return convolve(plan, Padder.pad(plan, x), AppliedKernel.of(plan, h), Deadline.none());
    }

    /** Computes the output from the padded input and the applied kernel. */
    public double[] convolve(Plan plan, double[] xp, double[] g, Deadline deadline) {
        return crop(plan, stride1(plan, xp, g, deadline));
    }

    /**
     * Computes the output of integer data exactly by rounding, or returns null when the
     * error bound cannot prove that rounding gives the exact integers.
     */
    public double[] convolveIntegers(Plan plan, double[] xp, double[] g, Deadline deadline) {
        if (errorBound(plan, xp, g) >= 0.25) {
            return null;
        }
        double[] y = crop(plan, stride1(plan, xp, g, deadline));
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.rint(y[i]) + 0.0; // + 0.0 turns the −0 of a tiny negative residue into the exact 0
        }
        return y;
    }

    /**
     * An upper bound on the absolute error of any output: {@code ‖xp‖₂·‖g‖₂·c·ε·log₂N}, the
     * classical bound for FFT-based products (Percival 2003) with a generous constant for mixed
     * radices and twiddle-factor error.
     */
    public static double errorBound(Plan plan, double[] xp, double[] g) {
        double nx = 0;
        for (double v : xp) {
            nx += v * v;
        }
        double ng = 0;
        for (double v : g) {
            ng += v * v;
        }
        long n = (long) size(plan.rows().paddedLength(), false) * size(plan.cols().paddedLength(), true);
        double log = Math.max(1, Math.log(n) / Math.log(2));
        return Math.sqrt(nx) * Math.sqrt(ng) * 32 * EPS * log;
    }

    /** True when an FFT could overflow where the sums themselves do not. */
    public static boolean mayOverflow(double[] xp, double[] g, long transformSize) {
        double mx = 0;
        for (double v : xp) {
            mx = Math.max(mx, Math.abs(v));
        }
        double mg = 0;
        for (double v : g) {
            mg = Math.max(mg, Math.abs(v));
        }
        return mx * mg * transformSize * (double) g.length > 1e300;
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

    /** y1[or][oc] for every stride-1 origin, {@code rows.fullCount × cols.fullCount}. */
    private static double[] stride1(Plan plan, double[] xp, double[] g, Deadline deadline) {
        if (plan.rows().paddedLength() == 1) {
            return overlapSave(plan, xp, g, deadline);
        }
        AxisPlan rows = plan.rows();
        AxisPlan cols = plan.cols();
        return OverlapSave2D.correlate(xp, rows.paddedLength(), cols.paddedLength(), dilate(plan, g), rows.span(), cols.span(),
                OverlapSave2D.tileLengths(rows, cols), deadline);
    }

    /**
     * 1D sliding sums by overlap-save: the padded input is cut into overlapping windows of a
     * transform length N (a power of two, a few times the kernel span); each window's circular
     * correlation with the kernel is exact for its first {@code N − E + 1} outputs. Windows are
     * independent and run over the shared pool; the kernel's spectrum is computed once.
     */
    private static double[] overlapSave(Plan plan, double[] xp, double[] g, Deadline deadline) {
        AxisPlan cols = plan.cols();
        int span = cols.span();
        int outputs = cols.fullCount();
        int n = blockLength(span, cols.paddedLength());
        int step = n - span + 1;
        double[] gd = dilate(plan, g);
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

    /** The applied kernel with {@code dilation − 1} zeros between taps, {@code rows.span × cols.span}. */
    private static double[] dilate(Plan plan, double[] g) {
        AxisPlan rows = plan.rows();
        AxisPlan cols = plan.cols();
        double[] gd = new double[rows.span() * cols.span()];
        for (int tr = 0; tr < rows.taps(); tr++) {
            for (int tc = 0; tc < cols.taps(); tc++) {
                gd[tr * rows.dilation() * cols.span() + tc * cols.dilation()] = g[tr * cols.taps() + tc];
            }
        }
        return gd;
    }

    private static boolean takesEveryOrigin(AxisPlan axis) {
        return axis.stride() == 1 && !axis.reversed();
    }

    /** Picks the plan's outputs out of the stride-1 result. */
    private static double[] crop(Plan plan, double[] y1) {
        AxisPlan rows = plan.rows();
        AxisPlan cols = plan.cols();
        if (takesEveryOrigin(rows) && takesEveryOrigin(cols)) {
            return y1; // stride 1, not reversed: the outputs are the stride-1 sums as they are
        }
        double[] y = new double[plan.outputSize()];
        int w = cols.fullCount();
        for (int r = 0; r < rows.count(); r++) {
            int base = rows.origin(r) * w;
            for (int c = 0; c < cols.count(); c++) {
                y[r * cols.count() + c] = y1[base + cols.origin(c)];
            }
        }
        return y;
    }
}
