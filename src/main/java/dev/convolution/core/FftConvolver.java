package dev.convolution.core;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Computes the stride-1 sliding sums of a plan through the discrete Fourier transform
 * (JTransforms): {@code y1 = IDFT(DFT(xp) · conj(DFT(g_dilated)))} on a transform at least as long
 * as the padded input on each axis, so no term wraps around; then takes the plan's origins.
 *
 * <p>The 2D real transform is composed of 1D ones: a real transform of every row (keeping the
 * half spectrum), then complex transforms of the columns.
 */
public final class FftConvolver {
    /** Rounding error of double arithmetic. */
    private static final double EPS = 0x1p-53;

    /** Computes the output of a plan; results carry the FFT's rounding error. */
    public double[] convolve(Plan plan, Grid x, Grid h) {
        return convolve(plan, Padder.pad(plan, x), AppliedKernel.of(plan, h), Deadline.none());
    }

    /** Computes the output from the padded input and the applied kernel. */
    double[] convolve(Plan plan, double[] xp, double[] g, Deadline deadline) {
        return crop(plan, stride1(plan, xp, g, deadline));
    }

    /**
     * Computes the output of integer data exactly by rounding, or returns null when the
     * error bound cannot prove that rounding gives the exact integers.
     */
    double[] convolveIntegers(Plan plan, double[] xp, double[] g, Deadline deadline) {
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
    static double errorBound(Plan plan, double[] xp, double[] g) {
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
    static boolean mayOverflow(double[] xp, double[] g, long transformSize) {
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
    static int size(int n, boolean even) {
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
        int nr = size(rows.paddedLength(), false);
        int nc = size(cols.paddedLength(), true);
        RealTransform2D t = new RealTransform2D(nr, nc);
        double[] xs = t.forward(xp, rows.paddedLength(), cols.paddedLength());
        deadline.check();
        double[] gd = dilate(plan, g);
        double[] gs = t.forward(gd, rows.span(), cols.span());
        deadline.check();
        multiplyConjugate(xs, gs, 0); // X · conj(G): correlation
        return t.inverse(xs, rows.fullCount(), cols.fullCount());
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
    static int blockLength(int span, int paddedLength) {
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
    private static void multiplyConjugate(double[] a, double[] b, int from) {
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

    /** Picks the plan's outputs out of the stride-1 result. */
    private static double[] crop(Plan plan, double[] y1) {
        AxisPlan rows = plan.rows();
        AxisPlan cols = plan.cols();
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

    /**
     * A real 2D transform of size nr × nc (nc even) keeping the half spectrum, as interleaved
     * complex: a real transform of every row, then complex transforms of the columns, taken a group
     * of columns at a time so the gathers read whole cache lines. Rows and column groups are spread
     * over the shared pool.
     */
    private static final class RealTransform2D {
        private static final int GROUP = 8;
        private final int nr;
        private final int nc;
        private final int w;

        RealTransform2D(int nr, int nc) {
            this.nr = nr;
            this.nc = nc;
            this.w = nc / 2 + 1;
        }

        private long work(int rows) {
            return (long) rows * nc * 20 + (long) nr * w * 40;
        }

        /** Spectrum of a {@code rows × cols} real array placed at the origin of the zero-padded transform. */
        double[] forward(double[] a, int rows, int cols) {
            double[] s = new double[nr * 2 * w];
            eachRow(rows, (rowFft, buf, r) -> {
                java.util.Arrays.fill(buf, 0);
                System.arraycopy(a, r * cols, buf, 0, cols);
                rowFft.realForward(buf);
                int base = r * 2 * w;
                s[base] = buf[0];
                s[base + 2 * (w - 1)] = buf[1];
                System.arraycopy(buf, 2, s, base + 2, nc - 2);
            });
            columns(s, true);
            return s;
        }

        /** The top-left {@code rows × cols} of the real inverse of a spectrum (scaled). */
        double[] inverse(double[] s, int rows, int cols) {
            columns(s, false);
            double[] out = new double[rows * cols];
            eachRow(rows, (rowFft, buf, r) -> {
                int base = r * 2 * w;
                buf[0] = s[base];
                buf[1] = s[base + 2 * (w - 1)];
                System.arraycopy(s, base + 2, buf, 2, nc - 2);
                rowFft.realInverse(buf, true);
                System.arraycopy(buf, 0, out, r * cols, cols);
            });
            return out;
        }

        /** One row of a row pass, with the part's own transform and buffer. */
        private interface RowTask {
            void run(DoubleFFT_1D rowFft, double[] buf, int row);
        }

        /** Runs a row task for rows 0 … rows−1, in contiguous parts spread over the shared pool. */
        private void eachRow(int rows, RowTask task) {
            long work = work(rows);
            int parts = Math.min(rows, Parallel.parts(work));
            int per = (rows + parts - 1) / parts;
            Parallel.forEach(parts, work, part -> {
                DoubleFFT_1D rowFft = new DoubleFFT_1D(nc);
                double[] buf = new double[nc];
                for (int r = part * per; r < Math.min(rows, (part + 1) * per); r++) {
                    task.run(rowFft, buf, r);
                }
            });
        }

        private void columns(double[] s, boolean forward) {
            if (nr == 1) {
                return;
            }
            int groups = (w + GROUP - 1) / GROUP;
            int parts = Math.min(groups, Parallel.parts(work(nr)));
            int per = (groups + parts - 1) / parts;
            Parallel.forEach(parts, work(nr), part -> {
                DoubleFFT_1D colFft = new DoubleFFT_1D(nr);
                double[][] col = new double[GROUP][2 * nr];
                for (int gi = part * per; gi < Math.min(groups, (part + 1) * per); gi++) {
                    int k0 = gi * GROUP;
                    int kn = Math.min(GROUP, w - k0);
                    for (int r = 0; r < nr; r++) {
                        int base = r * 2 * w + 2 * k0;
                        for (int j = 0; j < kn; j++) {
                            col[j][2 * r] = s[base + 2 * j];
                            col[j][2 * r + 1] = s[base + 2 * j + 1];
                        }
                    }
                    for (int j = 0; j < kn; j++) {
                        if (forward) {
                            colFft.complexForward(col[j]);
                        } else {
                            colFft.complexInverse(col[j], true);
                        }
                    }
                    for (int r = 0; r < nr; r++) {
                        int base = r * 2 * w + 2 * k0;
                        for (int j = 0; j < kn; j++) {
                            s[base + 2 * j] = col[j][2 * r];
                            s[base + 2 * j + 1] = col[j][2 * r + 1];
                        }
                    }
                }
            });
        }
    }
}
