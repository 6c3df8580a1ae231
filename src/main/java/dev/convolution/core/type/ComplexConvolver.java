package dev.convolution.core.type;

import dev.convolution.core.Convolver;
import dev.convolution.core.Deadline;
import dev.convolution.core.Grid;
import dev.convolution.core.Method;
import dev.convolution.core.Plan;
import dev.convolution.core.Result;
import dev.convolution.core.channel.ChannelConvolver;
import dev.convolution.core.fft.ComplexOverlapSave;
import dev.convolution.core.fft.FftConvolver;
import dev.convolution.core.operand.AppliedKernel;
import dev.convolution.core.operand.Padder;

/**
 * Complex convolution and correlation composed from real ones, as scipy.ndimage composes its complex filters: with
 * {@code x = xr + i·xi} and the kernel as it is applied {@code g = hr + i·gi} ({@code gi = −hi} when a correlation
 * conjugates the kernel, numpy's and scipy's {@code correlate}; {@code gi = hi} otherwise),
 * <pre>
 *   y = (xr⊛hr − xi⊛gi) + i·(xr⊛gi + xi⊛hr)
 * </pre>
 * where {@code ⊛} is the plan's real operation, every mode, boundary, stride and dilation as the real path runs them.
 * Every boundary is linear in the data, so padding the two parts apart is padding the complex data; the one exception is
 * the fill value, a real number: it pads {@code fillValue + 0i}, so the imaginary part pads with zeros. A part that is
 * zero everywhere (real data, a real kernel) spares its two products. Along one axis or over a plane the FFT method runs
 * in complex transforms instead ({@link ComplexOverlapSave}); auto prices the two methods for complex sums.
 */
public final class ComplexConvolver {
    private final Convolver real;

    public ComplexConvolver(Convolver real) {
        this.real = real;
    }

    /**
     * The complex result.
     *
     * @param xi the input's imaginary part (same shape as {@code xr})
     * @param hi the kernel's imaginary part as stored (same shape as {@code hr})
     * @param conjugate true when the kernel meets the input conjugated (a correlation that conjugates)
     */
    public ComplexResult compute(Plan plan, Grid xr, Grid xi, Grid hr, Grid hi, boolean conjugate, Method requested,
            Deadline deadline) {
        return compute(plan, xr, xi, hr, hi, conjugate, requested, deadline, ElementType.COMPLEX128);
    }

    /**
     * The complex result in a complex type: complex64's real products run on the float32 path (float vectors), whose
     * parts are within float32's bound; the transforms of one axis or a plane run in double.
     */
    public ComplexResult compute(Plan plan, Grid xr, Grid xi, Grid hr, Grid hi, boolean conjugate, Method requested,
            Deadline deadline, ElementType type) {
        ElementType parts = type.realPart();
        Plan imaginary = plan.withFillValue(0); // fillValue + 0i
        Grid gi = conjugate ? negated(hi) : hi;
        Method method = real.complexMethod(plan, requested, parts == ElementType.FLOAT32);
        if (method == Method.FFT && ComplexOverlapSave.applies(plan)) {
            ComplexResult r = fft(plan, imaginary, xr, xi, hr, gi, parts == ElementType.FLOAT32, deadline);
            if (r != null) {
                return r;
            }
        }
        boolean realInputZero = isZero(xr) && plan.withFillValue(0) == plan;
        boolean imagInputZero = isZero(xi);
        boolean imagKernelZero = isZero(gi);
        if (parts == ElementType.FLOAT32 && method == Method.DIRECT) {
            ComplexResult r = inChannels(plan, xr, imagInputZero ? null : xi, hr, gi, deadline);
            if (r != null) {
                return r;
            }
        }
        Result rr = real.compute(plan, xr, hr, method, deadline, parts);
        int n = plan.outputSize();
        double[] yr = copy(rr.output(), n, realInputZero);
        double[] yi = new double[n];
        if (!imagInputZero && !imagKernelZero) {
            subtract(yr, real.compute(imaginary, xi, gi, method, deadline, parts).output());
        }
        if (!realInputZero && !imagKernelZero) {
            add(yi, real.compute(plan, xr, gi, method, deadline, parts).output());
        }
        if (!imagInputZero) {
            add(yi, real.compute(imaginary, xi, hr, method, deadline, parts).output());
        }
        plan.requireFinite(yr);
        plan.requireFinite(yi);
        return new ComplexResult(plan, yr, yi, rr.method(), rr.kernelAsApplied(), AppliedKernel.of(plan, gi));
    }

