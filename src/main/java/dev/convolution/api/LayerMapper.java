package dev.convolution.api;

import dev.convolution.core.Grid;
import dev.convolution.core.error.InvalidRequestException;
import dev.convolution.core.layer.LayerGeometry;
import dev.convolution.core.layer.LayerTerm;
import dev.convolution.core.layer.LayerTraceEntry;
import dev.convolution.core.layer.PaddingMode;
import dev.convolution.core.layer.Tensor;
import dev.convolution.service.LayerCommand;
import dev.convolution.service.LayerComputation;
import dev.convolution.service.LayerExplainCommand;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Layer requests to service commands, and what the service computed to responses: one mapping per request type. */
@Component
class LayerMapper {

    LayerCommand command(int spatialRank, LayerRequest.Forward r) {
        Grid.Nested x = nested("input", r.input());
        Grid.Nested w = nested("weight", r.weight());
        LayerGeometry g = LayerGeometry.conv(spatialRank, x.dims(), w.dims(), ints(r.stride()), PaddingValue.of(r.padding()),
                ints(r.dilation()), groups(r.groups()), mode(r.paddingMode()));
        requireBias(r.bias(), g.outChannels());
        return new LayerCommand(LayerCommand.Kind.FORWARD, g, tensor(x), tensor(w), r.bias(), null, null,
                trace(r.trace(), LayerCommand.Traced.OUTPUT, EnumSet.of(LayerCommand.Traced.OUTPUT)));
    }

    LayerCommand command(int spatialRank, LayerRequest.Backward r) {
        Grid.Nested x = nested("input", r.input());
        Grid.Nested w = nested("weight", r.weight());
        LayerGeometry g = LayerGeometry.conv(spatialRank, x.dims(), w.dims(), ints(r.stride()), PaddingValue.of(r.padding()),
                ints(r.dilation()), groups(r.groups()), mode(r.paddingMode()));
        requireBias(r.bias(), g.outChannels());
        Grid.Nested gy = nested("gradOutput", r.gradOutput());
        if (!Arrays.equals(gy.dims(), g.outputShape())) {
            throw new InvalidRequestException("gradOutput", "gradOutput must have the forward output's shape " + Arrays.toString(g.outputShape())
                    + "; got " + Arrays.toString(gy.dims()));
        }
        Set<LayerCommand.Gradient> wrt = wrt(r.wrt(), r.bias() != null);
        return new LayerCommand(LayerCommand.Kind.BACKWARD, g, tensor(x), tensor(w), r.bias(), tensor(gy), wrt,
                trace(r.trace(), LayerCommand.Traced.GRAD_INPUT,
                        EnumSet.of(LayerCommand.Traced.GRAD_INPUT, LayerCommand.Traced.GRAD_WEIGHT, LayerCommand.Traced.GRAD_BIAS)));
    }

    LayerCommand command(int spatialRank, LayerRequest.Transpose r) {
        Grid.Nested x = nested("input", r.input());
        Grid.Nested w = nested("weight", r.weight());
        LayerGeometry g = LayerGeometry.transpose(spatialRank, x.dims(), w.dims(), ints(r.stride()), numbers("padding", r.padding()),
                numbers("outputPadding", r.outputPadding()), ints(r.dilation()), groups(r.groups()));
        requireBias(r.bias(), g.inChannels());
        return new LayerCommand(LayerCommand.Kind.TRANSPOSE, g, tensor(x), tensor(w), r.bias(), null, null,
                trace(r.trace(), LayerCommand.Traced.OUTPUT, EnumSet.of(LayerCommand.Traced.OUTPUT)));
    }

    LayerResponses.Output forwardResponse(LayerComputation c) {
        LayerGeometry g = c.geometry();
        return new LayerResponses.Output("cross-correlation", c.output().dims(), new NestedValues(c.output().dims(), c.output().values()),
                g.stride(), pairs(g), null, g.dilation(), g.groups(), g.mode().wireName(), null, trace(c.trace()));
    }

