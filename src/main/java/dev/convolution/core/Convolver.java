package dev.convolution.core;

import dev.convolution.core.direct.DirectConvolver;
import dev.convolution.core.error.ResultNotRepresentableException;
import dev.convolution.core.fft.FftConvolver;
import java.util.Arrays;

/**
 * Runs a planned operation with the requested method, keeping the contract's promises: integer
 * data give exact integers whatever the method, and a result that overflows is refused.
 */
public final class Convolver {
    private final DirectConvolver direct = new DirectConvolver();
    private final FftConvolver fft = new FftConvolver();
    private final MethodChooser chooser = new MethodChooser();

    /** The direct method's innermost loop on this runtime: {@code vector-<lanes>} (SIMD) or {@code scalar}. */
    public String directLoop() {
        return direct.loopName();
    }

    /** Computes the output of a plan with the requested method ({@code AUTO} chooses), with no time budget. */
    public Result compute(Plan plan, Grid x, Grid h, Method requested) {
        return compute(plan, x, h, requested, Deadline.none());
    }

    /** Computes the output of a plan within a time budget. */
    public Result compute(Plan plan, Grid x, Grid h, Method requested, Deadline deadline) {
        requireShapes(plan, x, h);
        double[] g = AppliedKernel.of(plan, h);
        // the kernel first: it is small, and a kernel that is not integral spares the input's scan
        boolean integers = h.allIntegers() && x.allIntegers() && Padder.paddingIsInteger(plan);
        double[][] factors = DirectConvolver.separableFactors(plan, g, integers);
        if (factors != null && !chooser.separableIsCheaper(plan)) {
            factors = null; // the full direct loop is faster than the two passes for this kernel
        }
        Method method = requested == Method.AUTO ? chooser.choose(plan, factors != null) : requested;
        double[] y = null;
        if (method == Method.FFT) {
            y = fftIfSafe(plan, Padder.pad(plan, x), g, integers, deadline);
            if (y == null) {
                method = Method.DIRECT;
            }
        }
        if (y == null) {
            y = direct.convolve(plan, x, g, integers, factors, deadline); // checks its outputs are finite
        } else {
            plan.requireFinite(y);
        }
        return new Result(plan, y, method, g);
    }

    /** The FFT result, or null where the FFT could not keep the contract (exactness, overflow). */
    private double[] fftIfSafe(Plan plan, double[] xp, double[] g, boolean integers, Deadline deadline) {
        long n = (long) FftConvolver.size(plan.rows().paddedLength(), false)
                * FftConvolver.size(plan.cols().paddedLength(), true);
        if (FftConvolver.mayOverflow(xp, g, n)) {
            return null;
        }
        return integers ? fft.convolveIntegers(plan, xp, g, deadline) : fft.convolve(plan, xp, g, deadline);
    }

    private static void requireShapes(Plan plan, Grid x, Grid h) {
        if (x.rows() != plan.rows().n() || x.cols() != plan.cols().n() || h.rows() != plan.rows().taps()
                || h.cols() != plan.cols().taps()) {
            throw new IllegalArgumentException("the plan was made for other shapes");
        }
    }

}
