package dev.convolution.service;

import dev.convolution.config.ConcurrencyProperties;
import dev.convolution.config.LimitsProperties;
import dev.convolution.core.Convolver;
import dev.convolution.core.Deadline;
import dev.convolution.core.Grid;
import dev.convolution.core.Limits;
import dev.convolution.core.Plan;
import dev.convolution.core.Result;
import dev.convolution.core.TraceEntry;
import dev.convolution.core.Tracer;
import dev.convolution.core.error.BudgetExceededException;
import dev.convolution.core.error.LimitExceededException;
import dev.convolution.core.stream.SlabConvolution;
import dev.convolution.core.type.ComplexConvolver;
import dev.convolution.core.type.ComplexResult;
import dev.convolution.core.type.ElementType;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/** Applies the configured limits, runs the core under a bounded number of permits (in the lane its cost decides), traces. */
@Service
public class ConvolutionService {
    private final LimitsProperties limits;
    private final ComputationPermits permits;
    private final long budgetMillis;
    private final ComputationMetrics metrics;
    private final MemoryAdmission memory;
    private final Convolver convolver = new Convolver();
    private final Tracer tracer = new Tracer();
    private final ComplexConvolver complex = new ComplexConvolver(convolver);

    public ConvolutionService(LimitsProperties limits, ConcurrencyProperties concurrency, ComputationPermits permits,
            ComputationMetrics metrics, MemoryAdmission memory) {
        this.limits = limits;
        this.memory = memory;
        this.permits = permits;
        this.budgetMillis = concurrency.timeBudget().toMillis();
        this.metrics = metrics;
        String loop = convolver.directLoop();
        org.slf4j.LoggerFactory.getLogger(ConvolutionService.class).info("Direct method loop: {} on Java {}{}", loop,
                Runtime.version().feature(),
                loop.startsWith("vector") ? "" : " (SIMD needs --add-modules=jdk.incubator.vector)");
    }

    /** Computes one request. */
    public Computation compute(ComputeCommand c) {
        requireSize(c.inputField(), c.input().size(), limits.maxInputElements());
        requireSize("kernel", c.kernel().size(), limits.maxKernelElements());
        Plan plan = Plan.of(c.spec(), c.input().shape(), c.kernel().shape(), coreLimits());
        TraceSelection trace = c.trace();
        int[] traced = trace == null ? null : tracer.select(plan, trace.field(), trace.labels(), limits.maxTraceTerms());
        metrics.input(plan, c.input().size());
        // complex data cost four real products a term
        ComputationPermits.Lane lane = ComputationPermits.laneOf((long) plan.outputSize() * plan.kernelSize() * (c.type().isComplex() ? 4 : 1));
        try {
            permits.acquire(lane);
        } catch (SaturatedException e) {
            metrics.rejected("saturated");
            throw e;
        }
        long start = System.nanoTime();
        try {
            if (c.type().isComplex()) {
                return complex(c, plan, traced, start);
            }
            // the data as the type holds them (float32: rounded to float), computed in that type (float32: in float)
            ElementType type = c.type();
            Grid x = type.round(c.input());
            Grid h = type.round(c.kernel());
            Result result = convolver.compute(plan, x, h, c.method(), Deadline.afterMillis(budgetMillis), type);
            if (type == ElementType.FLOAT32) {
                plan.requireFinite(result.output(), true); // a float that overflowed to ±infinity is a 422
            }
            metrics.computed(plan, result.method(), System.nanoTime() - start);
            List<TraceEntry> entries = traced == null ? null : tracer.trace(plan, traced, x, h);
            return new Computation(result, entries, type == ElementType.INT64 && !result.exact() ? ElementType.FLOAT64 : type);
        } catch (BudgetExceededException e) {
            metrics.rejected("time-budget");
            throw e;
        } finally {
            permits.release(lane);
        }
    }

    /**
     * Starts a streamed computation: an input of {@code inputDims} that will arrive along its first axis (the command's
     * input stands in for its type and rank only). Its working set (the rows in the kernel's reach, one block) is
     * reserved from the memory budget now, or {@link SaturatedException}.
     */
    public StreamedComputation stream(ComputeCommand c, int[] inputDims, SlabConvolution.Sink sink) {
        requireSize("kernel", c.kernel().size(), limits.maxKernelElements());
        return new StreamedComputation(c, inputDims, limits.streamBlockBytes(), limits.maxPaddedElements(), budgetMillis, convolver, permits,
                metrics, memory, sink);
    }

    /** A complex computation (the caller holds the permit): each part as the type holds it, the result rounded to it. */
    private Computation complex(ComputeCommand c, Plan plan, int[] traced, long start) {
        ElementType type = c.type();
        Grid xr = type.round(c.input());
        Grid hr = type.round(c.kernel());
        Grid xi = type.round(c.inputImaginary() != null ? c.inputImaginary() : zeros(xr));
        Grid hi = type.round(c.kernelImaginary() != null ? c.kernelImaginary() : zeros(hr));
        boolean conjugated = c.conjugates();
        ComplexResult r = complex.compute(plan, xr, xi, hr, hi, conjugated, c.method(), Deadline.afterMillis(budgetMillis), type);
        double[] re = type.round(r.re());
        double[] im = type.round(r.im());
        plan.requireFinite(re, type.isSingle());
        plan.requireFinite(im, type.isSingle());
        metrics.computed(plan, r.method(), System.nanoTime() - start);
        List<TraceEntry> traceRe = traced == null ? null : tracer.trace(plan, traced, xr, hr);
        List<TraceEntry> traceIm = traced == null ? null : tracer.trace(plan.withFillValue(0), traced, xi, hi);
        return new Computation(new Result(plan, re, r.method(), r.kernelRe(), false), traceRe, type,
                new Computation.Imaginary(im, r.kernelIm(), traceIm, conjugated));
    }

    private static Grid zeros(Grid like) {
        return new Grid(like.shape(), new double[like.values().length]);
    }

    /** Explains a request from shapes alone. */
    public Explanation explain(ExplainCommand c) {
        Plan plan = Plan.of(c.spec(), c.input(), "inputShape", c.kernel(), "kernelShape", coreLimits());
        TraceSelection selection = c.selection();
        int[] outputs = tracer.select(plan, selection.field(), selection.labels(), limits.maxTraceTerms());
        List<TraceEntry> entries = tracer.trace(plan, outputs, null, null);
        List<String> lines = new ArrayList<>(entries.size());
        for (TraceEntry e : entries) {
            lines.add(tracer.formulaLine(plan, e, c.symbols(), c.conjugated()));
        }
        return new Explanation(plan, entries, lines, c.symbols(), c.conjugated());
    }

    private Limits coreLimits() {
        return new Limits(limits.maxPaddedElements(), limits.maxOutputElements());
    }

    private static void requireSize(String field, long size, long max) {
        if (size > max) {
            throw new LimitExceededException(field, field + " has " + size + " elements; the limit is " + max
                    + " (convolution.limits.max-" + (field.equals("kernel") ? "kernel" : "input") + "-elements)");
        }
    }
}
