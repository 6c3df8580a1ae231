package dev.convolution.core.fft;

import dev.convolution.core.AxisPlan;
import dev.convolution.core.Deadline;
import dev.convolution.core.Plan;
import dev.convolution.core.parallel.Parallel;
import org.jtransforms.fft.DoubleFFT_1D;
import org.jtransforms.fft.DoubleFFT_2D;
import org.jtransforms.fft.FloatFFT_2D;

/**
 * Complex sliding sums along one axis or over a plane in complex transforms: one forward and one inverse transform a
 * window (or tile), where
 * composing the result from four real convolutions takes four of each (each real transform about half a complex one). A
 * window's circular sums {@code Σ_k g[k]·x[m+k]} are {@code IFFT(X·conj(FFT(conj g)))}; the rest is
 * {@link FftConvolver}'s overlap-save: windows of the same length, independent, over the shared pool.
 */
public final class ComplexOverlapSave {
    private ComplexOverlapSave() {
    }

    /** True when this path runs the plan: one or two axes longer than 1 (the others are of length 1). */
    public static boolean applies(Plan plan) {
        int axes = plan.nonUnitAxes().size();
        return axes == 1 || axes == 2;
    }

    /**
     * The plan's outputs {@code [real parts, imaginary parts]} from the padded input's parts (the imaginary part padded
     * as the plan pads it with a fill of 0) and the applied kernel's parts (its conjugate, where the kernel meets the input
     * conjugated).
     */
    public static double[][] compute(Plan plan, double[] xr, double[] xi, double[] gr, double[] gi, Deadline deadline) {
        return compute(plan, xr, xi, gr, gi, false, deadline);
    }

    /**
     * The plan's outputs as {@link #compute(Plan, double[], double[], double[], double[], Deadline)}; {@code single}
     * (complex64) runs a plane's tiles in float transforms where {@link FloatFft#keepsTheBound} proves their error, on
     * the moduli, within the float32 bound, as scipy transforms complex64 in single precision.
     */
    public static double[][] compute(Plan plan, double[] xr, double[] xi, double[] gr, double[] gi, boolean single,
            Deadline deadline) {
        if (!applies(plan)) {
            throw new IllegalArgumentException("complex overlap-save runs plans with one or two axes longer than 1");
        }
        double[] dr = FftConvolver.dilate(plan, gr);
        double[] di = FftConvolver.dilate(plan, gi);
        double[][] y1;
        if (plan.nonUnitAxes().size() == 1) {
            y1 = line(plan.nonUnitAxes().get(0), xr, xi, dr, di, deadline);
        } else if (single && FloatFft.keepsTheBound(plan, moduli(xr, xi), moduli(gr, gi))) {
            y1 = planeInFloat(plan.nonUnitAxes().get(0), plan.nonUnitAxes().get(1), xr, xi, dr, di, deadline);
        } else {
            y1 = plane(plan.nonUnitAxes().get(0), plan.nonUnitAxes().get(1), xr, xi, dr, di, deadline);
        }
        return new double[][] {FftConvolver.crop(plan, y1[0]), FftConvolver.crop(plan, y1[1])};
    }