    LayerResponses.Output transposeResponse(LayerComputation c) {
        LayerGeometry g = c.geometry();
        Map<String, String> relations = transposeRelations(g);
        int[][] padding = new int[g.spatialRank()][];
        for (int a = 0; a < padding.length; a++) {
            padding[a] = new int[] {g.padBefore()[a], g.padAfter()[a]};
        }
        return new LayerResponses.Output("transposed convolution", c.output().dims(), new NestedValues(c.output().dims(),
                c.output().values()), g.stride(), padding, outputPadding(g), g.dilation(), g.groups(), null, relations,
                trace(transposed(c.trace())));
    }

    private static int[] outputPadding(LayerGeometry g) {
        int[] outputPadding = new int[g.spatialRank()];
        for (int a = 0; a < outputPadding.length; a++) {
            // the forward layer's input is the output: what the stride leaves beyond the last window is the output padding
            long used = (long) (g.outputSize()[a] - 1) * g.stride()[a] + (long) g.dilation()[a] * (g.kernelSize()[a] - 1) + 1;
            outputPadding[a] = (int) (g.inputSize()[a] + 2L * g.padBefore()[a] - used);
        }
        return outputPadding;
    }

    private static Map<String, String> transposeRelations(LayerGeometry g) {
        Map<String, String> relations = new LinkedHashMap<>();
        relations.put("output", "the gradInput of conv" + g.spatialRank() + "d with this weight, stride, padding and dilation for a "
                + "gradOutput equal to this input: a convolution (full) of the input (dilated by the stride) with the weight, "
                + "cropped by the padding, plus the bias");
        return relations;
    }

