package dev.convolution.core;

import dev.convolution.core.direct.DirectConvolver;
import dev.convolution.core.fft.FftConvolver;

/**
 * Runs a planned operation with the requested method, keeping the contract's promises: integer
 * data give exact integers whatever the method, and a result that overflows is refused.
 */
public final class Convolver {
    private final DirectConvolver direct = new DirectConvolver();
    private final FftConvolver fft = new FftConvolver();
    private final MethodChooser chooser = new MethodChooser(direct);

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
            factors = null; // the full direct loop is faster than the passes for this kernel
        }
        Method method = requested == Method.AUTO ? chooser.choose(plan, factors != null) : requested;
        double[] y = null;
        if (method == Method.FFT) {
            double[] xp = Padder.pad(plan, x);
            if (!FftConvolver.mayOverflow(plan, xp, g)) {
                y = integers ? fft.computeIntegers(plan, xp, g, deadline) : fft.compute(plan, xp, g, deadline);
            }
            if (y == null) {
                method = Method.DIRECT; // the FFT could not keep the contract (exactness, overflow)
            }
        }
        if (y == null) {
            y = direct.compute(plan, x, g, integers, factors, deadline); // checks its outputs are finite
        } else {
            plan.requireFinite(y);
        }
        return new Result(plan, y, method, g);
    }

    private static void requireShapes(Plan plan, Grid x, Grid h) {
        if (x.rank() != plan.rank() || h.rank() != plan.rank()) {
            throw new IllegalArgumentException("the plan was made for other shapes");
        }
        for (int a = 0; a < plan.rank(); a++) {
            if (x.shape().dim(a) != plan.axis(a).n() || h.shape().dim(a) != plan.axis(a).taps()) {
                throw new IllegalArgumentException("the plan was made for other shapes");
            }
        }
    }
}
