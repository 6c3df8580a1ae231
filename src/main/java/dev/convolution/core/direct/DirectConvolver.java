package dev.convolution.core.direct;

import dev.convolution.core.operand.AppliedKernel;
import dev.convolution.core.Deadline;
import dev.convolution.core.Grid;
import dev.convolution.core.operand.Padder;
import dev.convolution.core.Plan;
import dev.convolution.core.parallel.Parallel;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The sum of products, term by term, over the padded input: {@code y1[o] = Σ_t g[t]·xp[o + t·d]}
 * on every axis, taken at the outputs the plan's {@link dev.convolution.core.AxisPlan#inputPosition}
 * gives. Three ways, one definition: cache-sized tiles summed by a {@link TileLoop} (the general
 * case), one pass per axis for a rank-one kernel ({@link SeparablePasses}), and exact integer sums
 * ({@link ExactSums}) where doubles could leave the range in which they are exact (±2^53).
 */
public final class DirectConvolver {
    private static final double EXACT_LIMIT = 0x1p53;
    /**
     * The float32 bound's rule: taps summed in float before a block's sum is added to an output, and the blocks an output
     * may be added from ({@code (128 + 32)·2⁻²⁴ < 1e-5}: an output carries at most 160 float roundings).
     */
    public static final int FLOAT_BLOCK_TAPS = Tiling.BLOCK_TAPS;
    public static final int FLOAT_MAX_BLOCKS = Tiling.MAX_BLOCKS;

    private final TileLoop loop;
    private final FloatTileLoop floatLoop;

    /** A direct convolver with the loops this runtime runs best. */
    public DirectConvolver() {
        this(TileLoop.preferred(), FloatTileLoop.preferred());
    }

    /** A direct convolver whose float32 tiles run the given loop (and the best loops otherwise). */
    public DirectConvolver(FloatTileLoop floatLoop) {
        this(TileLoop.preferred(), floatLoop);
    }

    /** A direct convolver with the given innermost loop of its tiles (and the best float32 loop). */
    public DirectConvolver(TileLoop loop) {
        this(loop, FloatTileLoop.preferred());
    }

    private DirectConvolver(TileLoop loop, FloatTileLoop floatLoop) {
        this.loop = loop;
        this.floatLoop = floatLoop;
    }

    /** The name of the tiles' innermost loop ({@code scalar}, or {@code vector-8} for 8-lane SIMD). */
    public String loopName() {
        return loop.name();
    }

    /** The cost of one multiply-add of the tiles' loop in plain-loop multiply-adds (the cost model's unit). */
    public double relativeCost(boolean oneDimensional) {
        return loop.relativeCost(oneDimensional);
    }

    /** The name of the float32 tiles' innermost loop ({@code scalar}, or {@code vector-16} for 16-lane SIMD). */
    public String floatLoopName() {
        return floatLoop.name();
    }

    /** The cost of one multiply-add of the float32 tiles' loop in plain-loop multiply-adds (the cost model's unit). */
    public double relativeCost32(boolean oneDimensional) {
        return floatLoop.relativeCost(oneDimensional);
    }

    /** Computes the output of a plan. */
    public double[] convolve(Plan plan, Grid x, Grid h) {
        boolean integers = h.allIntegers() && x.allIntegers() && Padder.paddingIsInteger(plan);
        double[] g = AppliedKernel.of(plan, h);
        return compute(plan, x, g, integers, separableFactors(plan, g, integers), Deadline.none());
    }

    /**
     * Computes the output from the input and the applied kernel, and refuses it when some output is
     * not finite ({@link dev.convolution.core.error.ResultNotRepresentableException}).
     *
     * @param integers true when every value met (padding included) is an integer
     * @param factors the {@link #separableFactors separable factors} of the kernel, or null
     */
    public double[] compute(Plan plan, Grid x, double[] g, boolean integers, double[][] factors, Deadline deadline) {
        double[] y;
        if (integers && sumsMayLeaveExactRange(plan, x, g)) {
            y = ExactSums.compute(plan, Padder.pad(plan, x), g, deadline);
        } else if (factors != null) {
            y = SeparablePasses.compute(plan, Padder.pad(plan, x), factors, deadline);
        } else {
            return tiled(plan, x, g, deadline); // checks its outputs tile by tile
        }
        plan.requireFinite(y);
        return y;
    }

