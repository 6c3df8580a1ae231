package dev.convolution.api.layer;

import dev.convolution.core.layer.Tensor;
import dev.convolution.service.LayerComputation;
import dev.convolution.web.media.BinaryResult;
import dev.convolution.web.problem.ResultNotAcceptableException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/** A layer's output (forward, transposed) or its one gradient asked for (backward) as one {@code .npy} array. */
@Component
class LayerResults {

    BinaryResult.Npy npy(String layer, LayerRequest r, Supplier<LayerComputation> compute) {
        BinaryResult.requireNoTrace(r.trace() != null);
        LayerComputation c = compute.get();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Convolution-Layer", layer);
        String name;
        int[] shape;
        double[] values;
        if (c.output() != null) {
            name = "output";
            shape = c.output().dims();
            values = c.output().values();
        } else {
            int given = (c.gradInput() == null ? 0 : 1) + (c.gradWeight() == null ? 0 : 1) + (c.gradBias() == null ? 0 : 1);
            if (given != 1) {
                throw new ResultNotAcceptableException("a .npy holds one array: ask for one gradient with wrt (input, weight or bias), "
                        + "or for JSON");
            }
            Tensor t = c.gradInput() != null ? c.gradInput() : c.gradWeight();
            name = c.gradInput() != null ? "gradInput" : c.gradWeight() != null ? "gradWeight" : "gradBias";
            shape = t == null ? new int[] {c.gradBias().length} : t.dims();
            values = t == null ? c.gradBias() : t.values();
        }
        headers.put("Convolution-Array", name);
        headers.put("Convolution-Shape", BinaryResult.list(shape));
        return new BinaryResult.Npy(shape, values, null, headers); // layers answer float64 (or int64 for integers)
    }
}
