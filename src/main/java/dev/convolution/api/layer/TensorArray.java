package dev.convolution.api.layer;

import dev.convolution.api.wire.NumberReaders;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A layer's nested JSON array of numbers as read from the wire (rank 3 to 5: {@code [N, C, spatial…]} or a weight):
 * {@code double[]} leaves and {@code Object[]} nodes, like {@link dev.convolution.api.wire.NestedArray} one axis deeper.
 */
@JsonDeserialize(using = TensorArray.Reader.class)
record TensorArray(Object value) {
    static final int MAX_RANK = 5;

    static final class Reader extends NumberReaders.Nested<TensorArray> {
        Reader() {
            super(3, MAX_RANK, TensorArray::new);
        }
    }
}
