package dev.convolution.api;

import dev.convolution.core.Grid;
import dev.convolution.core.Operation;
import dev.convolution.core.Plan;
import dev.convolution.core.Shape;
import dev.convolution.core.Spec;
import dev.convolution.core.Term;
import dev.convolution.core.TraceEntry;
import dev.convolution.core.Tracer;
import dev.convolution.core.error.InvalidRequestException;
import dev.convolution.service.Computation;
import dev.convolution.service.ComputeCommand;
import dev.convolution.service.ExplainCommand;
import dev.convolution.service.Explanation;
import dev.convolution.service.TraceSelection;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Maps wire records to the service's commands and its results to wire records. Defaults live in
 * the core ({@link Spec#of}); this class only moves values between the two forms.
 */
@Component
class RequestMapper {

    /** The command of any compute request. */
    ComputeCommand command(ComputeRequest r) {
        Spec spec = spec(r);
        return command(r, spec, r.inputArray());
    }

    /** The command of a compute request on this input (one plane of a picture, say) instead of the request's own. */
    ComputeCommand command(ComputeRequest r, Grid input) {
        return command(r, spec(r), input);
    }

    private ComputeCommand command(ComputeRequest r, Spec spec, Grid input) {
        return new ComputeCommand(spec, r.inputField(), input, r.kernelArray(input.rank()), r.method(), trace(r.trace()));
    }

    private static Spec spec(ComputeRequest r) {
        return Spec.of(r.operation(), r.convention(), r.mode(), r.boundary(), r.fillValue(), r.strideAxes(), r.dilationAxes(),
                r.indexOrigin());
    }

    /** The command of an explain request: shapes of rank 1 to 4, checked against each other. */
    ExplainCommand command(ExplainRequest r) {
        Shape input = Shape.of("inputShape", r.inputShape());
        Shape kernel = Shape.of("kernelShape", r.kernelShape());
        if (input.rank() != kernel.rank()) {
            throw new InvalidRequestException("kernelShape", "kernelShape has " + kernel.rank() + " ax" + (kernel.rank() == 1 ? "is" : "es")
                    + "; inputShape has " + input.rank());
        }
        Spec spec = Spec.of(r.operation(), r.correlationConvention(), r.mode(), r.boundary(), r.fillValue(),
                PerAxisValue.of("stride", r.stride()), PerAxisValue.of("dilation", r.dilation()), r.indexOrigin());
        return new ExplainCommand(spec, input, kernel, selection("", r.outputs(), r.all()),
                symbols(r.kernelSymbols(), r.kernelShape()));
    }

    TraceSelection trace(TraceRequest t) {
        if (t == null) {
            return null;
        }
        return selection("trace", t.outputs(), t.all());
    }

    /** Either listed outputs or all of them, never both nor neither. */
    static TraceSelection selection(String field, List<long[]> outputs, Boolean all) {
        String outputsField = field.isEmpty() ? "outputs" : field + ".outputs";
        String allField = field.isEmpty() ? "all" : field + ".all";
        if (outputs != null && Boolean.TRUE.equals(all)) {
            throw new InvalidRequestException(allField, "give either " + outputsField + " or " + allField + ": true, not both");
        }
        if (Boolean.TRUE.equals(all)) {
            return TraceSelection.all(allField);
        }
        if (outputs == null) {
            throw new InvalidRequestException(outputsField, "list the outputs to " + (field.equals("trace") ? "trace" : "explain")
                    + " in " + outputsField + ", or set " + allField + " to true");
        }
        if (outputs.isEmpty()) {
            throw new InvalidRequestException(outputsField, outputsField + " must list at least one output label");
        }
        return new TraceSelection(outputsField, outputs);
    }

    /** The response to a compute request; {@code r} gives the named kernel, if it named one. */
    ConvolutionResponse response(ComputeRequest r, Computation c) {
        Plan plan = c.result().plan();
        Spec spec = plan.spec();
        int[] shape = plan.outputShape();
        double[] y = c.result().output();
        int[] taps = new int[plan.rank()];
        for (int a = 0; a < taps.length; a++) {
            taps[a] = plan.axis(a).taps();
        }
        List<TraceEntryResponse> trace = null;
        if (c.trace() != null) {
            trace = new ArrayList<>(c.trace().size());
            for (TraceEntry e : c.trace()) {
                List<TermResponse> terms = new ArrayList<>(e.terms().size());
                for (Term t : e.terms()) {
                    terms.add(new TermResponse(t.input(), t.kernel(), t.inputValue(), t.kernelValue(), t.product(), t.padded(),
                            t.source()));
                }
                trace.add(new TraceEntryResponse(e.output(), y[e.index()], terms));
            }
        }
        return new ConvolutionResponse(spec.operation().wireName(), convention(spec), StrictJson.wire(spec.mode()),
                StrictJson.wire(spec.boundary()), StrictJson.wire(c.result().method()), StrictJson.wire(spec.origin()), shape,
                new NestedValues(shape, y), plan.outputStart(), plan.strides(), plan.dilations(),
                NamedKernelResponse.of(r.namedKernel(plan.rank())),
                new NestedValues(taps, c.result().kernelAsApplied()), plan.formula(), trace);
    }

    private static String convention(Spec spec) {
        return spec.operation() == Operation.CROSS_CORRELATION ? StrictJson.wire(spec.convention()) : null;
    }

    // ---- explain ----

    /** Kernel symbols row-major, checked against the kernel shape (nested to its rank); null when none were given. */
    static String[] symbols(JsonNode node, int[] kernelShape) {
        if (node == null || node.isNull()) {
            return null;
        }
        int size = 1;
        for (int d : kernelShape) {
            size *= d;
        }
        String[] out = new String[size];
        if (!node.isArray()) {
            throw new InvalidRequestException("kernelSymbols", "kernelSymbols must be an array with the kernel's shape "
                    + shapeText(kernelShape));
        }
        symbols("kernelSymbols", node, 0, kernelShape, out, 0);
        return out;
    }

    private static int symbols(String field, JsonNode node, int depth, int[] kernelShape, String[] out, int offset) {
        int rank = kernelShape.length;
        int n = kernelShape[depth];
        if (depth == rank - 1) {
            if (!node.isArray()) {
                throw new InvalidRequestException(field, "must be an array of " + n + " strings (kernel shape "
                        + shapeText(kernelShape) + ")");
            }
            if (node.size() != n) {
                throw new InvalidRequestException(field, "has " + node.size() + " symbols; the kernel has " + n
                        + (rank == 1 ? " taps" : " columns"));
            }
            for (int c = 0; c < n; c++) {
                JsonNode s = node.get(c);
                if (!s.isString() || s.asString().isEmpty() || s.asString().length() > 64) {
                    throw new InvalidRequestException(field + "[" + c + "]", "must be a non-empty string of at most 64 characters");
                }
                out[offset + c] = s.asString();
            }
            return offset + n;
        }
        if (!node.isArray()) {
            throw new InvalidRequestException(field, "must be an array of " + n + " arrays (kernel shape " + shapeText(kernelShape) + ")");
        }
        if (node.size() != n) {
            throw new InvalidRequestException(field, (depth == 0 ? "kernelSymbols has " : "has ") + node.size()
                    + (rank == 2 ? " rows; the kernel has " : " arrays on axis " + depth + "; the kernel has ") + n);
        }
        for (int i = 0; i < n; i++) {
            offset = symbols(field + "[" + i + "]", node.get(i), depth + 1, kernelShape, out, offset);
        }
        return offset;
    }

    private static String shapeText(int[] shape) {
        return java.util.Arrays.toString(shape);
    }

    ExplainResponse response(Explanation e) {
        Plan plan = e.plan();
        Spec spec = plan.spec();
        List<ExplainEntryResponse> entries = new ArrayList<>(e.entries().size());
        for (int q = 0; q < e.entries().size(); q++) {
            TraceEntry entry = e.entries().get(q);
            List<ExplainTermResponse> terms = new ArrayList<>(entry.terms().size());
            for (Term t : entry.terms()) {
                String symbol = e.symbols() == null ? null : Tracer.symbol(plan, t, e.symbols());
                terms.add(new ExplainTermResponse(t.input(), t.kernel(), t.padded(), t.source(), symbol));
            }
            entries.add(new ExplainEntryResponse(entry.output(), e.lines().get(q), terms));
        }
        int[] inputShape = new int[plan.rank()];
        int[] kernelShape = new int[plan.rank()];
        for (int a = 0; a < plan.rank(); a++) {
            inputShape[a] = plan.axis(a).n();
            kernelShape[a] = plan.axis(a).taps();
        }
        return new ExplainResponse(spec.operation().wireName(), convention(spec), inputShape, kernelShape,
                StrictJson.wire(spec.mode()), StrictJson.wire(spec.boundary()), StrictJson.wire(spec.origin()), plan.strides(),
                plan.dilations(), plan.outputShape(), plan.outputStart(), plan.formula(), entries);
    }
}
