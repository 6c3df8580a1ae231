package dev.convolution.api.wire;

import dev.convolution.core.Shape;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A nested JSON array of numbers of rank 1 to {@value Shape#MAX_RANK} as read from the wire: {@code double[]} for an
 * array of numbers, {@code Object[]} for an array of arrays. {@link dev.convolution.core.Grid#ofNested} checks the shape.
 */
@Schema(name = "NestedArray", description = "A rectangular nested array of finite numbers of rank 1 to " + Shape.MAX_RANK
        + " (number[] … number[][][][]), row-major.")
@JsonDeserialize(using = NestedArray.Reader.class)
public record NestedArray(Object value) {
    public static final class Reader extends NumberReaders.Nested<NestedArray> {
        public Reader() {
            super(1, Shape.MAX_RANK, NestedArray::new);
        }
    }
}
