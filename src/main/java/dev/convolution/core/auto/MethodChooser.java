package dev.convolution.core.auto;

import dev.convolution.core.AxisPlan;
import dev.convolution.core.Method;
import dev.convolution.core.Plan;
import dev.convolution.core.direct.DirectConvolver;
import dev.convolution.core.fft.FftConvolver;

/**
 * The cost model behind {@code auto}, in units of one multiply-add of the plain-Java direct loop.
 * Direct costs {@code outputs × taps} at the cost of the loop this runtime runs
 * ({@link DirectConvolver#relativeCost}); a rank-one kernel runs direct as one pass per axis,
 * {@code outputs × Σ taps × SEPARABLE_MAC}; the FFT method prices its own windows and tiles
 * ({@link FftConvolver#cost}). The constants were fitted to sweeps of kernel sizes on this
 * implementation (see docs/performance.md), so the cheaper estimate is the faster method within the noise
 * of the sweep.
 */
public final class MethodChooser {
    /** Kernels with at most this many taps always run direct (the seed examples, small filters). */
    static final int SMALL_KERNEL = 32;
    /** One multiply-add of the separable passes (single-tap loops and an intermediate) in plain-loop units. */
    static final double SEPARABLE_MAC = 2.3;
    /** The float transforms' time over the double ones' (W4 and W5's shapes, 1D k = 4,095: 0.86–0.94; see docs/performance.md). */
    static final double FLOAT_FFT = 0.9;

    private final DirectConvolver direct;

    /** A chooser for the direct loop this runtime runs. */
    public MethodChooser() {
        this(new DirectConvolver());
    }

    /** A chooser for the given direct method (its loop). */
    public MethodChooser(DirectConvolver direct) {
        this.direct = direct;
    }

    /** Estimated cost of the direct method, in multiply-adds. */
    public double directCost(Plan plan) {
        return directCost(plan, false);
    }

    /** Estimated cost of the direct method, in multiply-adds, for float64 or (single) float32 data. */
    public double directCost(Plan plan, boolean single) {
        boolean oneDimensional = plan.nonUnitAxes().size() == 1;
        double c = single && DirectConvolver.floatApplies(plan) ? direct.relativeCost32(oneDimensional) : direct.relativeCost(oneDimensional);
        return (double) plan.outputSize() * plan.kernelSize() * c;
    }

    /** Estimated cost of the direct method for a rank-one kernel (one pass per axis). */
    public double separableCost(Plan plan) {
        return separableCost(plan, false);
    }

    /**
     * Estimated cost of the direct method for a rank-one kernel (one pass per axis), for float64 or float32 data (the
     * float passes move half the bytes and C2 vectorises them with twice the lanes).
     */
    public double separableCost(Plan plan, boolean single) {
        long taps = 0;
        for (AxisPlan a : plan.axes()) {
            taps += a.taps();
        }
        return (double) plan.outputSize() * taps * (single ? SEPARABLE_MAC / 2 : SEPARABLE_MAC);
    }

    /** Estimated cost of the FFT method, in the same units. */
    public double fftCost(Plan plan) {
        return FftConvolver.cost(plan);
    }

    /**
     * Estimated cost of the FFT method for float64 or (single) float32 data: JTransforms' float transforms are scalar
     * code like its double ones, so they save only memory traffic ({@link #FLOAT_FFT}); volumes and 4D arrays run the
     * double transforms.
     */
    public double fftCost(Plan plan, boolean single) {
        return single && plan.nonUnitAxes().size() <= 2 ? FftConvolver.cost(plan) * FLOAT_FFT : FftConvolver.cost(plan);
    }

    /** The method {@code auto} runs for a plan with a full-rank kernel. */
    public Method choose(Plan plan) {
        return choose(plan, false);
    }

    /**
     * The method {@code auto} runs for a plan.
     *
     * @param rankOne true when the kernel is an outer product, which direct runs as one pass per axis
     */
    public Method choose(Plan plan, boolean rankOne) {
        return choose(plan, rankOne, false);
    }

    /**
     * The method {@code auto} runs for a plan, for float64 or (single) float32 data: the direct loops in float do twice
     * the taps an instruction, the float transforms save only memory traffic.
     *
     * @param rankOne true when the kernel is an outer product, which direct runs as one pass per axis
     */
    public Method choose(Plan plan, boolean rankOne, boolean single) {
        if (plan.kernelSize() <= SMALL_KERNEL) {
            return Method.DIRECT;
        }
        double d = rankOne ? Math.min(separableCost(plan, single), directCost(plan, single)) : directCost(plan, single);
        return fftCost(plan, single) < d ? Method.FFT : Method.DIRECT;
    }

    /**
     * True when a rank-one kernel runs faster as one pass per axis than as the full direct loop (with
     * the SIMD loop, the full loop wins for medium kernels).
     */
    public boolean separableIsCheaper(Plan plan) {
        return separableIsCheaper(plan, false);
    }

    /** {@link #separableIsCheaper(Plan)} for float64 or (single) float32 data. */
    public boolean separableIsCheaper(Plan plan, boolean single) {
        return separableCost(plan, single) < directCost(plan, single);
    }
}
