package dev.convolution.api.convolution;

import dev.convolution.api.wire.IntegerReaders;
import dev.convolution.api.wire.StrictJson;
import dev.convolution.api.wire.WireValueException;
import dev.convolution.core.PerAxis;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A per-axis integer of an images request (stride, dilation): one integer for both axes, or a {@code [rows, columns]}
 * pair on the wire ({@code pair} says which was sent). {@link PerAxis} holds the rule that each is at least 1.
 */
@Schema(description = "A positive integer for both axes, or a [rows, columns] pair of positive integers.",
        oneOf = {Integer.class, int[].class}, example = "1")
@JsonDeserialize(using = AxisPair.Reader.class)
record AxisPair(int rows, int cols, boolean pair) {

    /** The core's per-axis value, or null when the field was not sent. */
    static PerAxis of(String field, AxisPair v) {
        if (v == null) {
            return null;
        }
        return v.pair() ? PerAxis.of(field, v.rows(), v.cols()) : PerAxis.every(field, v.rows());
    }

    static final class Reader extends ValueDeserializer<AxisPair> {
        private static final String WHAT = "must be a positive integer or a [rows, columns] pair";

        @Override
        public AxisPair deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                int v = IntegerReaders.integer(p, -1);
                return new AxisPair(v, v, false);
            }
            if (!p.isExpectedStartArrayToken()) {
                throw new WireValueException(p, WHAT + " of them; got " + StrictJson.describe(p.currentToken()));
            }
            int[] v = IntegerReaders.list(p);
            if (v.length != 2) {
                throw new WireValueException(p, WHAT + "; the array has " + v.length + " value" + (v.length == 1 ? "" : "s"));
            }
            return new AxisPair(v[0], v[1], true);
        }
    }
}
