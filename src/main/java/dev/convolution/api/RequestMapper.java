package dev.convolution.api;

import dev.convolution.core.Boundary;
import dev.convolution.core.Tracer;
import dev.convolution.core.error.InvalidRequestException;
import dev.convolution.core.CorrelationConvention;
import dev.convolution.core.Grid;
import dev.convolution.core.IndexOrigin;
import dev.convolution.core.Method;
import dev.convolution.core.Mode;
import dev.convolution.core.Operation;
import dev.convolution.core.Plan;
import dev.convolution.core.Spec;
import dev.convolution.core.Term;
import dev.convolution.core.TraceEntry;
import dev.convolution.service.Computation;
import dev.convolution.service.Explanation;
import dev.convolution.service.TraceSelection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** Maps wire records to core values and core results to wire records; defaults live here. */
@Component
class RequestMapper {

    Spec spec(Operation operation, CorrelationConvention convention, OperationOptions o, AxisPair stride, AxisPair dilation) {
        return new Spec(operation, Objects.requireNonNullElse(convention, CorrelationConvention.SLIDING),
                Objects.requireNonNullElse(o.mode(), Mode.FULL),
                Objects.requireNonNullElse(o.boundary(), dev.convolution.core.Boundary.FILL),
                Objects.requireNonNullElse(o.fillValue(), 0.0),
                stride == null ? 1 : stride.rows(), stride == null ? 1 : stride.cols(),
                dilation == null ? 1 : dilation.rows(), dilation == null ? 1 : dilation.cols(),
                Objects.requireNonNullElse(o.indexOrigin(), IndexOrigin.CORNER));
    }

    /** A 1D stride or dilation as the column axis of a pair. */
    static AxisPair columns(Integer v) {
        return v == null ? null : new AxisPair(1, v, false);
    }

