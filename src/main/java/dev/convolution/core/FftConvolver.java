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
        // X · conj(G): correlation
        for (int i = 0; i < xs.length; i += 2) {
            double a = xs[i];
            double b = xs[i + 1];
            double c = gs[i];
            double d = -gs[i + 1];
            xs[i] = a * c - b * d;
            xs[i + 1] = a * d + b * c;
        }
        return t.inverse(xs, rows.fullCount(), cols.fullCount());
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

    /** A real 2D transform of size nr × nc (nc even) keeping the half spectrum, as interleaved complex. */
    private static final class RealTransform2D {
        private final int nr;
        private final int nc;
        private final int w;
        private final DoubleFFT_1D rowFft;
        private final DoubleFFT_1D colFft;

        RealTransform2D(int nr, int nc) {
            this.nr = nr;
            this.nc = nc;
            this.w = nc / 2 + 1;
            this.rowFft = new DoubleFFT_1D(nc);
            this.colFft = nr > 1 ? new DoubleFFT_1D(nr) : null;
        }

        /** Spectrum of a {@code rows × cols} real array placed at the origin of the zero-padded transform. */
        double[] forward(double[] a, int rows, int cols) {
            double[] s = new double[nr * 2 * w];
            double[] buf = new double[nc];
            for (int r = 0; r < rows; r++) {
                java.util.Arrays.fill(buf, 0);
                System.arraycopy(a, r * cols, buf, 0, cols);
                rowFft.realForward(buf);
                int base = r * 2 * w;
                s[base] = buf[0];
                s[base + 2 * (w - 1)] = buf[1];
                System.arraycopy(buf, 2, s, base + 2, nc - 2);
            }
            columns(s, true);
            return s;
        }

        /** The top-left {@code rows × cols} of the real inverse of a spectrum (scaled). */
        double[] inverse(double[] s, int rows, int cols) {
            columns(s, false);
            double[] out = new double[rows * cols];
            double[] buf = new double[nc];
            for (int r = 0; r < rows; r++) {
                int base = r * 2 * w;
                buf[0] = s[base];
                buf[1] = s[base + 2 * (w - 1)];
                System.arraycopy(s, base + 2, buf, 2, nc - 2);
                rowFft.realInverse(buf, true);
                System.arraycopy(buf, 0, out, r * cols, cols);
            }
            return out;
        }

        private void columns(double[] s, boolean forward) {
            if (colFft == null) {
                return;
            }
            double[] col = new double[2 * nr];
            for (int k = 0; k < w; k++) {
                for (int r = 0; r < nr; r++) {
                    col[2 * r] = s[r * 2 * w + 2 * k];
                    col[2 * r + 1] = s[r * 2 * w + 2 * k + 1];
                }
                if (forward) {
                    colFft.complexForward(col);
                } else {
                    colFft.complexInverse(col, true);
                }
                for (int r = 0; r < nr; r++) {
                    s[r * 2 * w + 2 * k] = col[2 * r];
                    s[r * 2 * w + 2 * k + 1] = col[2 * r + 1];
                }
            }
        }
    }
}
