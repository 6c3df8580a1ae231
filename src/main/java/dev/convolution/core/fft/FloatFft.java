package dev.convolution.core.fft;

import dev.convolution.core.AxisPlan;
import dev.convolution.core.Deadline;
import dev.convolution.core.Plan;
import dev.convolution.core.parallel.Parallel;
import java.util.List;
import org.jtransforms.fft.FloatFFT_1D;

/**
 * The FFT method in single precision, for float32 data in one or two dimensions: {@link FftConvolver}'s overlap-save
 * windows (1D) and tiles ({@link OverlapSave2DFloat}) with JTransforms' float transforms, then the same crop. It runs
 * where {@link #keepsTheBound} proves the float transform's error within the contract's float32 bound; elsewhere (and on
 * volumes and 4D arrays) float32 data go through the double transforms and are rounded.
 */
public final class FloatFft {
    /** Rounding error of float arithmetic. */
    private static final double EPS = 0x1p-24;
    /** The contract's float32 bound: within this fraction of {@code Σ|padded x|·max|h|}. */
    private static final double FLOAT32_BOUND = 1e-5;

    private FloatFft() {
    }

    /**
     * True when the float transforms apply to the plan (one or two axes that are not unit axes) and their error bound
     * ({@link FftConvolver#errorBound}'s, at float's rounding error) is within the contract's float32 bound for these
     * data, and no transform can overflow float.
     */
    public static boolean keepsTheBound(Plan plan, float[] xp, float[] g) {
        if (plan.nonUnitAxes().size() > 2) {
            return false;
        }
        double nx = 0;
        double sx = 0;
        double mx = 0;
        for (float v : xp) {
            nx += (double) v * v;
            sx += Math.abs(v);
            mx = Math.max(mx, Math.abs(v));
        }
        double ng = 0;
        double mg = 0;
        for (float v : g) {
            ng += (double) v * v;
            mg = Math.max(mg, Math.abs(v));
        }
        double bound = Math.sqrt(nx) * Math.sqrt(ng) * 32 * EPS * FftConvolver.errorDepth(plan);
        boolean fits = mx * mg * FftConvolver.transformSize(plan) * (double) g.length < 1e30;
        return fits && bound <= FLOAT32_BOUND * sx * mg;
    }

    /** The output of float32 data from the padded input and the applied kernel, in float transforms. */
    public static float[] compute(Plan plan, float[] xp, float[] g, Deadline deadline) {
        List<AxisPlan> t = plan.nonUnitAxes();
        float[] gd = dilate(plan, g);
        float[] y1;
        if (t.size() == 1) {
            y1 = overlapSave(t.get(0), xp, gd, deadline);
        } else {
            AxisPlan rows = t.get(0);
            AxisPlan cols = t.get(1);
            y1 = OverlapSave2DFloat.correlate(xp, rows.paddedLength(), cols.paddedLength(), gd, rows.span(), cols.span(),
                    TileCost.tileLengths(rows, cols), deadline);
        }
        return crop(plan, y1);
    }

    /** {@link FftConvolver}'s 1D overlap-save windows in float. */
    private static float[] overlapSave(AxisPlan axis, float[] xp, float[] gd, Deadline deadline) {
        int span = axis.span();
        int outputs = axis.fullCount();
        int n = FftConvolver.blockLength(span, axis.paddedLength());
        int step = n - span + 1;
        float[] gs = new float[n];
        System.arraycopy(gd, 0, gs, 0, span);
        new FloatFFT_1D(n).realForward(gs);
        float[] y1 = new float[outputs];
        int blocks = (outputs + step - 1) / step;
        int perPart = Math.max(1, blocks / Math.max(1, Parallel.parts((long) blocks * n * 20)));
        int parts = (blocks + perPart - 1) / perPart;
        Parallel.forEach(parts, (long) blocks * n * 20, part -> {
            FloatFFT_1D fft = new FloatFFT_1D(n);
            float[] w = new float[n];
            for (int b = part * perPart; b < Math.min(blocks, (part + 1) * perPart); b++) {
                deadline.check();
                int start = b * step;
                int len = Math.min(n, xp.length - start);
                System.arraycopy(xp, start, w, 0, len);
                java.util.Arrays.fill(w, len, n, 0);
                fft.realForward(w);
                w[0] *= gs[0];
                w[1] *= gs[1];
                multiplyConjugate(w, gs, 2);
                fft.realInverse(w, true);
                System.arraycopy(w, 0, y1, start, Math.min(step, outputs - start));
            }
        });
        return y1;
    }

    /** a ← a·conj(b) for interleaved complex values from index {@code from} on. */
    static void multiplyConjugate(float[] a, float[] b, int from) {
        for (int i = from; i < a.length; i += 2) {
            float re = a[i];
            float im = a[i + 1];
            float c = b[i];
            float d = -b[i + 1];
            a[i] = re * c - im * d;
            a[i + 1] = re * d + im * c;
        }
    }

    /** The applied kernel with {@code dilation − 1} zeros between taps on every axis ({@link FftConvolver#dilatedIndex}). */
    private static float[] dilate(Plan plan, float[] g) {
        int[] at = FftConvolver.dilatedIndex(plan);
        float[] gd = new float[at[g.length]];
        for (int k = 0; k < g.length; k++) {
            gd[at[k]] = g[k];
        }
        return gd;
    }

    /** The plan's outputs out of the stride-1 sums, as {@link FftConvolver} picks them ({@link FftConvolver#cropIndex}). */
    private static float[] crop(Plan plan, float[] y1) {
        int[][] at = FftConvolver.cropIndex(plan);
        if (at == null) {
            return y1;
        }
        int[] rowBase = at[0];
        int[] lastStart = at[1];
        float[] y = new float[plan.outputSize()];
        for (int row = 0, out = 0; row < rowBase.length; row++) {
            for (int c = 0; c < lastStart.length; c++, out++) {
                y[out] = y1[rowBase[row] + lastStart[c]];
            }
        }
        return y;
    }
}