    /** The stride-1 sums along one axis, by windows. */
    private static double[][] line(AxisPlan axis, double[] xr, double[] xi, double[] dr, double[] di, Deadline deadline) {
        int span = axis.span();
        int outputs = axis.fullCount();
        int n = FftConvolver.blockLength(span, axis.paddedLength());
        int step = n - span + 1;
        double[] kernel = new double[2 * n]; // FFT(conj g), interleaved
        for (int k = 0; k < span; k++) {
            kernel[2 * k] = dr[k];
            kernel[2 * k + 1] = -di[k];
        }
        new DoubleFFT_1D(n).complexForward(kernel);
        double[] yr = new double[outputs];
        double[] yi = new double[outputs];
        int blocks = (outputs + step - 1) / step;
        long work = (long) blocks * n * 40;
        int perPart = Math.max(1, blocks / Math.max(1, Parallel.parts(work)));
        int parts = (blocks + perPart - 1) / perPart;
        Parallel.forEach(parts, work, part -> {
            DoubleFFT_1D fft = new DoubleFFT_1D(n);
            double[] w = new double[2 * n];
            for (int b = part * perPart; b < Math.min(blocks, (part + 1) * perPart); b++) {
                deadline.check();
                int start = b * step;
                int len = Math.min(n, xr.length - start);
                for (int i = 0; i < len; i++) {
                    w[2 * i] = xr[start + i];
                    w[2 * i + 1] = xi[start + i];
                }
                java.util.Arrays.fill(w, 2 * len, 2 * n, 0);
                fft.complexForward(w);
                FftConvolver.multiplyConjugate(w, kernel, 0);
                fft.complexInverse(w, true);
                int keep = Math.min(step, outputs - start);
                for (int i = 0; i < keep; i++) {
                    yr[start + i] = w[2 * i];
                    yi[start + i] = w[2 * i + 1];
                }
            }
        });
        return new double[][] {yr, yi};
    }

    /**
     * The stride-1 sums over a plane, by tiles of the sizes the real path's cost model picks ({@link TileCost}): each
     * tile a 2D complex transform, the product with the kernel's spectrum at the tile size, the inverse.
     */
    private static double[][] plane(AxisPlan rows, AxisPlan cols, double[] xr, double[] xi, double[] dr, double[] di,
            Deadline deadline) {
        int pr = rows.paddedLength();
        int pc = cols.paddedLength();
        int er = rows.span();
        int ec = cols.span();
        int[] tiles = TileCost.tileLengths(rows, cols);
        int tr = tiles[0];
        int tc = tiles[1];
        int stepR = tr - er + 1;
        int stepC = tc - ec + 1;
        double[] kernel = new double[2 * tr * tc]; // FFT(conj g) at the tile size, interleaved, row-major
        for (int a = 0; a < er; a++) {
            for (int b = 0; b < ec; b++) {
                kernel[2 * (a * tc + b)] = dr[a * ec + b];
                kernel[2 * (a * tc + b) + 1] = -di[a * ec + b];
            }
        }
        new DoubleFFT_2D(tr, tc).complexForward(kernel);
        int outR = pr - er + 1;
        int outC = pc - ec + 1;
        double[] yr = new double[outR * outC];
        double[] yi = new double[outR * outC];
        int tilesR = (outR + stepR - 1) / stepR;
        int tilesC = (outC + stepC - 1) / stepC;
        int count = tilesR * tilesC;
        long work = (long) count * tr * tc * 80;
        ThreadLocal<double[]> buffers = ThreadLocal.withInitial(() -> new double[2 * tr * tc]);
        ThreadLocal<DoubleFFT_2D> transforms = ThreadLocal.withInitial(() -> new DoubleFFT_2D(tr, tc));
        Parallel.forEach(count, work, t -> {
            deadline.check();
            double[] w = buffers.get();
            java.util.Arrays.fill(w, 0);
            int r0 = (t / tilesC) * stepR;
            int c0 = (t % tilesC) * stepC;
            int rowsIn = Math.min(tr, pr - r0);
            int colsIn = Math.min(tc, pc - c0);
            for (int i = 0; i < rowsIn; i++) {
                int from = (r0 + i) * pc + c0;
                int to = 2 * i * tc;
                for (int j = 0; j < colsIn; j++) {
                    w[to + 2 * j] = xr[from + j];
                    w[to + 2 * j + 1] = xi[from + j];
                }
            }
            DoubleFFT_2D fft = transforms.get();
            fft.complexForward(w);
            FftConvolver.multiplyConjugate(w, kernel, 0);
            fft.complexInverse(w, true);
            int keepR = Math.min(stepR, outR - r0);
            int keepC = Math.min(stepC, outC - c0);
            for (int i = 0; i < keepR; i++) {
                int to = (r0 + i) * outC + c0;
                int from = 2 * i * tc;
                for (int j = 0; j < keepC; j++) {
                    yr[to + j] = w[from + 2 * j];
                    yi[to + j] = w[from + 2 * j + 1];
                }
            }
        });
        return new double[][] {yr, yi};
    }

