package dev.convolution.api.layer;

import dev.convolution.api.wire.IntegerReaders;
import dev.convolution.api.wire.StrictJson;
import dev.convolution.api.wire.WireValueException;
import dev.convolution.core.error.InvalidRequestException;
import dev.convolution.core.layer.Padding;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A layer's {@code padding} as sent: numbers ({@code values}: one for every spatial axis, or one per axis) or a word
 * ({@code "same"}, {@code "valid"}). The layer's geometry holds the rule that each number is at least 0.
 */
@Schema(description = "A non-negative integer for every spatial axis, a list of one per spatial axis, or \"same\" or \"valid\".",
        oneOf = {Integer.class, int[].class, String.class}, example = "1")
@JsonDeserialize(using = PaddingValue.Reader.class)
record PaddingValue(int[] values, String word) {
    /** The core's padding; PyTorch's default (0) when the field was not sent. */
    static Padding of(PaddingValue v) {
        if (v == null) {
            return Padding.none();
        }
        if (v.word() != null) {
            return v.word().equals("same") ? Padding.SAME : Padding.VALID;
        }
        return new Padding.Explicit(v.values());
    }

    /** Numbers only (a transposed convolution's padding and output padding), or null when the field was not sent. */
    static int[] numbers(String field, PaddingValue v) {
        if (v == null) {
            return null;
        }
        if (v.word() != null) {
            throw new InvalidRequestException(field, field + " of a transposed convolution is a non-negative integer or one per "
                    + "spatial axis; \"" + v.word() + "\" is taken only by the forward layers");
        }
        return v.values();
    }

    static final class Reader extends ValueDeserializer<PaddingValue> {
        private static final String WHAT = "must be a non-negative integer, a list of one per spatial axis, or \"same\" or \"valid\"";

        @Override
        public PaddingValue deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_STRING) {
                String s = p.getString();
                if (s.equals("same") || s.equals("valid")) {
                    return new PaddingValue(null, s);
                }
                throw new WireValueException(p, WHAT + "; got '" + StrictJson.abbreviate(s) + "'");
            }
            if (t == JsonToken.VALUE_NUMBER_INT) {
                return new PaddingValue(new int[] {IntegerReaders.integer(p, -1)}, null);
            }
            if (!p.isExpectedStartArrayToken()) {
                throw new WireValueException(p, WHAT + "; got " + StrictJson.describe(t));
            }
            return new PaddingValue(IntegerReaders.list(p), null);
        }
    }
}
