package dev.convolution.api.wire;

import dev.convolution.core.Grid;
import dev.convolution.core.Shape;
import dev.convolution.core.type.ElementType;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A nested JSON array of numbers of rank 1 to {@value Shape#MAX_RANK} as read from the wire: {@code double[]} for an
 * array of numbers, {@code Object[]} for an array of arrays. {@link dev.convolution.core.Grid#ofNested} checks the shape.
 * {@code type} is the element type of a {@code .npy} part (complex128 for a JSON {@code {"re", "im"}} object), null for
 * JSON numbers; {@code imag} holds complex data's imaginary parts in the same nested form, else null.
 */
@Schema(name = "NestedArray", description = "A rectangular nested array of finite numbers of rank 1 to " + Shape.MAX_RANK
        + " (number[] … number[][][][]), row-major.")
@JsonDeserialize(using = NestedArray.Reader.class)
public record NestedArray(Object value, ElementType type, Object imag) {

    /** The element type of the values: the {@code .npy} part's, or for JSON numbers integers when every value is one. */
    public ElementType type(Grid values) {
        return type != null ? type : ElementType.of(values);
    }

    public static final class Reader extends NumberReaders.Nested<NestedArray> {
        public Reader() {
            super(1, Shape.MAX_RANK, NestedArray::new);
        }
    }
}