    /** The moduli of complex values, as floats: what the float transforms' error bound is computed on. */
    private static float[] moduli(double[] re, double[] im) {
        float[] m = new float[re.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = (float) Math.sqrt(re[i] * re[i] + im[i] * im[i]);
        }
        return m;
    }

    /** {@link #plane} in float transforms (complex64): the same tiles, half the bytes, float's arithmetic. */
    private static double[][] planeInFloat(AxisPlan rows, AxisPlan cols, double[] xr, double[] xi, double[] dr, double[] di,
            Deadline deadline) {
        int pr = rows.paddedLength();
        int pc = cols.paddedLength();
        int er = rows.span();
        int ec = cols.span();
        int[] tiles = TileCost.tileLengths(rows, cols);
        int tr = tiles[0];
        int tc = tiles[1];
        int stepR = tr - er + 1;
        int stepC = tc - ec + 1;
        float[] kernel = new float[2 * tr * tc];
        for (int a = 0; a < er; a++) {
            for (int b = 0; b < ec; b++) {
                kernel[2 * (a * tc + b)] = (float) dr[a * ec + b];
                kernel[2 * (a * tc + b) + 1] = (float) -di[a * ec + b];
            }
        }
        new FloatFFT_2D(tr, tc).complexForward(kernel);
        int outR = pr - er + 1;
        int outC = pc - ec + 1;
        double[] yr = new double[outR * outC];
        double[] yi = new double[outR * outC];
        int tilesR = (outR + stepR - 1) / stepR;
        int tilesC = (outC + stepC - 1) / stepC;
        int count = tilesR * tilesC;
        ThreadLocal<float[]> buffers = ThreadLocal.withInitial(() -> new float[2 * tr * tc]);
        ThreadLocal<FloatFFT_2D> transforms = ThreadLocal.withInitial(() -> new FloatFFT_2D(tr, tc));
        Parallel.forEach(count, (long) count * tr * tc * 40, t -> {
            deadline.check();
            float[] w = buffers.get();
            java.util.Arrays.fill(w, 0);
            int r0 = (t / tilesC) * stepR;
            int c0 = (t % tilesC) * stepC;
            int rowsIn = Math.min(tr, pr - r0);
            int colsIn = Math.min(tc, pc - c0);
            for (int i = 0; i < rowsIn; i++) {
                int from = (r0 + i) * pc + c0;
                int to = 2 * i * tc;
                for (int j = 0; j < colsIn; j++) {
                    w[to + 2 * j] = (float) xr[from + j];
                    w[to + 2 * j + 1] = (float) xi[from + j];
                }
            }
            FloatFFT_2D fft = transforms.get();
            fft.complexForward(w);
            for (int i = 0; i < w.length; i += 2) { // w·conj(kernel)
                float re = w[i];
                float im = w[i + 1];
                float c = kernel[i];
                float d = -kernel[i + 1];
                w[i] = re * c - im * d;
                w[i + 1] = re * d + im * c;
            }
            fft.complexInverse(w, true);
            int keepR = Math.min(stepR, outR - r0);
            int keepC = Math.min(stepC, outC - c0);
            for (int i = 0; i < keepR; i++) {
                int to = (r0 + i) * outC + c0;
                int from = 2 * i * tc;
                for (int j = 0; j < keepC; j++) {
                    yr[to + j] = w[from + 2 * j];
                    yi[to + j] = w[from + 2 * j + 1];
                }
            }
        });
        return new double[][] {yr, yi};
    }
}
