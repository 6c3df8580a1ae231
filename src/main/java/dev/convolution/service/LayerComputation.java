package dev.convolution.service;

import dev.convolution.core.error.ResultNotRepresentableException;
import dev.convolution.core.layer.LayerGeometry;
import dev.convolution.core.layer.LayerTraceEntry;
import dev.convolution.core.layer.Tensor;
import dev.convolution.core.type.ElementType;
import java.util.ArrayList;
import java.util.List;

/**
 * What a layer request computed: the output (forward, transposed) or the gradients asked for, the trace, and the type
 * the values are of (FLOAT64 or FLOAT32).
 */
public record LayerComputation(LayerGeometry geometry, Tensor output, Tensor gradInput, Tensor gradWeight, double[] gradBias,
        LayerCommand.Traced traced, List<LayerTraceEntry> trace, ElementType type) {

    /** The results rounded to float (and checked: a float32 result beyond float's range is refused, as any overflow). */
    LayerComputation toFloat32() {
        List<LayerTraceEntry> entries = null;
        if (trace != null) {
            entries = new ArrayList<>(trace.size());
            for (LayerTraceEntry e : trace) {
                entries.add(new LayerTraceEntry(e.output(), (float) e.value(), e.terms(), e.bias(), e.biasValue()));
            }
        }
        return new LayerComputation(geometry, round(output), round(gradInput), round(gradWeight),
                gradBias == null ? null : finite(ElementType.FLOAT32.round(gradBias)), traced, entries, ElementType.FLOAT32);
    }

    private static Tensor round(Tensor t) {
        return t == null ? null : new Tensor(t.dims(), finite(ElementType.FLOAT32.roundInPlace(t.values()))); // the computation's own
    }

    private static double[] finite(double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new ResultNotRepresentableException("the result cannot be represented in float32: value " + i
                        + " (row-major) is " + v[i]);
            }
        }
        return v;
    }
}
