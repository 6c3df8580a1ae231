package dev.convolution.api.explain;

import dev.convolution.api.wire.PerAxisValue;
import dev.convolution.core.Operation;
import dev.convolution.core.Plan;
import dev.convolution.core.Shape;
import dev.convolution.core.Spec;
import dev.convolution.core.Term;
import dev.convolution.core.TraceEntry;
import dev.convolution.core.Tracer;
import dev.convolution.core.error.InvalidRequestException;
import dev.convolution.service.ExplainCommand;
import dev.convolution.service.Explanation;
import dev.convolution.service.TraceSelection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** Explain requests to the service's command (shapes of rank 1 to 4, no values), and its explanation to a response. */
@Component
class ExplainMapper {

    ExplainCommand command(ExplainRequest r) {
        Shape input = Shape.of("inputShape", r.inputShape());
        Shape kernel = Shape.of("kernelShape", r.kernelShape());
        Spec spec = Spec.of(r.operation(), r.correlationConvention(), r.mode(), r.boundary(), r.fillValue(),
                PerAxisValue.of("stride", r.stride()), PerAxisValue.of("dilation", r.dilation()), r.indexOrigin());
        if (r.conjugate() != null && spec.operation() == Operation.CONVOLUTION) {
            throw new InvalidRequestException("conjugate", Spec.CONJUGATE_ONLY_FOR_CORRELATION);
        }
        boolean conjugated = spec.operation() == Operation.CROSS_CORRELATION && r.dtype() != null && r.dtype().elementType().isComplex()
                && (r.conjugate() == null || r.conjugate());
        return new ExplainCommand(spec, input, kernel, TraceSelection.of("", r.outputs(), r.all()), symbols(r.kernelSymbols(), kernel),
                conjugated);
    }

    ExplainResponse response(Explanation e) {
        Plan plan = e.plan();
        Spec spec = plan.spec();
        List<ExplainResponse.Entry> entries = new ArrayList<>(e.entries().size());
        for (int q = 0; q < e.entries().size(); q++) {
            TraceEntry entry = e.entries().get(q);
            List<ExplainResponse.Term> terms = new ArrayList<>(entry.terms().size());
            for (Term t : entry.terms()) {
                String symbol = e.symbols() == null ? null : Tracer.symbol(plan, t, e.symbols());
                terms.add(new ExplainResponse.Term(t.input(), t.kernel(), t.padded(), t.source(), symbol));
            }
            entries.add(new ExplainResponse.Entry(entry.output(), e.lines().get(q), terms));
        }
        return new ExplainResponse(spec.operation(), spec.operation() == Operation.CROSS_CORRELATION ? spec.convention() : null,
                plan.inputShape(), plan.kernelShape(), spec.mode(), spec.boundary(), spec.origin(), plan.strides(), plan.dilations(),
                plan.outputShape(), plan.outputStart(), plan.formula(e.conjugated()), entries);
    }

    /** Kernel symbols row-major, checked against the kernel shape (nested to its rank); null when none were given. */
    static String[] symbols(JsonNode node, Shape kernel) {
        if (node == null || node.isNull()) {
            return null;
        }
        int[] kernelShape = kernel.dims();
        if (!node.isArray()) {
            throw new InvalidRequestException("kernelSymbols", "kernelSymbols must be an array with the kernel's shape "
                    + Arrays.toString(kernelShape));
        }
        String[] out = new String[kernel.size()];
        symbols("kernelSymbols", node, 0, kernelShape, out, 0);
        return out;
    }

    private static int symbols(String field, JsonNode node, int depth, int[] kernelShape, String[] out, int offset) {
        int rank = kernelShape.length;
        int n = kernelShape[depth];
        if (depth == rank - 1) {
            if (!node.isArray()) {
                throw new InvalidRequestException(field, "must be an array of " + n + " strings (kernel shape "
                        + Arrays.toString(kernelShape) + ")");
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
            throw new InvalidRequestException(field, "must be an array of " + n + " arrays (kernel shape "
                    + Arrays.toString(kernelShape) + ")");
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
}
