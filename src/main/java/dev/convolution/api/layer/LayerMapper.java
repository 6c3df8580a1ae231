package dev.convolution.api.layer;

import dev.convolution.api.wire.PerAxisValue;
import dev.convolution.api.wire.StrictJson;
import dev.convolution.core.Grid;
import dev.convolution.core.error.InvalidRequestException;
import dev.convolution.core.layer.LayerGeometry;
import dev.convolution.core.layer.PaddingMode;
import dev.convolution.core.layer.Tensor;
import dev.convolution.core.type.ElementType;
import dev.convolution.service.LayerCommand;
import dev.convolution.service.LayerExplainCommand;
import dev.convolution.service.TraceSelection;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Layer requests to service commands: one mapping per request type. */
@Component
class LayerMapper {
    /** Why a layer refuses complex data. */
    static final String REAL_ONLY = "layers compute in float64 or float32, as PyTorch's real layers do (complex layers are not supported)";


    LayerCommand command(int spatialRank, LayerRequest.Forward r) {
        Grid.Nested x = nested("input", r.input());
        Grid.Nested w = nested("weight", r.weight());
        LayerGeometry g = LayerGeometry.conv(spatialRank, x.dims(), w.dims(), PerAxisValue.values(r.stride()), PaddingValue.of(r.padding()),
                PerAxisValue.values(r.dilation()), groups(r.groups()), mode(r.paddingMode()));
        requireBias(r.bias(), g.outChannels());
        return new LayerCommand(LayerCommand.Kind.FORWARD, g, tensor(x), tensor(w), r.bias(), null, null,
                trace(r.trace(), LayerCommand.Traced.OUTPUT, EnumSet.of(LayerCommand.Traced.OUTPUT)), type(r, null));
    }

    LayerCommand command(int spatialRank, LayerRequest.Backward r) {
        Grid.Nested x = nested("input", r.input());
        Grid.Nested w = nested("weight", r.weight());
        LayerGeometry g = LayerGeometry.conv(spatialRank, x.dims(), w.dims(), PerAxisValue.values(r.stride()), PaddingValue.of(r.padding()),
                PerAxisValue.values(r.dilation()), groups(r.groups()), mode(r.paddingMode()));
        requireBias(r.bias(), g.outChannels());
        Grid.Nested gy = nested("gradOutput", r.gradOutput());
        if (!Arrays.equals(gy.dims(), g.outputShape())) {
            throw new InvalidRequestException("gradOutput", "gradOutput must have the forward output's shape " + Arrays.toString(g.outputShape())
                    + "; got " + Arrays.toString(gy.dims()));
        }
        Set<LayerCommand.Gradient> wrt = wrt(r.wrt(), r.bias() != null);
        return new LayerCommand(LayerCommand.Kind.BACKWARD, g, tensor(x), tensor(w), r.bias(), tensor(gy), wrt,
                trace(r.trace(), LayerCommand.Traced.GRAD_INPUT,
                        EnumSet.of(LayerCommand.Traced.GRAD_INPUT, LayerCommand.Traced.GRAD_WEIGHT, LayerCommand.Traced.GRAD_BIAS)),
                type(r, r.gradOutput()));
    }

    LayerCommand command(int spatialRank, LayerRequest.Transpose r) {
        Grid.Nested x = nested("input", r.input());
        Grid.Nested w = nested("weight", r.weight());
        LayerGeometry g = LayerGeometry.transpose(spatialRank, x.dims(), w.dims(), PerAxisValue.values(r.stride()),
                PaddingValue.numbers("padding", r.padding()), PaddingValue.numbers("outputPadding", r.outputPadding()),
                PerAxisValue.values(r.dilation()), groups(r.groups()));
        requireBias(r.bias(), g.inChannels());
        return new LayerCommand(LayerCommand.Kind.TRANSPOSE, g, tensor(x), tensor(w), r.bias(), null, null,
                trace(r.trace(), LayerCommand.Traced.OUTPUT, EnumSet.of(LayerCommand.Traced.OUTPUT)), type(r, null));
    }

    LayerExplainCommand command(LayerExplainRequest r) {
        if (r.layer() == null) {
            throw new InvalidRequestException("layer", "layer is required: conv1d, conv2d, conv3d, conv-transpose1d, conv-transpose2d or "
                    + "conv-transpose3d");
        }
        boolean transposed = r.layer().startsWith("conv-transpose");
        String rank = transposed ? r.layer().substring("conv-transpose".length()) : r.layer().startsWith("conv") ? r.layer().substring(4) : "";
        if (!rank.equals("1d") && !rank.equals("2d") && !rank.equals("3d")) {
            throw new InvalidRequestException("layer", "must be one of conv1d, conv2d, conv3d, conv-transpose1d, conv-transpose2d, "
                    + "conv-transpose3d; got '" + StrictJson.abbreviate(r.layer()) + "'");
        }
        int spatialRank = rank.charAt(0) - '0';
        int[] input = shape("inputShape", r.inputShape());
        int[] weight = shape("weightShape", r.weightShape());
        if (r.trace() == null) {
            throw new InvalidRequestException("trace", "trace is required: the labels to explain (outputs) or all");
        }
        LayerGeometry g;
        LayerCommand.LayerTrace trace;
        if (transposed) {
            if (r.paddingMode() != null) {
                throw new InvalidRequestException("paddingMode", "a transposed convolution takes no paddingMode (its padding crops)");
            }
            g = LayerGeometry.transpose(spatialRank, input, weight, PerAxisValue.values(r.stride()), PaddingValue.numbers("padding", r.padding()),
                    PaddingValue.numbers("outputPadding", r.outputPadding()), PerAxisValue.values(r.dilation()), groups(r.groups()));
            trace = trace(r.trace(), LayerCommand.Traced.OUTPUT, EnumSet.of(LayerCommand.Traced.OUTPUT));
        } else {
            if (r.outputPadding() != null) {
                throw new InvalidRequestException("outputPadding", "outputPadding is taken only by transposed convolutions");
            }
            g = LayerGeometry.conv(spatialRank, input, weight, PerAxisValue.values(r.stride()), PaddingValue.of(r.padding()),
                    PerAxisValue.values(r.dilation()), groups(r.groups()), mode(r.paddingMode()));
            trace = trace(r.trace(), LayerCommand.Traced.OUTPUT, EnumSet.allOf(LayerCommand.Traced.class));
        }
        return new LayerExplainCommand(transposed, g, Boolean.TRUE.equals(r.bias()), trace);
    }

