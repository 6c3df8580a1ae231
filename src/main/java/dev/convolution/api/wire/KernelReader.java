package dev.convolution.api.wire;

import java.util.function.BiFunction;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/** A kernel: numbers in the endpoint's array form (complex numbers too), read as that form is, or an object naming a kernel. */
public abstract class KernelReader<V, T> extends ValueDeserializer<T> {
    private final ValueDeserializer<V> values;
    private final BiFunction<V, NamedKernelRequest, T> wrap;

    protected KernelReader(ValueDeserializer<V> values, BiFunction<V, NamedKernelRequest, T> wrap) {
        this.values = values;
        this.wrap = wrap;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
        if (p.currentToken() == JsonToken.START_OBJECT) {
            // an object is a kernel by name, or complex numbers {"re", "im"}: the first key says which
            JsonToken first = p.nextToken();
            if (first == JsonToken.PROPERTY_NAME && (p.currentName().equals("re") || p.currentName().equals("im"))) {
                return wrap.apply(values.deserialize(p, ctxt), null); // the values' reader reads on from the first key
            }
            return wrap.apply(null, ctxt.readValue(p, NamedKernelRequest.class));
        }
        return wrap.apply(values.deserialize(p, ctxt), null);
    }
}