    /** A transposed convolution's terms name its own input where the input gradient they come from says gradOutput. */
    private static List<LayerTraceEntry> transposed(List<LayerTraceEntry> entries) {
        if (entries == null) {
            return null;
        }
        List<LayerTraceEntry> out = new ArrayList<>(entries.size());
        for (LayerTraceEntry e : entries) {
            List<LayerTerm> terms = new ArrayList<>(e.terms().size());
            for (LayerTerm t : e.terms()) {
                terms.add(new LayerTerm("input", t.left(), t.leftValue(), t.rightName(), t.right(), t.rightValue(), t.padded(), t.source(),
                        t.through()));
            }
            out.add(new LayerTraceEntry(e.output(), e.value(), terms, e.bias(), e.biasValue()));
        }
        return out;
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
            g = LayerGeometry.transpose(spatialRank, input, weight, ints(r.stride()), numbers("padding", r.padding()),
                    numbers("outputPadding", r.outputPadding()), ints(r.dilation()), groups(r.groups()));
            trace = trace(r.trace(), LayerCommand.Traced.OUTPUT, EnumSet.of(LayerCommand.Traced.OUTPUT));
        } else {
            if (r.outputPadding() != null) {
                throw new InvalidRequestException("outputPadding", "outputPadding is taken only by transposed convolutions");
            }
            g = LayerGeometry.conv(spatialRank, input, weight, ints(r.stride()), PaddingValue.of(r.padding()), ints(r.dilation()),
                    groups(r.groups()), mode(r.paddingMode()));
            trace = trace(r.trace(), LayerCommand.Traced.OUTPUT, EnumSet.allOf(LayerCommand.Traced.class));
        }
        return new LayerExplainCommand(transposed, g, Boolean.TRUE.equals(r.bias()), trace);
    }

    LayerResponses.Explanation explainResponse(String layer, LayerExplainCommand c, List<LayerTraceEntry> entries) {
        LayerGeometry g = c.geometry();
        List<LayerTraceEntry> named = c.transposed() ? transposed(entries) : entries;
        String arrayName = switch (c.trace().of()) {
            case OUTPUT -> "output";
            case GRAD_INPUT -> "gradInput";
            case GRAD_WEIGHT -> "gradWeight";
            case GRAD_BIAS -> "gradBias";
        };
        List<LayerResponses.ExplainedValue> values = new ArrayList<>(named.size());
        List<LayerResponses.TraceEntry> traced = trace(named);
        for (int i = 0; i < named.size(); i++) {
            values.add(new LayerResponses.ExplainedValue(named.get(i).output(), formula(arrayName, named.get(i)), traced.get(i).terms()));
        }
        Map<String, String> relations;
        if (c.transposed()) {
            relations = transposeRelations(g);
        } else if (c.trace().of() == LayerCommand.Traced.OUTPUT) {
            relations = Map.of("output", "cross-correlation of the padded input with each output channel's weight over its group's "
                    + "input channels, plus the bias");
        } else {
            relations = gradientRelations(g, c.trace().of() == LayerCommand.Traced.GRAD_INPUT, c.trace().of() == LayerCommand.Traced.GRAD_WEIGHT,
                    c.trace().of() == LayerCommand.Traced.GRAD_BIAS);
        }
        return new LayerResponses.Explanation(layer, arrayName, c.transposed() ? g.inputShape() : g.outputShape(), g.stride(), pairs(g),
                g.dilation(), g.groups(), relations, values);
    }

    /** {@code output[0,0,1] = input[0,0,1]·weight[0,0,0] + … + bias[0]}: the products whose left operand is not a zero of padding. */
    private static String formula(String array, LayerTraceEntry e) {
        StringBuilder s = new StringBuilder(array).append(label(e.output())).append(" = ");
        int n = 0;
        for (LayerTerm t : e.terms()) {
            boolean zero = t.padded() && t.source() == null;
            if (zero) {
                continue;
            }
            s.append(n++ == 0 ? "" : " + ").append(t.leftName()).append(label(t.source() != null ? t.source() : t.left()));
            if (t.right() != null) {
                s.append("·").append(t.rightName()).append(label(t.right()));
            }
        }
        if (e.bias() >= 0) {
            s.append(n++ == 0 ? "" : " + ").append("bias[").append(e.bias()).append("]");
        }
        if (n == 0) {
            s.append("0");
        }
        return s.toString();
    }

    private static String label(long[] l) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < l.length; i++) {
            s.append(i == 0 ? "" : ",").append(l[i]);
        }
        return s.append("]").toString();
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

    private static Map<String, String> gradientRelations(LayerGeometry g, boolean input, boolean weight, boolean bias) {
        Map<String, String> relations = new LinkedHashMap<>();
        String padding = g.mode() == PaddingMode.ZEROS ? "cropped by the padding" : "folded back onto the input by the padding mode ("
                + g.mode().wireName() + ": a padded position adds to the input element it copied)";
        if (input) {
            relations.put("gradInput", "convolution (full) of gradOutput (dilated by the stride) with weight, summed over the group's "
                    + "output channels and " + padding);
        }
        if (weight) {
            relations.put("gradWeight", "cross-correlation of input (padded as the forward pass pads it) with gradOutput (dilated by "
                    + "the stride), every dilation-th position, summed over the batch");
        }
        if (bias) {
            relations.put("gradBias", "gradOutput summed over the batch and every spatial position");
        }
        return relations;
    }

    LayerResponses.Gradients gradientsResponse(LayerComputation c) {
        LayerGeometry g = c.geometry();
        Map<String, String> relations = gradientRelations(g, c.gradInput() != null, c.gradWeight() != null, c.gradBias() != null);
        return new LayerResponses.Gradients(
                c.gradInput() == null ? null : new NestedValues(c.gradInput().dims(), c.gradInput().values()),
                c.gradWeight() == null ? null : new NestedValues(c.gradWeight().dims(), c.gradWeight().values()), c.gradBias(),
                g.outputShape(), g.stride(), pairs(g), g.dilation(), g.groups(), g.mode().wireName(), relations,
                c.traced() == null ? null : traced(c.traced()), trace(c.trace()));
    }

    private static String traced(LayerCommand.Traced t) {
        return switch (t) {
            case OUTPUT -> "output";
            case GRAD_INPUT -> "gradInput";
            case GRAD_WEIGHT -> "gradWeight";
            case GRAD_BIAS -> "gradBias";
        };
    }

    private static int[][] pairs(LayerGeometry g) {
        int[][] p = new int[g.spatialRank()][];
        for (int a = 0; a < p.length; a++) {
            p[a] = new int[] {g.padBefore()[a], g.padAfter()[a]};
        }
        return p;
    }

    private static List<LayerResponses.TraceEntry> trace(List<LayerTraceEntry> entries) {
        if (entries == null) {
            return null;
        }
        List<LayerResponses.TraceEntry> out = new ArrayList<>(entries.size());
        for (LayerTraceEntry e : entries) {
            List<LayerResponses.Term> terms = new ArrayList<>(e.terms().size() + 1);
            for (LayerTerm t : e.terms()) {
                terms.add(term(t));
            }
            if (e.bias() >= 0) {
                terms.add(new LayerResponses.Term(null, null, null, null, null, null, null, null, null, null, e.bias(), known(e.biasValue())));
            }
            out.add(new LayerResponses.TraceEntry(e.output(), e.value(), terms));
        }
        return out;
    }

    private static LayerResponses.Term term(LayerTerm t) {
        long[] input = null;
        long[] weight = null;
        long[] gradOutput = null;
        Double inputValue = null;
        Double weightValue = null;
        Double gradOutputValue = null;
        for (int side = 0; side < 2; side++) {
            String name = side == 0 ? t.leftName() : t.rightName();
            if (name == null) {
                continue;
            }
            long[] label = side == 0 ? t.left() : t.right();
            double value = side == 0 ? t.leftValue() : t.rightValue();
            switch (name) {
                case "input" -> {
                    input = label;
                    inputValue = value;
                }
                case "weight" -> {
                    weight = label;
                    weightValue = value;
                }
                default -> {
                    gradOutput = label;
                    gradOutputValue = value;
                }
            }
        }
        return new LayerResponses.Term(input, weight, gradOutput, known(inputValue), known(weightValue), known(gradOutputValue),
                known(t.product()), t.padded(), t.source(), t.through(), null, null);
    }

    /** A value, or null when only shapes are known (explain). */
    private static Double known(Double v) {
        return v == null || v.isNaN() ? null : v;
    }

    private static Grid.Nested nested(String field, TensorArray a) {
        if (a == null) {
            throw new InvalidRequestException(field, field + " is required");
        }
        return Grid.nested(field, a.value(), TensorArray.MAX_RANK);
    }

    private static Tensor tensor(Grid.Nested n) {
        return new Tensor(n.dims(), n.values());
    }

    private static int[] ints(PerAxisValue v) {
        return v == null ? null : v.values();
    }

    private static int groups(Integer groups) {
        return groups == null ? 1 : groups;
    }

    private static PaddingMode mode(PaddingMode m) {
        return m == null ? PaddingMode.DEFAULT : m;
    }

    private static int[] numbers(String field, PaddingValue v) {
        if (v == null) {
            return null;
        }
        if (v.word() != null) {
            throw new InvalidRequestException(field, field + " of a transposed convolution is a non-negative integer or one per "
                    + "spatial axis; \"" + v.word() + "\" is taken only by the forward layers");
        }
        return v.values();
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
        LayerCommand.Traced of = byDefault;
        if (t.of() != null) {
            of = switch (t.of()) {
                case "output" -> LayerCommand.Traced.OUTPUT;
                case "gradInput" -> LayerCommand.Traced.GRAD_INPUT;
                case "gradWeight" -> LayerCommand.Traced.GRAD_WEIGHT;
                case "gradBias" -> LayerCommand.Traced.GRAD_BIAS;
                default -> throw new InvalidRequestException("trace.of", "must be one of output, gradInput, gradWeight, gradBias; got '"
                        + StrictJson.abbreviate(t.of()) + "'");
            };
            if (!allowed.contains(of)) {
                throw new InvalidRequestException("trace.of", of == LayerCommand.Traced.OUTPUT ? "a backward request traces gradInput, "
                        + "gradWeight or gradBias" : "this request computes an output: trace.of is output (or absent)");
            }
        }
        boolean all = Boolean.TRUE.equals(t.all());
        if (all && t.outputs() != null) {
            throw new InvalidRequestException("trace", "give either trace.outputs or trace.all, not both");
        }
        if (!all && (t.outputs() == null || t.outputs().isEmpty())) {
            throw new InvalidRequestException("trace.outputs", "list the labels to trace, or set trace.all to true");
        }
        return new LayerCommand.LayerTrace(all ? "trace.all" : "trace.outputs", of, all ? null : t.outputs());
    }
}
