package dev.convolution.api.wire;

import java.util.function.BiFunction;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationContext;

/**
 * A complex array on the wire: {@code {"re": A, "im": A}}, two real arrays of the field's own form (read by the field's
 * reader, every strict rule of real numbers kept), nested as deep as the rank. Exactly the two keys; a part's error
 * names it ({@code signal.im[2]}). That both parts have one shape is checked where the shapes are known.
 *
 * @param re the real parts
 * @param im the imaginary parts
 */
public record ComplexParts<V>(V re, V im) {
    private static final String FORM = "a complex array is an object of two arrays of one shape, {\"re\": […], \"im\": […]}";

    /** True when the parser stands on an object where an array of data is read: a complex array (or its first key). */
    public static boolean at(JsonParser p) {
        return p.currentToken() == JsonToken.START_OBJECT || p.currentToken() == JsonToken.PROPERTY_NAME;
    }

    /** Reads the object the parser stands on (its start, or its first key), each part by {@code part}. */
    public static <V> ComplexParts<V> read(JsonParser p, DeserializationContext ctxt, BiFunction<JsonParser, DeserializationContext, V> part) {
        JsonToken t = p.currentToken() == JsonToken.START_OBJECT ? p.nextToken() : p.currentToken();
        V re = null;
        V im = null;
        for (; t == JsonToken.PROPERTY_NAME; t = p.nextToken()) {
            String name = p.currentName();
            if (!name.equals("re") && !name.equals("im")) {
                throw new WireValueException(p, "has the key '" + StrictJson.abbreviate(name) + "': " + FORM);
            }
            p.nextToken();
            V v;
            try {
                v = part.apply(p, ctxt);
            } catch (DatabindException e) {
                e.prependPath(ComplexParts.class, name);
                throw e;
            }
            if (name.equals("re")) {
                re = v;
            } else {
                im = v;
            }
        }
        if (re == null || im == null) {
            throw new WireValueException(p, "has no '" + (re == null ? "re" : "im") + "': " + FORM);
        }
        return new ComplexParts<>(re, im);
    }
}