    private static int[] shape(String field, int[] shape) {
        if (shape == null) {
            throw new InvalidRequestException(field, field + " is required");
        }
        for (int a = 0; a < shape.length; a++) {
            if (shape[a] < 1) {
                throw new InvalidRequestException(field + "[" + a + "]", "must be a positive integer; got " + shape[a]);
            }
        }
        return shape;
    }

    private static Grid.Nested nested(String field, TensorArray a) {
        if (a == null) {
            throw new InvalidRequestException(field, field + " is required");
        }
        if (a.type() != null && a.type().isComplex()) {
            throw new InvalidRequestException(field, field + " is complex (" + StrictJson.wire(a.type()) + "); " + REAL_ONLY);
        }
        return Grid.nested(field, a.value(), TensorArray.MAX_RANK);
    }

    /**
     * The type a layer computes in: the request's dtype, else numpy's rule on the input's, the weight's and gradOutput's
     * types; layers compute in float64 or float32, so integers (the rule's int64) compute in float64.
     */
    private static ElementType type(LayerRequest r, TensorArray gradOutput) {
        if (r.dtype() != null) {
            if (r.dtype().elementType().isComplex()) {
                throw new InvalidRequestException("dtype", "dtype " + StrictJson.wire(r.dtype().elementType()) + " is not taken here; "
                        + REAL_ONLY);
            }
            return r.dtype().elementType();
        }
        ElementType t = type(r.input()).with(type(r.weight()));
        if (gradOutput != null) {
            t = t.with(type(gradOutput));
        }
        return t == ElementType.FLOAT32 ? ElementType.FLOAT32 : ElementType.FLOAT64;
    }

    /** A part's own type; JSON numbers count as float64 (their integers as int64, which gives the same types here). */
    private static ElementType type(TensorArray a) {
        return a.type() != null ? a.type() : ElementType.FLOAT64;
    }

    private static Tensor tensor(Grid.Nested n) {
        return new Tensor(n.dims(), n.values());
    }

    private static int groups(Integer groups) {
        return groups == null ? 1 : groups;
    }

    private static PaddingMode mode(PaddingMode m) {
        return m == null ? PaddingMode.DEFAULT : m;
    }

    private static void requireBias(double[] bias, int channels) {
        if (bias != null && bias.length != channels) {
            throw new InvalidRequestException("bias", "bias has " + bias.length + " values; the layer has " + channels
                    + " output channels (one bias each)");
        }
    }

    private static Set<LayerCommand.Gradient> wrt(List<String> wrt, boolean hasBias) {
        if (wrt == null) {
            return hasBias ? EnumSet.allOf(LayerCommand.Gradient.class) : EnumSet.of(LayerCommand.Gradient.INPUT, LayerCommand.Gradient.WEIGHT);
        }
        if (wrt.isEmpty()) {
            throw new InvalidRequestException("wrt", "wrt lists no gradient; give any of input, weight, bias, or leave it out for all");
        }
        Set<LayerCommand.Gradient> out = EnumSet.noneOf(LayerCommand.Gradient.class);
        for (int i = 0; i < wrt.size(); i++) {
            String w = wrt.get(i);
            LayerCommand.Gradient g = switch (w == null ? "" : w) {
                case "input" -> LayerCommand.Gradient.INPUT;
                case "weight" -> LayerCommand.Gradient.WEIGHT;
                case "bias" -> LayerCommand.Gradient.BIAS;
                default -> throw new InvalidRequestException("wrt[" + i + "]", "must be one of input, weight, bias; got "
                        + (w == null ? "null" : "'" + StrictJson.abbreviate(w) + "'"));
            };
            if (g == LayerCommand.Gradient.BIAS && !hasBias) {
                throw new InvalidRequestException("wrt[" + i + "]", "the gradient of the bias needs a bias: the request has none");
            }
            out.add(g);
        }
        return out;
    }

    private static LayerCommand.LayerTrace trace(LayerTraceRequest t, LayerCommand.Traced byDefault, Set<LayerCommand.Traced> allowed) {
        if (t == null) {
            return null;
        }
        LayerCommand.Traced of = t.of() == null ? byDefault : LayerAnswers.traced(t.of());
        if (!allowed.contains(of)) {
            throw new InvalidRequestException("trace.of", of == LayerCommand.Traced.OUTPUT ? "a backward request traces gradInput, "
                    + "gradWeight or gradBias" : "this request computes an output: trace.of is output (or absent)");
        }
        TraceSelection selection = TraceSelection.of("trace", t.outputs(), t.all());
        return new LayerCommand.LayerTrace(selection.field(), of, selection.labels());
    }
}
