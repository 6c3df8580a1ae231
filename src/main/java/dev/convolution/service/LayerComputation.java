package dev.convolution.service;

import dev.convolution.core.layer.LayerGeometry;
import dev.convolution.core.layer.LayerTraceEntry;
import dev.convolution.core.layer.Tensor;
import java.util.List;

/** What a layer request computed: the output (forward, transposed) or the gradients asked for, and the trace. */
public record LayerComputation(LayerGeometry geometry, Tensor output, Tensor gradInput, Tensor gradWeight, double[] gradBias,
        LayerCommand.Traced traced, List<LayerTraceEntry> trace) {
}
