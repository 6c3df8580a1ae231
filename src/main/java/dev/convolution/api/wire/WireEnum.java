package dev.convolution.api.wire;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/** Exactly the lower-case words of an enum ({@link StrictJson#wire}); anything else is refused with the list of words. */
final class WireEnum<E extends Enum<E>> extends ValueDeserializer<E> {
    private final E[] constants;
    private final String allowed;

    WireEnum(Class<E> type) {
        this.constants = type.getEnumConstants();
        this.allowed = String.join(", ", words(type));
    }

    /** The words of an enum's constants, in declaration order: what the wire takes and the OpenAPI document lists. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static List<String> words(Class<? extends Enum> type) {
        return Arrays.stream((Enum<?>[]) type.getEnumConstants()).map(StrictJson::wire).collect(Collectors.toList());
    }

    @Override
    public E deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new WireValueException(p, "must be one of " + allowed + "; got " + StrictJson.describe(p.currentToken()));
        }
        String s = p.getString();
        for (E e : constants) {
            if (StrictJson.wire(e).equals(s)) {
                return e;
            }
        }
        throw new WireValueException(p, "must be one of " + allowed + "; got '" + StrictJson.abbreviate(s) + "'");
    }
}
