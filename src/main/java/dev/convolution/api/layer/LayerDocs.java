package dev.convolution.api.layer;

import dev.convolution.api.wire.WireSchemas;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.util.ArrayList;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The layer endpoints' documentation: the description texts of their OpenAPI annotations, so every layer documents a
 * field alike, and the wire shapes of the layers' own value types.
 */
@Configuration(proxyBeanMethods = false)
class LayerDocs {

    static final String INPUT = "The input: a nested array N × C_in × spatial… (one spatial axis for conv1d, two for conv2d, three "
            + "for conv3d) of finite numbers.";
    static final String WEIGHT = "The weight: C_out × (C_in / groups) × k… (PyTorch's layout).";
    static final String BIAS = "One value per output channel (C_out), added to every output of its channel; none when absent.";
    static final String STRIDE = "A positive integer for every spatial axis or a list of one per spatial axis (default 1).";
    static final String DILATION = "Distance between kernel taps: a positive integer for every spatial axis or one per spatial "
            + "axis (default 1).";
    static final String PADDING = "Positions added before and after the input: a non-negative integer for every spatial axis, "
            + "one per spatial axis, \"valid\" (none) or \"same\" (output as long as the input; stride 1 only; an odd total "
            + "puts the extra position after, as PyTorch does). Default 0.";
    static final String GROUPS = "Input and output channels split into this many groups, each output channel seeing only its "
            + "group's C_in / groups input channels; must divide C_in and C_out (default 1).";
    static final String DTYPE = "The type to compute in: float64 or float32 (PyTorch's dtype; float32 rounds the data to float "
            + "first and answers floats, written shortest). Without it numpy's rule on the input's, the weight's and gradOutput's types "
            + "gives it (.npy parts bring their own; JSON numbers are float64).";
    static final String PADDING_MODE = "How padded values are made, PyTorch's padding_mode (default zeros): zeros, reflect "
            + "(mirror without the edge; padding < input size), replicate (the edge value), circular (periodic; padding ≤ input size).";
    static final String FORWARD = "A convolution layer's forward pass, value for value as PyTorch 1.13 (float64): a "
            + "cross-correlation of the padded input with each output channel's weight over its group's input channels, plus the "
            + "bias. Stride, dilation and padding take one integer or one per spatial axis; padding also \"same\" or \"valid\"; "
            + "paddingMode zeros, reflect, replicate or circular. A trace lists, for each traced output [n, c_out, spatial…], "
            + "every input × weight product and the bias.";
    static final String BACKWARD = "The gradients of the forward pass for a given gradOutput, equal to PyTorch autograd of "
            + "(output · gradOutput).sum(): gradInput is a convolution (full) of gradOutput dilated by the stride with the weight, "
            + "gradWeight a cross-correlation of the padded input with gradOutput, gradBias gradOutput summed; 'relations' says so "
            + "per gradient. trace.of names the gradient whose values are traced: a gradInput term names the gradOutput and "
            + "weight labels that met, the weight taps running backwards against the gradOutput positions (the convolution).";
    static final String TRANSPOSE = "A transposed convolution, as torch.nn.functional.conv_transpose*d: the gradInput of "
            + "the forward layer with this weight, stride, padding and dilation for a gradOutput equal to this input, plus the "
            + "bias. outputPadding (each smaller than its axis's stride or dilation) adds positions at the end of each axis.";

    /** A tensor is nested arrays of rank 3 to 5; a padding numbers or a word. */
    @Bean
    @SuppressWarnings({"rawtypes", "unchecked"})
    OpenApiCustomizer layerSchemas() {
        return openApi -> {
            var schemas = openApi.getComponents().getSchemas();
            WireSchemas.replace(schemas, "TensorArray", WireSchemas.nested(3, TensorArray.MAX_RANK, NumberSchema::new));
            List<Schema> padding = new ArrayList<>(WireSchemas.perAxis(0, 1, 3, List.of(1, 1)).getOneOf());
            padding.add(new StringSchema()._enum(List.of("same", "valid")));
            WireSchemas.replace(schemas, "PaddingValue", new Schema<>().oneOf(padding));
        };
    }
}
