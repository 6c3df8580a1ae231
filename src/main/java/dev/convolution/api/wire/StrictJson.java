package dev.convolution.api.wire;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.util.Locale;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleDeserializers;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.module.SimpleSerializers;

/**
 * The wire format's strict readers and compact writers, as one Jackson module: numbers must be JSON numbers, integers
 * JSON integers, enums their lower-case words; arrays are read straight into primitive arrays, and integral doubles are
 * written without a fraction ({@code 2}, not {@code 2.0}). Value rules (a stride of at least 1, a padding of at least 0)
 * belong to the values the core makes of these, not to the reader.
 */
public final class StrictJson {
    private StrictJson() {
    }

    /** The module that installs the readers and writers of every type that is not a feature's own. */
    public static SimpleModule module() {
        SimpleModule m = new SimpleModule("convolution-wire");
        m.setDeserializers(new WireDeserializers());
        m.setSerializers(new WireSerializers());
        m.addDeserializer(double[].class, new NumberReaders.OneD());
        m.addDeserializer(double[][].class, new NumberReaders.TwoD());
        m.addDeserializer(Double.class, new NumberReaders.StrictDouble());
        m.addDeserializer(int[].class, new IntegerReaders.Ints());
        m.addDeserializer(long[].class, new IntegerReaders.Labels());
        m.addDeserializer(Integer.class, new IntegerReaders.StrictInteger());
        CompactWriters.register(m);
        return m;
    }

    /** The wire word of an enum constant: {@code full}, {@code cross-correlation}. */
    public static String wire(Enum<?> e) {
        return e instanceof dev.convolution.core.Operation o ? o.wireName() : e.name().toLowerCase(Locale.ROOT);
    }

    /** What a token is, in words, for a message. */
    public static String describe(JsonToken t) {
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case VALUE_STRING -> "a string";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_NUMBER_FLOAT -> "a number with a fraction or exponent";
            case VALUE_NUMBER_INT -> "an integer";
            default -> "something else";
        };
    }

    /** A sent text cut to 40 characters for a message. */
    public static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    /** Every enum is read by its words ({@link WireEnum}), whichever package it comes from. */
    private static final class WireDeserializers extends SimpleDeserializers {
        private static final long serialVersionUID = 1L;

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public ValueDeserializer<?> findEnumDeserializer(JavaType type, DeserializationConfig config, BeanDescription.Supplier description) {
            ValueDeserializer<?> own = super.findEnumDeserializer(type, config, description);
            return own != null ? own : new WireEnum(type.getRawClass());
        }
    }

    /** The service's own enums are written as their words, as they are read. */
    private static final class WireSerializers extends SimpleSerializers {
        private static final long serialVersionUID = 1L;
        private static final ValueSerializer<Enum<?>> WORD = new ValueSerializer<>() {
            @Override
            public void serialize(Enum<?> value, JsonGenerator g, SerializationContext ctxt) {
                g.writeString(wire(value));
            }
        };

        @Override
        public ValueSerializer<?> findEnumSerializer(SerializationConfig config, JavaType type, BeanDescription.Supplier description,
                JsonFormat.Value format) {
            ValueSerializer<?> own = super.findEnumSerializer(config, type, description, format);
            return own != null || !type.getRawClass().getName().startsWith("dev.convolution.") ? own : WORD;
        }
    }
}