    /**
     * True when the float32 sums keep the contract's bound for this plan's kernel ({@link #compute32}): at most
     * {@link Tiling#MAX_BLOCKS} blocks of taps. Otherwise a float32 problem is computed in double and rounded.
     */
    public static boolean floatApplies(Plan plan) {
        java.util.List<dev.convolution.core.AxisPlan> axes = plan.nonUnitAxes();
        int r = axes.size();
        int kc = axes.get(r - 1).taps();
        int kr = r >= 2 ? axes.get(r - 2).taps() : 1;
        long groups = plan.kernelSize() / ((long) kr * kc);
        long blocks;
        if (plan.kernelSize() <= Tiling.BLOCK_TAPS || (long) kr * kc <= Tiling.BLOCK_TAPS) {
            long per = Math.max(1, Tiling.BLOCK_TAPS / (kr * kc));
            blocks = (groups + per - 1) / per;
        } else if (kc <= Tiling.BLOCK_TAPS) {
            int per = Tiling.BLOCK_TAPS / kc;
            blocks = groups * ((kr + per - 1) / per);
        } else {
            blocks = groups * kr * ((kc + Tiling.BLOCK_TAPS - 1) / Tiling.BLOCK_TAPS);
        }
        return blocks <= Tiling.MAX_BLOCKS;
    }

    /**
     * The float32 factors of a rank-one kernel ({@link #separableFactors} rounded to float) with which the passes keep
     * the contract's float32 bound, or null.
     */
    public static float[][] floatFactors(double[][] factors) {
        return SeparablePasses.floatFactors(factors);
    }

    /**
     * Computes the output of float32 data in float: the input x and the applied kernel g as floats, the sums in float
     * (the tiles' {@link FloatTileLoop}, or one pass per axis with float factors), and refuses the output when some
     * value is not finite (a float overflows to infinity). For plans where {@link #floatApplies}.
     *
     * @param factors the {@link #floatFactors float factors} of the kernel, or null
     */
    public float[] compute32(Plan plan, float[] x, float[] g, float[][] factors, Deadline deadline) {
        return compute32(plan, x, g, factors, deadline, null);
    }

    /**
     * {@link #compute32(Plan, float[], float[], float[][], Deadline)} into {@code into} when it is given and holds exactly
     * the output (every value is stored, none read first), a new array otherwise: for a caller that computes block after
     * block of one shape and hands each on before the next.
     */
    public float[] compute32(Plan plan, float[] x, float[] g, float[][] factors, Deadline deadline, float[] into) {
        float[] y;
        if (factors != null) {
            y = SeparablePasses.compute(plan, Padder.pad(plan, x), factors, deadline);
            if (!FloatTileLoop.scalar().allFinite(y, 0, y.length)) {
                plan.requireFinite(widen(y), true);
            }
            return y;
        }
        Tiling t = new Tiling(plan);
        Tiling.Blocks blocks = t.blocks(g);
        y = into != null && into.length == plan.outputSize() ? into : new float[plan.outputSize()];
        float[] out = y;
        long work = (long) plan.outputSize() * plan.kernelSize();
        AtomicBoolean nonFinite = new AtomicBoolean();
        Parallel.forEach(t.tiles(), work, b -> {
            deadline.check();
            if (!t.run(floatLoop, x, blocks, out, b)) {
                nonFinite.set(true);
            }
        });
        if (nonFinite.get()) {
            plan.requireFinite(widen(y), true); // finds and names the first one
        }
        return y;
    }

    private static double[] widen(float[] y) {
        double[] d = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            d[i] = y[i];
        }
        return d;
    }

    /** True when some product or partial sum may exceed 2^53 in magnitude, where doubles stop being exact. */
    static boolean sumsMayLeaveExactRange(Plan plan, Grid x, double[] g) {
        double maxX = Padder.fillUsed(plan) ? Math.abs(plan.spec().fillValue()) : 0;
        for (double v : x.values()) {
            maxX = Math.max(maxX, Math.abs(v));
        }
        double sumG = 0;
        for (double v : g) {
            sumG += Math.abs(v);
        }
        // every product and partial sum is bounded by maxX·Σ|g|; the margin covers the rounding of the bound
        return maxX * sumG * (1 + 0x1p-40) >= EXACT_LIMIT;
    }

    /**
     * The factors with which a kernel runs as one pass per axis (one vector per axis that is not a
     * unit axis, their outer product the kernel exactly), or null: when at most one axis has more
     * than one tap, when the kernel is not exactly rank one, or when integer data would meet a
     * non-integer factor (integer data stay exact only if every pass multiplies by integers).
     */
    public static double[][] separableFactors(Plan plan, double[] g, boolean integers) {
        return SeparablePasses.factors(plan, g, integers);
    }

    /**
     * The direct sums, tile by tile ({@link Tiling}), spread over the shared pool when the job is
     * large. No padded copy of the whole input is made.
     */
    private double[] tiled(Plan plan, Grid x, double[] g, Deadline deadline) {
        Tiling t = new Tiling(plan);
        double[] y = new double[plan.outputSize()];
        long work = (long) plan.outputSize() * plan.kernelSize();
        AtomicBoolean nonFinite = new AtomicBoolean();
        Parallel.forEach(t.tiles(), work, b -> {
            deadline.check();
            if (!t.run(loop, x, g, y, b)) {
                nonFinite.set(true);
            }
        });
        if (nonFinite.get()) {
            plan.requireFinite(y); // finds and names the first one
        }
        return y;
    }
}
