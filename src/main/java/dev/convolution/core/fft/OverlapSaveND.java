package dev.convolution.core.fft;

import dev.convolution.core.Deadline;
import dev.convolution.core.Shape;
import dev.convolution.core.parallel.Parallel;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Stride-1 sliding sums of rank 3 and 4, {@code y1[u] = Σ_t xp[u + t]·gd[t]}, through the real
 * discrete Fourier transform by overlap-save tiles, as {@link OverlapSave2D} does for two axes: the
 * padded input is cut into overlapping tiles (per axis a power of two longer than the kernel's
 * span, or the whole axis at the smallest 5-smooth length, the combination with the least
 * {@link TileCost}); each tile's circular correlation with the kernel is exact for its first
 * {@code t − e + 1} outputs per axis. The kernel's spectrum is computed once, at the tile size.
 *
 * <p>A tile's transform is composed of 1D ones and skips what is known to be zero or not needed:
 * the real transform of the last axis only for lines that hold data; complex transforms along the
 * middle axes only for lines whose earlier indices hold data; along the first axis forward, times
 * the conjugate of the kernel's line, and inverse in one go; then the inverses along the middle axes
 * only for lines whose earlier indices are outputs, and the real inverse only for output lines.
 * Lines are gathered a group of neighbours at a time, so the gathers read whole cache lines. Tiles
 * run over the shared pool; a single tile spreads its line groups over it instead.
 *
 * <p>The first axis may instead be left untransformed ({@link #DIRECT}): one tile spans it, each of its planes is
 * transformed over the other axes, and each output plane is the sum over the kernel's planes of an input plane's
 * spectrum times the conjugate of a kernel plane's, {@code Y[i] = Σ_τ X[i + τ]·conj(G[τ])}: a short kernel axis costs
 * fewer operations summed than transformed, in plain loops the JIT vectorises, and no tile overlaps another on it.
 */
final class OverlapSaveND {
    /** Neighbouring lines gathered at a time. */
    private static final int GROUP = 8;
    /**
     * A tile length for the first axis that means: not transformed, summed directly over the kernel's planes (one
     * tile spans the axis).
     */
    static final int DIRECT = 0;
    /** Spectrum values per plane summed at a time by the direct first axis (the planes' block stays in L2). */
    private static final int BLOCK = 128;

    private enum Pass { FORWARD, INVERSE, PRODUCT, KERNEL }

    private final int m;
    /** The first axis is summed directly ({@link #DIRECT}). */
    private final boolean direct;
    private final int[] t;
    private final int[] step;
    /** Complex values per spectrum line of the last axis: {@code t[m−1]/2 + 1}. */
    private final int w;
    /** Complex values between neighbours along axis a of the spectrum ({@code a < m − 1}). */
    private final int[] inner;
    /** Spectrum lines of the last axis: {@code Π_{a<m−1} t[a]}. */
    private final int lines;
    /** The kernel's spectrum by first-axis line: {@code kernel[c]} holds {@code 2·t[0]} interleaved values. */
    private final double[][] kernel;
    /**
     * With the direct first axis, the spectrum of each kernel plane over the other axes, real and imaginary parts
     * by block of {@link #BLOCK} values ({@code kernelRe[τ][c / BLOCK][c % BLOCK]}), and the planes that are not all
     * zero (a dilated kernel's are).
     */
    private double[][][] kernelRe;
    private double[][][] kernelIm;
    private int[] kernelPlanes;
    private final ConcurrentLinkedQueue<Workspace> spare = new ConcurrentLinkedQueue<>();

    private OverlapSaveND(int[] t, int[] e, int[] p) {
        this.m = t.length;
        this.direct = t[0] == DIRECT;
        this.t = t.clone();
        if (direct) {
            this.t[0] = p[0];
        }
        t = this.t;
        this.step = new int[m];
        for (int a = 0; a < m; a++) {
            step[a] = t[a] - e[a] + 1;
        }
        this.w = t[m - 1] / 2 + 1;
        this.inner = new int[m - 1];
        int in = w;
        for (int a = m - 2; a >= 0; a--) {
            inner[a] = in;
            in *= t[a];
        }
        int l = 1;
        for (int a = 0; a < m - 1; a++) {
            l *= t[a];
        }
        this.lines = l;
        this.kernel = direct ? null : new double[inner[0]][];
    }

    /** The stride-1 sums of a padded input (lengths p) with a dilated kernel (spans e), {@code p − e + 1} per axis. */
    static double[] correlate(double[] xp, int[] p, double[] gd, int[] e, int[] tiles, Deadline deadline) {
        OverlapSaveND o = new OverlapSaveND(tiles, e, p);
        int m = p.length;
        int[] f = new int[m];
        int[] counts = new int[m];
        int total = 1;
        int count = 1;
        for (int a = 0; a < m; a++) {
            f[a] = p[a] - e[a] + 1;
            total *= f[a];
            counts[a] = (f[a] + o.step[a] - 1) / o.step[a];
            count *= counts[a];
        }
        o.kernelSpectrum(gd, e);
        deadline.check();
        double[] y1 = new double[total];
        long points = 1;
        for (int v : o.t) {
            points *= v;
        }
        long work = count * points * 40;
        if (count == 1) {
            o.tile(xp, p, y1, f, new int[m], true, deadline);
        } else {
            int tilesCount = count;
            Parallel.forEach(tilesCount, work, b -> {
                int[] origin = new int[m];
                int r = b;
                for (int a = m - 1; a >= 0; a--) {
                    origin[a] = (r % counts[a]) * o.step[a];
                    r /= counts[a];
                }
                o.tile(xp, p, y1, f, origin, false, deadline);
            });
        }
        return y1;
    }

    /** A thread's spectrum buffer and transforms. */
    private final class Workspace {
        final double[] s = new double[lines * 2 * w];
        final DoubleFFT_1D lastFft = new DoubleFFT_1D(t[m - 1]);
        final double[] buf = new double[t[m - 1]];
        final DoubleFFT_1D[] axisFft = new DoubleFFT_1D[m - 1];
        final double[][][] col = new double[m - 1][][];

        Workspace() {
            for (int a = direct ? 1 : 0; a < m - 1; a++) {
                axisFft[a] = new DoubleFFT_1D(t[a]);
                col[a] = new double[GROUP][2 * t[a]];
            }
        }
    }

    private Workspace workspace() {
        Workspace ws = spare.poll();
        return ws == null ? new Workspace() : ws;
    }

    private void kernelSpectrum(double[] gd, int[] e) {
        Workspace ws = workspace();
        int[] origin = new int[m];
        int[] none = new int[m];
        forwardPasses(ws, gd, e, origin, e, true);
        if (direct) {
            int plane = inner[0];
            int blocks = (plane + BLOCK - 1) / BLOCK;
            kernelRe = new double[e[0]][blocks][BLOCK];
            kernelIm = new double[e[0]][blocks][BLOCK];
            int[] planes = new int[e[0]];
            int nonZero = 0;
            for (int tau = 0; tau < e[0]; tau++) {
                boolean zero = true;
                for (int c = 0; c < plane; c++) {
                    double re = ws.s[2 * (tau * plane + c)];
                    double im = ws.s[2 * (tau * plane + c) + 1];
                    kernelRe[tau][c / BLOCK][c % BLOCK] = re;
                    kernelIm[tau][c / BLOCK][c % BLOCK] = im;
                    zero &= re == 0 && im == 0;
                }
                if (!zero) {
                    planes[nonZero++] = tau;
                }
            }
            kernelPlanes = Arrays.copyOf(planes, nonZero);
        } else {
            linePass(ws, 0, none, e[0], 0, Pass.KERNEL, true);
        }
        spare.add(ws);
    }

    /** The real transforms of the last axis and the complex ones of the middle axes, for a tile of data lengths {@code data}. */
    private void forwardPasses(Workspace ws, double[] xp, int[] p, int[] origin, int[] data, boolean spread) {
        double[] s = ws.s;
        for (int a = 0; a < m - 1; a++) {
            if (data[a] < t[a]) {
                Arrays.fill(s, 0); // lines past the data on some axis stay zero; a full tile writes every line
                break;
            }
        }
        int[] pStrides = Shape.of(p).strides();
        int last = m - 1;
        int dataLast = data[last];
        rowPass(ws, data, spread, (fft, buf, line, idx) -> {
            int from = origin[last];
            for (int a = 0; a < last; a++) {
                from += (origin[a] + idx[a]) * pStrides[a];
            }
            System.arraycopy(xp, from, buf, 0, dataLast);
            Arrays.fill(buf, dataLast, buf.length, 0);
            fft.realForward(buf);
            SpectrumLines.unpack(buf, t[last], s, line * 2 * w);
        });
        for (int a = m - 2; a >= 1; a--) {
            linePass(ws, a, data, data[a], t[a], Pass.FORWARD, spread);
        }
    }

    /** One tile at the given origin of the padded input; its outputs land at the same origin of y1. */
    private void tile(double[] xp, int[] p, double[] y1, int[] f, int[] origin, boolean spread, Deadline deadline) {
        deadline.check();
        Workspace ws = workspace();
        int[] data = new int[m];
        int[] out = new int[m];
        for (int a = 0; a < m; a++) {
            data[a] = Math.min(t[a], p[a] - origin[a]);
            out[a] = Math.min(step[a], f[a] - origin[a]);
        }
        forwardPasses(ws, xp, p, origin, data, spread);
        deadline.check();
        if (direct) {
            directFirstAxis(ws, data[0], out[0], spread);
        } else {
            linePass(ws, 0, data, data[0], out[0], Pass.PRODUCT, spread);
        }
        deadline.check();
        for (int a = 1; a <= m - 2; a++) {
            linePass(ws, a, out, t[a], out[a], Pass.INVERSE, spread);
        }
        double[] s = ws.s;
        int last = m - 1;
        int[] fStrides = Shape.of(f).strides();
        int outLast = out[last];
        rowPass(ws, out, spread, (fft, buf, line, idx) -> {
            SpectrumLines.pack(s, line * 2 * w, t[last], buf);
            fft.realInverse(buf, true);
            int to = origin[last];
            for (int a = 0; a < last; a++) {
                to += (origin[a] + idx[a]) * fStrides[a];
            }
            System.arraycopy(buf, 0, y1, to, outLast);
        });
        spare.add(ws);
    }

    /**
     * The direct first axis: output plane i (of {@code out}) becomes {@code Σ_τ X[i + τ]·conj(G[τ])} over the kernel's
     * planes, where X is the spectrum of input plane i + τ (of {@code data}) over the other axes. A block of each
     * plane's values at a time: the input planes' block is copied out first (real and imaginary parts apart, so the
     * loops run at one index the JIT vectorises), then each output plane's block is summed and written back.
     */
    private void directFirstAxis(Workspace ws, int data, int out, boolean spread) {
        double[] s = ws.s;
        int plane = inner[0];
        int blocks = (plane + BLOCK - 1) / BLOCK;
        long work = spread ? (long) out * kernelPlanes.length * plane * 4 : 0;
        int parts = Math.max(1, Math.min(blocks, Parallel.parts(work)));
        int per = (blocks + parts - 1) / parts;
        Parallel.forEach(parts, work, part -> {
            double[][] xr = new double[data][BLOCK];
            double[][] xi = new double[data][BLOCK];
            double[] yr = new double[BLOCK];
            double[] yi = new double[BLOCK];
            for (int b = part * per; b < Math.min(blocks, (part + 1) * per); b++) {
                int c0 = b * BLOCK;
                int n = Math.min(BLOCK, plane - c0);
                for (int i = 0; i < data; i++) {
                    int at = 2 * (i * plane + c0);
                    double[] r = xr[i];
                    double[] im = xi[i];
                    for (int c = 0; c < n; c++) {
                        r[c] = s[at + 2 * c];
                        im[c] = s[at + 2 * c + 1];
                    }
                }
                for (int i = 0; i < out; i++) {
                    Arrays.fill(yr, 0, n, 0.0);
                    Arrays.fill(yi, 0, n, 0.0);
                    int k = 0;
                    for (; k + 2 <= kernelPlanes.length; k += 2) { // two planes a pass: the sums are loaded and stored once for two
                        int t0 = kernelPlanes[k];
                        int t1 = kernelPlanes[k + 1];
                        sumConjugateProducts(yr, yi, xr[i + t0], xi[i + t0], kernelRe[t0][b], kernelIm[t0][b], xr[i + t1], xi[i + t1],
                                kernelRe[t1][b], kernelIm[t1][b], n);
                    }
                    if (k < kernelPlanes.length) {
                        int tau = kernelPlanes[k];
                        sumConjugateProduct(yr, yi, xr[i + tau], xi[i + tau], kernelRe[tau][b], kernelIm[tau][b], n);
                    }
                    int at = 2 * (i * plane + c0);
                    for (int c = 0; c < n; c++) {
                        s[at + 2 * c] = yr[c];
                        s[at + 2 * c + 1] = yi[c];
                    }
                }
            }
        });
    }

    /**
     * y += a·conj(p) + b·conj(q), element by element, real and imaginary parts in their own arrays (two pairs: with four
     * the JIT stops vectorising the loop).
     */
    static void sumConjugateProducts(double[] yr, double[] yi, double[] ar, double[] ai, double[] pr, double[] pi, double[] br,
            double[] bi, double[] qr, double[] qi, int n) {
        for (int c = 0; c < n; c++) {
            double re = yr[c];
            double im = yi[c];
            re = Math.fma(ar[c], pr[c], Math.fma(ai[c], pi[c], re));
            im = Math.fma(ai[c], pr[c], Math.fma(-ar[c], pi[c], im));
            re = Math.fma(br[c], qr[c], Math.fma(bi[c], qi[c], re));
            im = Math.fma(bi[c], qr[c], Math.fma(-br[c], qi[c], im));
            yr[c] = re;
            yi[c] = im;
        }
    }

    /** y += x·conj(g), element by element, real and imaginary parts in their own arrays. */
    static void sumConjugateProduct(double[] yr, double[] yi, double[] xr, double[] xi, double[] gr, double[] gi, int n) {
        for (int c = 0; c < n; c++) {
            double a = xr[c];
            double b = xi[c];
            double p = gr[c];
            double q = gi[c];
            yr[c] = Math.fma(a, p, Math.fma(b, q, yr[c]));
            yi[c] = Math.fma(b, p, Math.fma(-a, q, yi[c]));
        }
    }

    private interface RowTask {
        void run(DoubleFFT_1D fft, double[] buf, int line, int[] idx);
    }

    /** Runs a task for every last-axis line whose leading indices are below {@code lim}, in parts over the pool when spread. */
    private void rowPass(Workspace ws, int[] lim, boolean spread, RowTask task) {
        int lead = m - 1;
        int count = 1;
        for (int a = 0; a < lead; a++) {
            count *= lim[a];
        }
        int total = count;
        long work = spread ? (long) total * t[lead] * 20 : 0;
        int parts = Math.max(1, Math.min(total, Parallel.parts(work)));
        int per = (total + parts - 1) / parts;
        Parallel.forEach(parts, work, part -> {
            DoubleFFT_1D fft = parts == 1 ? ws.lastFft : new DoubleFFT_1D(t[lead]);
            double[] buf = parts == 1 ? ws.buf : new double[t[lead]];
            int[] idx = new int[lead];
            for (int u = part * per; u < Math.min(total, (part + 1) * per); u++) {
                int r = u;
                int line = 0;
                int mul = 1;
                for (int a = lead - 1; a >= 0; a--) {
                    idx[a] = r % lim[a];
                    r /= lim[a];
                    line += idx[a] * mul;
                    mul *= t[a];
                }
                task.run(fft, buf, line, idx);
            }
        });
    }

    /**
     * Complex transforms along axis a ({@code a < m − 1}) of the lines whose earlier indices are
     * below {@code lim}: gathers the first {@code gather} values of each line (the rest are zero),
     * transforms, and scatters back the first {@code scatter}.
     */
    private void linePass(Workspace ws, int a, int[] lim, int gather, int scatter, Pass pass, boolean spread) {
        int outer = 1;
        for (int b = 0; b < a; b++) {
            outer *= lim[b];
        }
        int in = inner[a];
        int groups = (in + GROUP - 1) / GROUP;
        int units = outer * groups;
        int ta = t[a];
        long work = spread ? (long) outer * in * ta * 40 : 0;
        int parts = Math.max(1, Math.min(units, Parallel.parts(work)));
        int per = (units + parts - 1) / parts;
        double[] s = ws.s;
        Parallel.forEach(parts, work, part -> {
            DoubleFFT_1D fft = parts == 1 ? ws.axisFft[a] : new DoubleFFT_1D(ta);
            double[][] col = parts == 1 ? ws.col[a] : new double[GROUP][2 * ta];
            for (int u = part * per; u < Math.min(units, (part + 1) * per); u++) {
                int o = u / groups;
                int c0 = (u % groups) * GROUP;
                int kn = Math.min(GROUP, in - c0);
                int flat = 0; // the outer indices on the tile's axes 0 … a−1
                int mul = 1;
                for (int b = a - 1; b >= 0; b--) {
                    flat += (o % lim[b]) * mul;
                    o /= lim[b];
                    mul *= t[b];
                }
                int at = 2 * (flat * ta * in + c0);
                SpectrumLines.gather(s, at, 2 * in, gather, kn, col);
                for (int j = 0; j < kn; j++) {
                    double[] line = col[j];
                    Arrays.fill(line, 2 * gather, 2 * ta, 0);
                    switch (pass) {
                        case FORWARD -> fft.complexForward(line);
                        case INVERSE -> fft.complexInverse(line, true);
                        case PRODUCT -> {
                            fft.complexForward(line);
                            FftConvolver.multiplyConjugate(line, kernel[c0 + j], 0);
                            fft.complexInverse(line, true);
                        }
                        case KERNEL -> {
                            fft.complexForward(line);
                            kernel[c0 + j] = line.clone();
                        }
                    }
                }
                SpectrumLines.scatter(col, scatter, kn, s, at, 2 * in);
            }
        });
    }
}
