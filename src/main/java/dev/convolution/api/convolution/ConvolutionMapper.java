package dev.convolution.api.convolution;

import dev.convolution.api.wire.ComplexValues;
import dev.convolution.api.wire.NestedValues;
import dev.convolution.api.wire.StrictJson;
import dev.convolution.core.Grid;
import dev.convolution.core.Operation;
import dev.convolution.core.Plan;
import dev.convolution.core.Spec;
import dev.convolution.core.Term;
import dev.convolution.core.TraceEntry;
import dev.convolution.core.error.InvalidRequestException;
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
        return command(r, r.inputArray(), r.inputImaginary());
    }

    /** The command of a compute request on this input (one plane of a picture, say) instead of the request's own. */
    ComputeCommand command(ComputeRequest r, Grid input) {
        return command(r, input, null);
    }

    private ComputeCommand command(ComputeRequest r, Grid input, Grid inputIm) {
        Spec spec = Spec.of(r.operation(), r.convention(), r.mode(), r.boundary(), r.fillValue(), r.strideAxes(), r.dilationAxes(),
                r.indexOrigin());
        TraceSelection trace = r.trace() == null ? null : TraceSelection.of("trace", r.trace().outputs(), r.trace().all());
        Grid kernel = r.kernelArray(input.rank());
        ElementType type = r.computeType(input, kernel);
        Grid kernelIm = r.kernelField() == null ? null : r.kernelField().imaginary();
        requireSameShape(r.inputField(), input, inputIm);
        requireSameShape("kernel", kernel, kernelIm);
        if (!type.isComplex() && (inputIm != null || kernelIm != null)) {
            throw new InvalidRequestException("dtype", "dtype " + StrictJson.wire(type) + " would drop the imaginary part of the "
                    + (inputIm != null ? r.inputField() : "kernel") + ", which is complex; ask for complex128 or complex64");
        }
        return new ComputeCommand(spec, r.inputField(), input, kernel, r.method(), trace, type, inputIm, kernelIm,
                r.conjugates() == null || r.conjugates());
    }

    /** The imaginary parts of complex data have the real parts' shape. */
    private static void requireSameShape(String field, Grid re, Grid im) {
        if (im != null && !re.shape().equals(im.shape())) {
            throw new InvalidRequestException(field, field + "'s re and im must have one shape; re has " + re.shape() + ", im " + im.shape());
        }
    }

    /** The response to a compute request; {@code r} gives the named kernel, if it named one. */
    ConvolutionResponse response(ComputeRequest r, Computation c) {
        Plan plan = c.result().plan();
        Spec spec = plan.spec();
        int[] shape = plan.outputShape();
        double[] y = c.result().output();
        boolean float32 = c.type() == ElementType.FLOAT32;
        if (c.imaginary() != null) {
            return complexResponse(r, c);
        }
        List<ConvolutionResponse.TraceEntry> trace = null;
        if (c.trace() != null) {
            trace = new ArrayList<>(c.trace().size());
            for (TraceEntry e : c.trace()) {
                List<ConvolutionResponse.Term> terms = new ArrayList<>(e.terms().size());
                for (Term t : e.terms()) {
                    terms.add(new ConvolutionResponse.Term(t.input(), t.kernel(), number(t.inputValue(), float32),
                            number(t.kernelValue(), float32), t.product(), t.padded(), t.source(), null));
                }
                trace.add(new ConvolutionResponse.TraceEntry(e.output(), number(y[e.index()], float32), terms));
            }
        }
        return new ConvolutionResponse(spec.operation(), spec.operation() == Operation.CROSS_CORRELATION ? spec.convention() : null,
                spec.mode(), spec.boundary(), c.result().method(), c.type(), spec.origin(), shape, new NestedValues(shape, y, float32),
                plan.outputStart(), plan.strides(), plan.dilations(), ConvolutionResponse.KernelUsed.of(r.namedKernel(plan.rank())),
                new NestedValues(plan.kernelShape(), c.result().kernelAsApplied(), float32), plan.formula(), trace);
    }

    /**
     * The response to a complex result: output and kernelAsApplied as {"re", "im"} objects, trace values as complex
     * numbers, each term's product what was added ({@code x·conj(h)} when conjugated).
     */
    private static ConvolutionResponse complexResponse(ComputeRequest r, Computation c) {
        Plan plan = c.result().plan();
        Spec spec = plan.spec();
        int[] shape = plan.outputShape();
        boolean single = c.type() == ElementType.COMPLEX64;
        Computation.Imaginary im = c.imaginary();
        double[] yr = c.result().output();
        List<ConvolutionResponse.TraceEntry> trace = null;
        if (c.trace() != null) {
            trace = new ArrayList<>(c.trace().size());
            for (int q = 0; q < c.trace().size(); q++) {
                TraceEntry er = c.trace().get(q);
                TraceEntry ei = im.trace().get(q);
                List<ConvolutionResponse.Term> terms = new ArrayList<>(er.terms().size());
                for (int j = 0; j < er.terms().size(); j++) {
                    Term tr = er.terms().get(j);
                    Term ti = ei.terms().get(j);
                    double xr = tr.inputValue();
                    double xi = ti.inputValue();
                    double hr = tr.kernelValue();
                    double hi = im.conjugated() ? -ti.kernelValue() : ti.kernelValue();
                    terms.add(new ConvolutionResponse.Term(tr.input(), tr.kernel(), ComplexValues.Number.of(xr, xi, single),
                            ComplexValues.Number.of(hr, ti.kernelValue(), single),
                            ComplexValues.Number.of(xr * hr - xi * hi, xr * hi + xi * hr, false), tr.padded(), tr.source(),
                            im.conjugated() ? Boolean.TRUE : null));
                }
                trace.add(new ConvolutionResponse.TraceEntry(er.output(), ComplexValues.Number.of(yr[er.index()], im.output()[er.index()], single),
                        terms));
            }
        }
        return new ConvolutionResponse(spec.operation(), spec.operation() == Operation.CROSS_CORRELATION ? spec.convention() : null,
                spec.mode(), spec.boundary(), c.result().method(), c.type(), spec.origin(), shape,
                ComplexValues.of(shape, yr, im.output(), single), plan.outputStart(), plan.strides(), plan.dilations(),
                ConvolutionResponse.KernelUsed.of(r.namedKernel(plan.rank())),
                ComplexValues.of(plan.kernelShape(), c.result().kernelAsApplied(), im.kernelAsApplied(), single),
                plan.formula(im.conjugated()), trace);
    }

    /** A value of the result's type: a float32 result's values are written as floats (their shortest form). */
    private static Number number(double v, boolean float32) {
        return float32 ? (Number) (float) v : (Number) v;
    }
}
