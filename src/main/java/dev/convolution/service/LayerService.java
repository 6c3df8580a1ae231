package dev.convolution.service;

import dev.convolution.config.ConcurrencyProperties;
import dev.convolution.config.LimitsProperties;
import dev.convolution.core.Convolver;
import dev.convolution.core.Deadline;
import dev.convolution.core.Limits;
import dev.convolution.core.Method;
import dev.convolution.core.error.BudgetExceededException;
import dev.convolution.core.error.InvalidRequestException;
import dev.convolution.core.error.LimitExceededException;
import dev.convolution.core.layer.ConvLayer;
import dev.convolution.core.layer.LayerGeometry;
import dev.convolution.core.layer.LayerOps;
import dev.convolution.core.layer.LayerTraceEntry;
import dev.convolution.core.layer.LayerTracer;
import dev.convolution.core.layer.Tensor;
import dev.convolution.core.type.ElementType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Runs layer requests under the same limits, permits and time budget as every other computation: the element
 * limits on every array, {@code convolution.limits.max-multiply-adds} on the work of one request (413 beyond it),
 * a permit in the lane its multiply-adds decide, and the time budget (504).
 */
@Service
public class LayerService {
    private final LimitsProperties limits;
    private final ComputationPermits permits;
    private final long budgetMillis;
    private final ComputationMetrics metrics;
    private final Convolver convolver = new Convolver();

    public LayerService(LimitsProperties limits, ConcurrencyProperties concurrency, ComputationPermits permits, ComputationMetrics metrics) {
        this.limits = limits;
        this.permits = permits;
        this.budgetMillis = concurrency.timeBudget().toMillis();
        this.metrics = metrics;
    }

    public LayerComputation compute(LayerCommand c) {
        LayerGeometry g = c.geometry();
        Limits coreLimits = new Limits(limits.maxPaddedElements(), limits.maxOutputElements());
        requireSize("input", c.input().values().length, limits.maxInputElements(), "input");
        requireSize("weight", c.weight().values().length, limits.maxKernelElements(), "kernel");
        if (c.gradOutput() != null) {
            requireSize("gradOutput", c.gradOutput().values().length, limits.maxInputElements(), "input");
        }
        long outputs = c.kind() == LayerCommand.Kind.TRANSPOSE ? product(g.inputShape()) : product(g.outputShape());
        if (outputs > limits.maxOutputElements()) {
            throw new LimitExceededException("input", "the output would have " + outputs + " elements; the limit is "
                    + limits.maxOutputElements() + " (convolution.limits.max-output-elements)");
        }
        long work = multiplyAdds(c, coreLimits);
        if (work > limits.maxMultiplyAdds()) {
            throw new LimitExceededException("input", "the request would take " + work + " multiply-adds; the limit is "
                    + limits.maxMultiplyAdds() + " (convolution.limits.max-multiply-adds): use a smaller batch, fewer channels or a "
                    + "smaller input or kernel");
        }
        ComputationPermits.Lane lane = ComputationPermits.laneOf(work);
        try {
            permits.acquire(lane);
        } catch (SaturatedException e) {
            metrics.rejected("saturated");
            throw e;
        }
        try {
            long start = System.nanoTime();
            LayerOps ops = new LayerOps(convolver, Method.AUTO, Deadline.afterMillis(budgetMillis), coreLimits);
            // float32: the data rounded to float, the channel sums in float where the bound allows, the results rounded to float
            LayerComputation result = c.type() == ElementType.FLOAT32 ? run(c.rounded(), ops.in(ElementType.FLOAT32)).toFloat32() : run(c, ops);
            metrics.layerComputed(g.spatialRank(), c.kind().name().toLowerCase(java.util.Locale.ROOT), work, System.nanoTime() - start);
            return result;
        } catch (BudgetExceededException e) {
            metrics.rejected("time-budget");
            throw e;
        } finally {
            permits.release(lane);
        }
    }

    private LayerComputation run(LayerCommand c, LayerOps ops) {
        LayerGeometry g = c.geometry();
        LayerCommand.LayerTrace trace = c.trace();
        long maxTerms = limits.maxTraceTerms();
        switch (c.kind()) {
            case FORWARD -> {
                Tensor y = ConvLayer.forward(g, c.input(), c.weight(), c.bias(), ops);
                List<LayerTraceEntry> entries = trace == null ? null
                        : LayerTracer.traceForward(g, labels(trace, y.dims()), trace.field(), maxTerms, c.input(), c.weight(), c.bias(), y, ops);
                return new LayerComputation(g, y, null, null, null, trace == null ? null : LayerCommand.Traced.OUTPUT, entries,
                        ElementType.FLOAT64);
            }
            case TRANSPOSE -> {
                Tensor y = ConvLayer.transpose(g, c.input(), c.weight(), c.bias(), ops);
                List<LayerTraceEntry> entries = trace == null ? null
                        : LayerTracer.traceTranspose(g, labels(trace, y.dims()), trace.field(), maxTerms, c.input(), c.weight(), c.bias(), y, ops);
                return new LayerComputation(g, y, null, null, null, trace == null ? null : LayerCommand.Traced.OUTPUT, entries,
                        ElementType.FLOAT64);
            }
            default -> {
                Tensor gx = c.wrt().contains(LayerCommand.Gradient.INPUT) ? ConvLayer.gradInput(g, c.gradOutput(), c.weight(), ops) : null;
                Tensor gw = c.wrt().contains(LayerCommand.Gradient.WEIGHT) ? ConvLayer.gradWeight(g, c.input(), c.gradOutput(), ops) : null;
                double[] gb = c.wrt().contains(LayerCommand.Gradient.BIAS) ? ConvLayer.gradBias(g, c.gradOutput()) : null;
                List<LayerTraceEntry> entries = null;
                if (trace != null) {
                    entries = switch (trace.of()) {
                        case GRAD_INPUT -> LayerTracer.traceGradInput(g, labels(trace, g.inputShape()), trace.field(), maxTerms, c.gradOutput(),
                                c.weight(), required(gx, trace, "input"), ops);
                        case GRAD_WEIGHT -> LayerTracer.traceGradWeight(g, labels(trace, g.weightShape()), trace.field(), maxTerms, c.input(),
                                c.gradOutput(), required(gw, trace, "weight"), ops);
                        case GRAD_BIAS -> LayerTracer.traceGradBias(g, labels(trace, new int[] {g.outChannels()}), trace.field(), maxTerms,
                                c.gradOutput(), required(gb, trace, "bias"));
                        case OUTPUT -> throw new InvalidRequestException("trace.of", "a backward request traces gradInput, "
                                + "gradWeight or gradBias");
                    };
                }
                return new LayerComputation(g, null, gx, gw, gb, trace == null ? null : trace.of(), entries, ElementType.FLOAT64);
            }
        }
    }