    /**
     * One axis by the FFT: complex transforms of the complex data, one forward and one inverse a window (the parts
     * composed from real products would take twice the transform work); null where a sum could overflow, which the
     * composed path refuses as the real one does.
     */
    private static ComplexResult fft(Plan plan, Plan imaginary, Grid xr, Grid xi, Grid hr, Grid gi, boolean single, Deadline deadline) {
        double[] xrp = Padder.pad(plan, xr);
        double[] xip = Padder.pad(imaginary, xi);
        double[] gr = AppliedKernel.of(plan, hr);
        double[] gia = AppliedKernel.of(plan, gi);
        if (FftConvolver.mayOverflow(plan, xrp, gr) || FftConvolver.mayOverflow(plan, xrp, gia) || FftConvolver.mayOverflow(plan, xip, gr)
                || FftConvolver.mayOverflow(plan, xip, gia)) {
            return null;
        }
        double[][] y = ComplexOverlapSave.compute(plan, xrp, xip, gr, gia, single, deadline);
        plan.requireFinite(y[0]);
        plan.requireFinite(y[1]);
        return new ComplexResult(plan, y[0], y[1], Method.FFT, gr, gia);
    }

    /**
     * complex64 by direct sums in float, as the channel sums of a layer with the input's parts as two inputs and the
     * output's as two outputs, {@code yr = xr⋆hr + xi⋆(−gi)} and {@code yi = xr⋆gi + xi⋆hr}, summed together
     * ({@link Convolver#channelSums}): each value of the input is read once for both parts of the output. Null where
     * the channel sums do not take the plan in float (a strided last axis, reversed outputs, too many terms), or where
     * the parts pad differently (a fill value, which the imaginary part takes as 0).
     *
     * @param xi the input's imaginary part, null when it is zero (its products are spared)
     */
    private ComplexResult inChannels(Plan plan, Grid xr, Grid xi, Grid hr, Grid gi, Deadline deadline) {
        Grid[] inputs = xi == null ? new Grid[] {xr} : new Grid[] {xr, xi};
        if (!ChannelConvolver.applies(plan) || !ChannelConvolver.appliesInFloat(plan, inputs.length)
                || xi != null && Padder.fillUsed(plan) && plan.spec().fillValue() != 0) {
            return null;
        }
        Grid[][] kernels = xi == null ? new Grid[][] {{hr}, {gi}} : new Grid[][] {{hr, negated(gi)}, {gi, hr}};
        double[][] y = real.channelSums(plan, new Grid[][] {inputs}, kernels, Method.DIRECT, deadline, ElementType.FLOAT32)[0];
        return new ComplexResult(plan, y[0], y[1], Method.DIRECT, AppliedKernel.of(plan, hr), AppliedKernel.of(plan, gi));
    }

    private static double[] copy(double[] y, int n, boolean zero) {
        return zero ? new double[n] : y;
    }

    private static boolean isZero(Grid g) {
        for (double v : g.values()) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    private static Grid negated(Grid g) {
        double[] v = g.values();
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = -v[i];
        }
        return new Grid(g.shape(), out);
    }

    private static void add(double[] y, double[] part) {
        for (int i = 0; i < y.length; i++) {
            y[i] += part[i];
        }
    }

    private static void subtract(double[] y, double[] part) {
        for (int i = 0; i < y.length; i++) {
            y[i] -= part[i];
        }
    }
}
