package dev.convolution.api.wire;

import dev.convolution.core.PerAxis;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A per-axis integer of an arrays, explain or layer request (stride, dilation) as sent: one integer for every axis, or
 * a list of one per axis ({@code list} says which). {@link PerAxis} holds the rule that each is at least 1.
 */
@Schema(description = "A positive integer for every axis, or a list of one positive integer per axis.",
        oneOf = {Integer.class, int[].class}, example = "1")
@JsonDeserialize(using = PerAxisValue.Reader.class)
public record PerAxisValue(int[] values, boolean list) {
    /** The core's value, or null when the field was not sent. */
    public static PerAxis of(String field, PerAxisValue v) {
        if (v == null) {
            return null;
        }
        return v.list() ? PerAxis.of(field, v.values()) : PerAxis.every(field, v.values()[0]);
    }

    /** The values, one for every axis or one per axis, or null when the field was not sent. */
    public static int[] values(PerAxisValue v) {
        return v == null ? null : v.values();
    }

    static final class Reader extends ValueDeserializer<PerAxisValue> {
        @Override
        public PerAxisValue deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            if (p.isExpectedStartArrayToken()) {
                return new PerAxisValue(IntegerReaders.list(p), true);
            }
            if (p.currentToken() != tools.jackson.core.JsonToken.VALUE_NUMBER_INT) {
                throw new WireValueException(p, "must be an integer or a list of one per axis; got " + StrictJson.describe(p.currentToken()));
            }
            return new PerAxisValue(new int[] {IntegerReaders.integer(p, -1)}, false);
        }
    }
}
