package dev.convolution.api.layer;

import dev.convolution.api.wire.NestedValues;
import dev.convolution.api.wire.StrictJson;
import dev.convolution.core.error.InvalidRequestException;
import dev.convolution.core.layer.LayerGeometry;
import dev.convolution.core.layer.LayerTerm;
import dev.convolution.core.layer.LayerTraceEntry;
import dev.convolution.core.layer.PaddingMode;
import dev.convolution.core.layer.Tensor;
import dev.convolution.core.type.ElementType;
import dev.convolution.service.LayerCommand;
import dev.convolution.service.LayerComputation;
import dev.convolution.service.LayerExplainCommand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** What the layer service computed, as responses: values, the options as applied, the relations, the traces. */
@Component
class LayerAnswers {
    private static final Map<LayerCommand.Traced, String> ARRAYS = Map.of(LayerCommand.Traced.OUTPUT, "output",
            LayerCommand.Traced.GRAD_INPUT, "gradInput", LayerCommand.Traced.GRAD_WEIGHT, "gradWeight", LayerCommand.Traced.GRAD_BIAS,
            "gradBias");

    /** The name of a traced array on the wire ({@code gradInput}). */
    static String word(LayerCommand.Traced t) {
        return ARRAYS.get(t);
    }

    /** The traced array a wire name stands for, as {@code trace.of} gives it. */
    static LayerCommand.Traced traced(String word) {
        for (Map.Entry<LayerCommand.Traced, String> e : ARRAYS.entrySet()) {
            if (e.getValue().equals(word)) {
                return e.getKey();
            }
        }
        throw new InvalidRequestException("trace.of", "must be one of output, gradInput, gradWeight, gradBias; got '"
                + StrictJson.abbreviate(word) + "'");
    }

    LayerResponses.Output forward(LayerComputation c) {
        LayerGeometry g = c.geometry();
        boolean f32 = c.type() == ElementType.FLOAT32;
        return new LayerResponses.Output("cross-correlation", c.output().dims(), values(c.output(), f32), c.type(), g.stride(), pairs(g),
                null, g.dilation(), g.groups(), g.mode(), null, trace(c.trace(), f32));
    }

    LayerResponses.Output transpose(LayerComputation c) {
        LayerGeometry g = c.geometry();
        boolean f32 = c.type() == ElementType.FLOAT32;
        return new LayerResponses.Output("transposed convolution", c.output().dims(), values(c.output(), f32), c.type(), g.stride(),
                pairs(g), g.outputPadding(), g.dilation(), g.groups(), null, transposeRelations(g), trace(transposed(c.trace()), f32));
    }

    LayerResponses.Gradients gradients(LayerComputation c) {
        LayerGeometry g = c.geometry();
        Map<String, String> relations = gradientRelations(g, c.gradInput() != null, c.gradWeight() != null, c.gradBias() != null);
        boolean f32 = c.type() == ElementType.FLOAT32;
        return new LayerResponses.Gradients(c.gradInput() == null ? null : values(c.gradInput(), f32),
                c.gradWeight() == null ? null : values(c.gradWeight(), f32),
                c.gradBias() == null ? null : new NestedValues(new int[] {c.gradBias().length}, c.gradBias(), f32), c.type(),
                g.outputShape(), g.stride(), pairs(g), g.dilation(), g.groups(), g.mode(), relations,
                c.traced() == null ? null : word(c.traced()), trace(c.trace(), f32));
    }

    LayerResponses.Explanation explanation(String layer, LayerExplainCommand c, List<LayerTraceEntry> entries) {
        LayerGeometry g = c.geometry();
        List<LayerTraceEntry> named = c.transposed() ? transposed(entries) : entries;
        String array = word(c.trace().of());
        List<LayerResponses.ExplainedValue> values = new ArrayList<>(named.size());
        List<LayerResponses.TraceEntry> traced = trace(named, false);
        for (int i = 0; i < named.size(); i++) {
            values.add(new LayerResponses.ExplainedValue(named.get(i).output(), named.get(i).formula(array), traced.get(i).terms()));
        }
        Map<String, String> relations;
        if (c.transposed()) {
            relations = transposeRelations(g);
        } else if (c.trace().of() == LayerCommand.Traced.OUTPUT) {
            relations = Map.of("output", "cross-correlation of the padded input with each output channel's weight over its group's "
                    + "input channels, plus the bias");
        } else {
            LayerCommand.Traced of = c.trace().of();
            relations = gradientRelations(g, of == LayerCommand.Traced.GRAD_INPUT, of == LayerCommand.Traced.GRAD_WEIGHT,
                    of == LayerCommand.Traced.GRAD_BIAS);
        }
        return new LayerResponses.Explanation(layer, array, c.transposed() ? g.inputShape() : g.outputShape(), g.stride(), pairs(g),
                g.dilation(), g.groups(), relations, values);
    }

    private static NestedValues values(Tensor t, boolean float32) {
        return new NestedValues(t.dims(), t.values(), float32);
    }

    private static Map<String, String> transposeRelations(LayerGeometry g) {
        Map<String, String> relations = new LinkedHashMap<>();
        relations.put("output", "the gradInput of conv" + g.spatialRank() + "d with this weight, stride, padding and dilation for a "
                + "gradOutput equal to this input: a convolution (full) of the input (dilated by the stride) with the weight, "
                + "cropped by the padding, plus the bias");
        return relations;
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

    private static int[][] pairs(LayerGeometry g) {
        int[][] p = new int[g.spatialRank()][];
        for (int a = 0; a < p.length; a++) {
            p[a] = new int[] {g.padBefore()[a], g.padAfter()[a]};
        }
        return p;
    }

    private static List<LayerResponses.TraceEntry> trace(List<LayerTraceEntry> entries, boolean float32) {
        if (entries == null) {
            return null;
        }
        List<LayerResponses.TraceEntry> out = new ArrayList<>(entries.size());
        for (LayerTraceEntry e : entries) {
            List<LayerResponses.Term> terms = new ArrayList<>(e.terms().size() + 1);
            for (LayerTerm t : e.terms()) {
                terms.add(term(t, float32));
            }
            if (e.bias() >= 0) {
                terms.add(new LayerResponses.Term(null, null, null, null, null, null, null, null, null, null, e.bias(),
                        known(e.biasValue(), float32)));
            }
            out.add(new LayerResponses.TraceEntry(e.output(), float32 ? (Number) (float) e.value() : (Number) e.value(), terms));
        }
        return out;
    }

    private static LayerResponses.Term term(LayerTerm t, boolean float32) {
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
        return new LayerResponses.Term(input, weight, gradOutput, known(inputValue, float32), known(weightValue, float32),
                known(gradOutputValue, float32), known(t.product()), t.padded(), t.source(), t.through(), null, null);
    }

    /** A value, or null when only shapes are known (explain). */
    private static Double known(Double v) {
        return v == null || v.isNaN() ? null : v;
    }

    /** A value of the data (a float when the layer computed in float32, written shortest), or null when only shapes are known. */
    private static Number known(Double v, boolean float32) {
        Double known = known(v);
        return known == null || !float32 ? known : (Number) known.floatValue();
    }
}