    Method method(OperationOptions o) {
        return Objects.requireNonNullElse(o.method(), Method.AUTO);
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

    ConvolutionResponse response(Computation c) {
        Plan plan = c.result().plan();
        Spec spec = plan.spec();
        int[] shape = plan.outputShape();
        double[] y = c.result().output();
        Object output = plan.rank() == 1 ? y : new Grid(2, shape[0], shape[1], y).toRows();
        double[] g = c.result().kernelAsApplied();
        Object applied = plan.rank() == 1 ? g : new Grid(2, plan.rows().taps(), plan.cols().taps(), g).toRows();
        List<TraceEntryResponse> trace = null;
        if (c.trace() != null) {
            trace = new ArrayList<>(c.trace().size());
            for (TraceEntry e : c.trace()) {
                List<TermResponse> terms = new ArrayList<>(e.terms().size());
                for (Term t : e.terms()) {
                    terms.add(new TermResponse(t.input(), t.kernel(), t.inputValue(), t.kernelValue(), t.product(), t.padded(),
                            t.source()));
                }
                trace.add(new TraceEntryResponse(e.output(), y[e.row() * plan.cols().count() + e.col()], terms));
            }
        }
        return new ConvolutionResponse(spec.operation().wireName(), convention(spec), StrictJson.wire(spec.mode()),
                StrictJson.wire(spec.boundary()), StrictJson.wire(c.result().method()), StrictJson.wire(spec.origin()), shape,
                output, plan.outputStart(), plan.strides(), dilations(plan), applied, plan.formula(), trace);
    }

    private static String convention(Spec spec) {
        return spec.operation() == Operation.CROSS_CORRELATION ? StrictJson.wire(spec.convention()) : null;
    }

    private static int[] dilations(Plan plan) {
        return plan.rank() == 1 ? new int[] {plan.cols().dilation()} : new int[] {plan.rows().dilation(), plan.cols().dilation()};
    }

    // ---- explain ----

    Spec explainSpec(ExplainRequest r, int rank) {
        if (r.operation() == null) {
            throw new InvalidRequestException("operation", "operation is required: convolution or cross-correlation");
        }
        if (r.operation() == Operation.CONVOLUTION && r.correlationConvention() != null) {
            throw new InvalidRequestException("correlationConvention", "correlationConvention applies only to cross-correlation");
        }
        for (var pair : new Object[][] {{"stride", r.stride()}, {"dilation", r.dilation()}}) {
            if (rank == 1 && pair[1] instanceof AxisPair p && p.pair()) {
                throw new InvalidRequestException((String) pair[0], pair[0] + " of a 1D explanation is one integer, not a pair");
            }
        }
        ExplainOptions o = new ExplainOptions(r);
        AxisPair stride = rank == 1 && r.stride() != null ? columns(r.stride().cols()) : r.stride();
        AxisPair dilation = rank == 1 && r.dilation() != null ? columns(r.dilation().cols()) : r.dilation();
        return spec(r.operation(), r.correlationConvention(), o, stride, dilation);
    }

    /** The rank of an explain request, checking both shapes. */
    static int rank(ExplainRequest r) {
        requireShape("inputShape", r.inputShape());
        requireShape("kernelShape", r.kernelShape());
        if (r.inputShape().length != r.kernelShape().length) {
            throw new InvalidRequestException("kernelShape", "kernelShape has " + r.kernelShape().length
                    + " axes; inputShape has " + r.inputShape().length);
        }
        return r.inputShape().length;
    }

    private static void requireShape(String field, int[] shape) {
        if (shape == null) {
            throw new InvalidRequestException(field, field + " is required: [n] or [rows, columns]");
        }
        if (shape.length != 1 && shape.length != 2) {
            throw new InvalidRequestException(field, field + " must have 1 or 2 axes; got " + shape.length);
        }
        for (int a = 0; a < shape.length; a++) {
            if (shape[a] < 1) {
                throw new InvalidRequestException(field + "[" + a + "]", "must be at least 1; got " + shape[a]);
            }
        }
    }

    /** Kernel symbols row-major, checked against the kernel shape; null when none were given. */
    static String[] symbols(JsonNode node, int[] kernelShape) {
        if (node == null || node.isNull()) {
            return null;
        }
        int rank = kernelShape.length;
        int rows = rank == 1 ? 1 : kernelShape[0];
        int cols = kernelShape[rank - 1];
        String[] out = new String[rows * cols];
        if (!node.isArray()) {
            throw new InvalidRequestException("kernelSymbols", "kernelSymbols must be an array with the kernel's shape "
                    + shapeText(kernelShape));
        }
        if (rank == 1) {
            symbolRow("kernelSymbols", node, cols, out, 0, kernelShape);
            return out;
        }
        if (node.size() != rows) {
            throw new InvalidRequestException("kernelSymbols", "kernelSymbols has " + node.size() + " rows; the kernel has " + rows);
        }
        for (int r = 0; r < rows; r++) {
            symbolRow("kernelSymbols[" + r + "]", node.get(r), cols, out, r * cols, kernelShape);
        }
        return out;
    }

    private static void symbolRow(String field, JsonNode row, int cols, String[] out, int offset, int[] kernelShape) {
        if (!row.isArray()) {
            throw new InvalidRequestException(field, "must be an array of " + cols + " strings (kernel shape "
                    + shapeText(kernelShape) + ")");
        }
        if (row.size() != cols) {
            throw new InvalidRequestException(field, "has " + row.size() + " symbols; the kernel has " + cols
                    + (kernelShape.length == 1 ? " taps" : " columns"));
        }
        for (int c = 0; c < cols; c++) {
            JsonNode s = row.get(c);
            if (!s.isString() || s.asString().isEmpty() || s.asString().length() > 64) {
                throw new InvalidRequestException(field + "[" + c + "]", "must be a non-empty string of at most 64 characters");
            }
            out[offset + c] = s.asString();
        }
    }

    private static String shapeText(int[] shape) {
        return java.util.Arrays.toString(shape);
    }

    ExplainResponse response(Explanation e, int[] inputShape, int[] kernelShape) {
        Plan plan = e.plan();
        Spec spec = plan.spec();
        List<ExplainEntryResponse> entries = new ArrayList<>(e.entries().size());
        for (int q = 0; q < e.entries().size(); q++) {
            TraceEntry entry = e.entries().get(q);
            List<ExplainTermResponse> terms = new ArrayList<>(entry.terms().size());
            for (Term t : entry.terms()) {
                String symbol = e.symbols() == null ? null : dev.convolution.core.Tracer.symbol(plan, t, e.symbols());
                terms.add(new ExplainTermResponse(t.input(), t.kernel(), t.padded(), t.source(), symbol));
            }
            entries.add(new ExplainEntryResponse(entry.output(), e.lines().get(q), terms));
        }
        return new ExplainResponse(spec.operation().wireName(), convention(spec), inputShape.clone(), kernelShape.clone(),
                StrictJson.wire(spec.mode()), StrictJson.wire(spec.boundary()), StrictJson.wire(spec.origin()), plan.strides(),
                dilations(plan), plan.outputShape(), plan.outputStart(), plan.formula(), entries);
    }

    /** The options of an explain request, seen as those of a compute request (no method, no trace). */
    private record ExplainOptions(ExplainRequest r) implements OperationOptions {
        @Override
        public Mode mode() {
            return r.mode();
        }

        @Override
        public dev.convolution.core.Boundary boundary() {
            return r.boundary();
        }

        @Override
        public Double fillValue() {
            return r.fillValue();
        }

        @Override
        public Method method() {
            return null;
        }

        @Override
        public IndexOrigin indexOrigin() {
            return r.indexOrigin();
        }

        @Override
        public TraceRequest trace() {
            return null;
        }
    }
}
