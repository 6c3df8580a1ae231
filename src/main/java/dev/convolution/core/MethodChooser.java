package dev.convolution.core;

/**
 * The cost model behind {@code auto}. Direct costs one multiply-add per output and kernel tap;
 * an FFT costs about three real transforms of the padded size {@code N}, each
 * {@code ≈ N·log₂N} butterfly steps, plus the pointwise product. The constants are the
 * measured time of one multiply-add and of one transform step per element on this
 * implementation (relative units); the FFT wins once {@code outputs × taps} clearly exceeds
 * {@code N·log₂N·FFT_STEP}.
 */
public final class MethodChooser {
    /** Relative cost of one direct multiply-add (vectorised inner loop). */
    static final double DIRECT_MAC = 1.0;
    /** Relative cost of one element-step of a transform (three transforms and the product together). */
    static final double FFT_STEP = 6.0;
    /** Kernels with at most this many taps always run direct (the seed examples, small filters). */
    static final int SMALL_KERNEL = 32;

    /** Estimated cost of the direct method, in multiply-adds. */
    public double directCost(Plan plan) {
        return (double) plan.outputSize() * plan.kernelSize() * DIRECT_MAC;
    }

    /** Estimated cost of the FFT method, in the same units. */
    public double fftCost(Plan plan) {
        double n = (double) FftConvolver.size(plan.rows().paddedLength(), false)
                * FftConvolver.size(plan.cols().paddedLength(), true);
        return n * Math.max(1, Math.log(n) / Math.log(2)) * FFT_STEP + 4 * n;
    }

    /** The method {@code auto} runs for a plan. */
    public Method choose(Plan plan) {
        if (plan.kernelSize() <= SMALL_KERNEL) {
            return Method.DIRECT;
        }
        return fftCost(plan) < directCost(plan) ? Method.FFT : Method.DIRECT;
    }
}
