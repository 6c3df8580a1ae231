package dev.convolution.core;

import dev.convolution.core.direct.TileLoop;
import dev.convolution.core.fft.FftConvolver;
import dev.convolution.core.fft.OverlapSave2D;

/**
 * The cost model behind {@code auto}, in units of one direct multiply-add. Direct costs
 * {@code outputs × taps}. A 1D FFT runs overlap-save over windows of length {@code N_b}:
 * {@code windows × N_b·log₂N_b × FFT_STEP_1D}. A 2D FFT runs overlap-save tiles and costs their
 * element-steps ({@link OverlapSave2D#cost}) {@code × FFT_STEP_2D}. A rank-one 2D kernel runs direct as two 1D passes,
 * {@code outputs × (K_r + K_c) × SEPARABLE_MAC}. The constants were fitted to a sweep of kernel sizes on this
 * implementation (1D n = 10^6, 2D 1024², k from 3 to 4095; see BENCHMARKS.md), so the cheaper
 * estimate is the faster method within the noise of the sweep. The unit is a multiply-add of the
 * plain-Java direct loop; the SIMD loop's multiply-add costs {@link TileLoop#relativeCost()} of it.
 */
public final class MethodChooser {
    private final TileLoop loop;

    /** A chooser for the direct loop this runtime runs. */
    public MethodChooser() {
        this(TileLoop.preferred());
    }

    /** A chooser for the given direct loop. */
    MethodChooser(TileLoop loop) {
        this.loop = loop;
    }

    /** One 1D overlap-save element-step (forward and inverse transform and product) in multiply-adds. */
    static final double FFT_STEP_1D = 4.0;
    /** One 2D element-step of the overlap-save tiles ({@link OverlapSave2D#cost}) in multiply-adds. */
    static final double FFT_STEP_2D = 3.1;
    /** Kernels with at most this many taps always run direct (the seed examples, small filters). */
    static final int SMALL_KERNEL = 32;
    /** One multiply-add of the two separable passes (single-tap loops and an intermediate) in 8-tap-pass units. */
    static final double SEPARABLE_MAC = 2.3;

    /** Estimated cost of the direct method, in multiply-adds. */
    public double directCost(Plan plan) {
        return (double) plan.outputSize() * plan.kernelSize() * loop.relativeCost(plan.rows().paddedLength() == 1);
    }

    /** Estimated cost of the direct method for a rank-one 2D kernel (two 1D passes). */
    public double separableCost(Plan plan) {
        return (double) plan.outputSize() * (plan.rows().taps() + plan.cols().taps()) * SEPARABLE_MAC;
    }

    /** Estimated cost of the FFT method, in the same units. */
    public double fftCost(Plan plan) {
        if (plan.rows().paddedLength() == 1) {
            AxisPlan cols = plan.cols();
            int n = FftConvolver.blockLength(cols.span(), cols.paddedLength());
            double windows = Math.ceil((double) cols.fullCount() / Math.max(1, n - cols.span() + 1));
            return windows * n * log2(n) * FFT_STEP_1D;
        }
        return OverlapSave2D.cost(plan.rows(), plan.cols()) * FFT_STEP_2D;
    }

    private static double log2(double n) {
        return Math.max(1, Math.log(n) / Math.log(2));
    }

    /** The method {@code auto} runs for a plan with a full-rank kernel. */
    public Method choose(Plan plan) {
        return choose(plan, false);
    }

    /**
     * The method {@code auto} runs for a plan.
     *
     * @param rankOne true when the 2D kernel is an outer product, which direct runs as two 1D passes
     */
    public Method choose(Plan plan, boolean rankOne) {
        if (plan.kernelSize() <= SMALL_KERNEL) {
            return Method.DIRECT;
        }
        double direct = rankOne ? Math.min(separableCost(plan), directCost(plan)) : directCost(plan);
        return fftCost(plan) < direct ? Method.FFT : Method.DIRECT;
    }

    /**
     * True when a rank-one kernel runs faster as two 1D passes than as the full 2D direct loop (with
     * the SIMD loop, the full loop wins for medium kernels).
     */
    public boolean separableIsCheaper(Plan plan) {
        return separableCost(plan) < directCost(plan);
    }
}
