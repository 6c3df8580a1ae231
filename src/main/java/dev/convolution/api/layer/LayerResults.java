package dev.convolution.api.layer;

import dev.convolution.api.wire.StrictJson;
import dev.convolution.core.layer.Tensor;
import dev.convolution.core.type.ElementType;
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
        headers.put("Convolution-Dtype", StrictJson.wire(c.type()));
        // float32 as <f4; float64 as it always was: <i8 when every value is an exact integer, else <f8
        return new BinaryResult.Npy(shape, values, c.type() == ElementType.FLOAT32 ? ElementType.FLOAT32 : null, headers);
    }
}
