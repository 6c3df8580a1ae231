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
    private final Convolver convolver = new Convolver();
    private final Tracer tracer = new Tracer();

    public ConvolutionService(LimitsProperties limits, ConcurrencyProperties concurrency, ComputationPermits permits,
            ComputationMetrics metrics) {
        this.limits = limits;
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
        ComputationPermits.Lane lane = ComputationPermits.laneOf((long) plan.outputSize() * plan.kernelSize());
        try {
            permits.acquire(lane);
        } catch (SaturatedException e) {
            metrics.rejected("saturated");
            throw e;
        }
        long start = System.nanoTime();
        try {
            // the data as the type holds them (float32: rounded to float), computed in that type (float32: in float)
            ElementType type = c.type();
            Grid x = type.round(c.input());
            Grid h = type.round(c.kernel());
            Result result = convolver.compute(plan, x, h, c.method(), Deadline.afterMillis(budgetMillis), type);
            if (type == ElementType.FLOAT32) {
                plan.requireFinite(result.output()); // a float that overflowed to ±infinity is a 422
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

    /** Explains a request from shapes alone. */
    public Explanation explain(ExplainCommand c) {
        Plan plan = Plan.of(c.spec(), c.input(), "inputShape", c.kernel(), "kernelShape", coreLimits());
        TraceSelection selection = c.selection();
        int[] outputs = tracer.select(plan, selection.field(), selection.labels(), limits.maxTraceTerms());
        List<TraceEntry> entries = tracer.trace(plan, outputs, null, null);
        List<String> lines = new ArrayList<>(entries.size());
        for (TraceEntry e : entries) {
            lines.add(tracer.formulaLine(plan, e, c.symbols()));
        }
        return new Explanation(plan, entries, lines, c.symbols());
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