    /** The terms of the traced values from shapes alone (labels; values NaN): no data, no computation, no permit. */
    public List<LayerTraceEntry> explain(LayerExplainCommand c) {
        LayerGeometry g = c.geometry();
        LayerCommand.LayerTrace trace = c.trace();
        LayerOps ops = new LayerOps(convolver, Method.AUTO, Deadline.none(), new Limits(limits.maxPaddedElements(),
                limits.maxOutputElements()));
        long maxTerms = limits.maxTraceTerms();
        double[] bias = null;
        if (c.bias()) {
            bias = new double[c.transposed() ? g.inChannels() : g.outChannels()];
            Arrays.fill(bias, Double.NaN);
        }
        if (c.transposed()) {
            if (trace.of() != LayerCommand.Traced.OUTPUT) {
                throw new InvalidRequestException("trace.of", "a transposed convolution traces its output");
            }
            return LayerTracer.traceTranspose(g, labels(trace, g.inputShape()), trace.field(), maxTerms, null, null, bias, null, ops);
        }
        return switch (trace.of()) {
            case OUTPUT -> LayerTracer.traceForward(g, labels(trace, g.outputShape()), trace.field(), maxTerms, null, null, bias, null, ops);
            case GRAD_INPUT -> LayerTracer.traceGradInput(g, labels(trace, g.inputShape()), trace.field(), maxTerms, null, null, null, ops);
            case GRAD_WEIGHT -> LayerTracer.traceGradWeight(g, labels(trace, g.weightShape()), trace.field(), maxTerms, null, null, null, ops);
            case GRAD_BIAS -> {
                if (!c.bias()) {
                    throw new InvalidRequestException("trace.of", "gradBias needs a bias: set bias to true");
                }
                yield LayerTracer.traceGradBias(g, labels(trace, new int[] {g.outChannels()}), trace.field(), maxTerms, null, null);
            }
        };
    }

    private static <T> T required(T gradient, LayerCommand.LayerTrace trace, String wrt) {
        if (gradient == null) {
            throw new InvalidRequestException("trace.of", "the trace names a gradient that wrt does not ask for: add \"" + wrt
                    + "\" to wrt");
        }
        return gradient;
    }

    /** The labels of a trace, or every label of an array of this shape (row-major) for {@code all}. */
    private static List<long[]> labels(LayerCommand.LayerTrace trace, int[] shape) {
        if (trace.labels() != null) {
            return trace.labels();
        }
        long size = product(shape);
        List<long[]> all = new ArrayList<>();
        for (long flat = 0; flat < size && flat <= Integer.MAX_VALUE; flat++) {
            long[] l = new long[shape.length];
            long rest = flat;
            for (int a = shape.length - 1; a >= 0; a--) {
                l[a] = rest % shape[a];
                rest /= shape[a];
            }
            all.add(l);
            if (all.size() > 1_000_000) { // the term limit refuses long before this
                break;
            }
        }
        return all;
    }

    private long multiplyAdds(LayerCommand c, Limits coreLimits) {
        LayerGeometry g = c.geometry();
        return switch (c.kind()) {
            case FORWARD -> g.forwardMultiplyAdds();
            case TRANSPOSE -> g.gradInputMultiplyAdds();
            case BACKWARD -> {
                long sum = 0;
                if (c.wrt().contains(LayerCommand.Gradient.INPUT)) {
                    sum = saturatedAdd(sum, g.gradInputMultiplyAdds());
                }
                if (c.wrt().contains(LayerCommand.Gradient.WEIGHT)) {
                    sum = saturatedAdd(sum, g.gradWeightMultiplyAdds(coreLimits));
                }
                yield sum;
            }
        };
    }

    private static long saturatedAdd(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }

    private static long product(int[] dims) {
        long p = 1;
        for (int d : dims) {
            p *= d;
        }
        return p;
    }

    private static void requireSize(String field, long size, long max, String property) {
        if (size > max) {
            throw new LimitExceededException(field, field + " has " + size + " elements; the limit is " + max
                    + " (convolution.limits.max-" + property + "-elements)");
        }
    }
}
