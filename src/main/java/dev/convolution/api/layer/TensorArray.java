package dev.convolution.api.layer;

import dev.convolution.api.wire.NumberReaders;
import dev.convolution.core.type.ElementType;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A layer's nested JSON array of numbers as read from the wire (rank 3 to 5: {@code [N, C, spatial…]} or a weight):
 * {@code double[]} leaves and {@code Object[]} nodes, like {@link dev.convolution.api.wire.NestedArray} one axis deeper.
 * Complex data (a {@code {"re", "im"}} object, a complex {@code .npy} part) keep their type, which the mapper refuses:
 * layers compute in float64 or float32.
 */
@Schema(name = "TensorArray", description = "A rectangular nested array of finite numbers of rank 3 to 5 ([N, C, spatial…] or a "
        + "weight [C_out, C_in/groups, k…]), row-major.")
@JsonDeserialize(using = TensorArray.Reader.class)
record TensorArray(Object value, ElementType type) {
    static final int MAX_RANK = 5;

    static final class Reader extends NumberReaders.Nested<TensorArray> {
        Reader() {
            super(3, MAX_RANK, (value, type, imag) -> new TensorArray(value, type));
        }
    }
}
