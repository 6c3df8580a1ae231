package dev.convolution.api.convolution;

import dev.convolution.api.wire.NestedValues;
import dev.convolution.core.Grid;
import dev.convolution.core.Operation;
import dev.convolution.core.Plan;
import dev.convolution.core.Spec;
import dev.convolution.core.Term;
import dev.convolution.core.TraceEntry;
import dev.convolution.core.type.ElementType;
import dev.convolution.service.Computation;
import dev.convolution.service.ComputeCommand;
import dev.convolution.service.TraceSelection;
import dev.convolution.web.problem.ResultNotAcceptableException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Compute requests to the service's commands, and its results to responses. Defaults live in the core
 * ({@link Spec#of}); this class only moves values between the two forms.
 */
@Component
class ConvolutionMapper {

    /** The command of any compute request whose result is one array (JSON or .npy). */
    ComputeCommand command(ComputeRequest r) {
        if (r instanceof ComputeRequest.Image image && image.picture() != null && image.image().rows() == null) {
            throw new ResultNotAcceptableException("the image is a PNG with " + (image.picture().colours() == 3 ? "colour" : "alpha")
                    + ": its result is a picture; ask for it with Accept: image/png");
        }
        return command(r, r.inputArray());
    }

    /** The command of a compute request on this input (one plane of a picture, say) instead of the request's own. */
    ComputeCommand command(ComputeRequest r, Grid input) {
        Spec spec = Spec.of(r.operation(), r.convention(), r.mode(), r.boundary(), r.fillValue(), r.strideAxes(), r.dilationAxes(),
                r.indexOrigin());
        TraceSelection trace = r.trace() == null ? null : TraceSelection.of("trace", r.trace().outputs(), r.trace().all());
        Grid kernel = r.kernelArray(input.rank());
        return new ComputeCommand(spec, r.inputField(), input, kernel, r.method(), trace, r.computeType(input, kernel));
    }

    /** The response to a compute request; {@code r} gives the named kernel, if it named one. */
    ConvolutionResponse response(ComputeRequest r, Computation c) {
        Plan plan = c.result().plan();
        Spec spec = plan.spec();
        int[] shape = plan.outputShape();
        double[] y = c.result().output();
        boolean float32 = c.type() == ElementType.FLOAT32;
        List<ConvolutionResponse.TraceEntry> trace = null;
        if (c.trace() != null) {
            trace = new ArrayList<>(c.trace().size());
            for (TraceEntry e : c.trace()) {
                List<ConvolutionResponse.Term> terms = new ArrayList<>(e.terms().size());
                for (Term t : e.terms()) {
                    terms.add(new ConvolutionResponse.Term(t.input(), t.kernel(), number(t.inputValue(), float32),
                            number(t.kernelValue(), float32), t.product(), t.padded(), t.source()));
                }
                trace.add(new ConvolutionResponse.TraceEntry(e.output(), number(y[e.index()], float32), terms));
            }
        }
        return new ConvolutionResponse(spec.operation(), spec.operation() == Operation.CROSS_CORRELATION ? spec.convention() : null,
                spec.mode(), spec.boundary(), c.result().method(), c.type(), spec.origin(), shape, new NestedValues(shape, y, float32),
                plan.outputStart(), plan.strides(), plan.dilations(), ConvolutionResponse.KernelUsed.of(r.namedKernel(plan.rank())),
                new NestedValues(plan.kernelShape(), c.result().kernelAsApplied(), float32), plan.formula(), trace);
    }

    /** A value of the result's type: a float32 result's values are written as floats (their shortest form). */
    private static Number number(double v, boolean float32) {
        return float32 ? (Number) (float) v : (Number) v;
    }
}
