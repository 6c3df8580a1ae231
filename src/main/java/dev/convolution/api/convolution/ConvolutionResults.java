package dev.convolution.api.convolution;

import dev.convolution.api.wire.StrictJson;
import dev.convolution.codec.Picture;
import dev.convolution.codec.Png;
import dev.convolution.core.Grid;
import dev.convolution.core.Method;
import dev.convolution.core.type.ElementType;
import dev.convolution.web.media.StreamedInput;
import dev.convolution.core.Mode;
import dev.convolution.core.Operation;
import dev.convolution.core.Plan;
import dev.convolution.core.error.InvalidRequestException;
import dev.convolution.core.kernel.NamedKernel;
import dev.convolution.service.Computation;
import dev.convolution.service.ComputeCommand;
import dev.convolution.service.ConvolutionService;
import dev.convolution.web.media.BinaryResult;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Results in binary media types, computed through the same commands as JSON ones: the result array as {@code .npy}
 * ({@code Accept: application/x-npy}) and an images result as a PNG ({@code Accept: image/png}: each colour plane of a
 * PNG input computed on its own, alpha passed through), the scalar fields as {@code Convolution-*} headers.
 */
@Component
class ConvolutionResults {
    private final ConvolutionService service;
    private final ConvolutionMapper mapper;

    ConvolutionResults(ConvolutionService service, ConvolutionMapper mapper) {
        this.service = service;
        this.mapper = mapper;
    }

    /**
     * The result of an arrays request whose input streams ({@link StreamedInput}): computed and written as the input
     * arrives. What can be refused from the request and the input's header is refused here, before anything is written.
     */
    BinaryResult.Streamed streamed(ComputeRequest r, StreamedInput input) {
        BinaryResult.requireNoTrace(r.trace() != null);
        ComputeCommand c = mapper.command(r);
        return new StreamedAnswer(service, c, input, r.namedKernel(input.shape().length)).result();
    }

    /** The result of a signals, images or arrays request as one array. */
    BinaryResult.Npy npy(ComputeRequest r) {
        BinaryResult.requireNoTrace(r.trace() != null);
        Computation c = service.compute(mapper.command(r));
        Plan plan = c.result().plan();
        return new BinaryResult.Npy(plan.outputShape(), c.result().output(), c.type(), headers(plan, c, r.namedKernel(plan.rank())),
                c.imaginary() == null ? null : c.imaginary().output());
    }

    /** An images result as a picture of the input's bit depth (8 for an image given as numbers), scaled as png.scale says. */
    BinaryResult.Png png(ComputeRequest.Image r) {
        BinaryResult.requireNoTrace(r.trace() != null);
        Png.Scale scale = r.png() == null || r.png().scale() == null ? Png.Scale.CLIP : r.png().scale();
        Picture p = r.picture();
        double[][] colours;
        double[] alpha = null;
        int bitDepth = 8;
        int[] dims;
        if (p == null) {
            Grid g = r.inputArray();
            colours = new double[][] {g.values()};
            dims = g.shape().dims();
        } else {
            bitDepth = p.bitDepth();
            colours = Arrays.copyOf(p.planes(), p.colours());
            alpha = p.alpha() ? p.alphaPlane() : null;
            dims = new int[] {p.height(), p.width()};
        }
        double[][] out = new double[colours.length + (alpha == null ? 0 : 1)][];
        Computation c = null;
        for (int k = 0; k < colours.length; k++) {
            ComputeCommand command = mapper.command(r, Grid.of(colours[k], dims));
            if (alpha != null && k == 0) {
                requireAlphaKept(command);
            }
            c = service.compute(command);
            out[k] = Png.scale(c.result().output(), bitDepth, scale);
        }
        if (alpha != null) {
            out[colours.length] = alpha;
        }
        Plan plan = c.result().plan();
        Map<String, String> headers = headers(plan, c, r.namedKernel(2));
        headers.put("Convolution-Png-Scale", scale.wire());
        headers.put("Convolution-Png-Bit-Depth", String.valueOf(bitDepth));
        int[] shape = plan.outputShape();
        return new BinaryResult.Png(shape[1], shape[0], bitDepth, out, headers);
    }

    /** Alpha stays only where every output is the pixel it was: same mode, stride 1. */
    private static void requireAlphaKept(ComputeCommand c) {
        boolean strideOne = c.spec().stride().at(0) == 1 && c.spec().stride().at(1) == 1;
        if (c.spec().mode() != Mode.SAME || !strideOne) {
            throw new InvalidRequestException("image", "the PNG has alpha, which is passed through pixel for pixel: that needs mode "
                    + "same and stride 1 (this request has mode " + StrictJson.wire(c.spec().mode())
                    + (strideOne ? "" : " and a stride") + ")");
        }
    }

    private static Map<String, String> headers(Plan plan, Computation c, NamedKernel named) {
        return headers(plan, c.result().method(), c.type(), c.imaginary() != null && c.imaginary().conjugated(), named);
    }

    /** The scalar fields of a result as {@code Convolution-*} headers. */
    static Map<String, String> headers(Plan plan, Method method, ElementType type, boolean conjugated, NamedKernel named) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Convolution-Operation", plan.spec().operation().wireName());
        if (plan.spec().operation() == Operation.CROSS_CORRELATION) {
            h.put("Convolution-Correlation-Convention", StrictJson.wire(plan.spec().convention()));
        }
        if (conjugated) {
            h.put("Convolution-Conjugated", "true");
        }
        h.put("Convolution-Mode", StrictJson.wire(plan.spec().mode()));
        h.put("Convolution-Boundary", StrictJson.wire(plan.spec().boundary()));
        h.put("Convolution-Method", StrictJson.wire(method));
        h.put("Convolution-Dtype", StrictJson.wire(type));
        h.put("Convolution-Index-Origin", StrictJson.wire(plan.spec().origin()));
        h.put("Convolution-Shape", BinaryResult.list(plan.outputShape()));
        h.put("Convolution-Output-Start", BinaryResult.list(plan.outputStart()));
        h.put("Convolution-Stride", BinaryResult.list(plan.strides()));
        h.put("Convolution-Dilation", BinaryResult.list(plan.dilations()));
        if (named != null) {
            h.put("Convolution-Kernel-Name", named.name());
            h.put("Convolution-Kernel-Symmetric", String.valueOf(named.symmetric()));
            h.put("Convolution-Kernel-Separable", String.valueOf(named.separable()));
        }
        return h;
    }
}
