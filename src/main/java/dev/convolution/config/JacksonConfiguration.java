package dev.convolution.config;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Strict parsing, the first of the three error tiers: unknown fields, trailing content,
 * duplicate keys, nulls for primitives, floats for integers and every scalar coercion fail in
 * Jackson, before any request record exists. The wire format's own readers and writers are a module of
 * their own ({@code api.wire}).
 */
@Configuration(proxyBeanMethods = false)
public class JacksonConfiguration {

    @Bean
    JsonMapperBuilderCustomizer strictWireFormat() {
        return JacksonConfiguration::strict;
    }

    /** The strict settings on a mapper builder (the application's, or a benchmark's that reads as the service does). */
    public static JsonMapper.Builder strict(JsonMapper.Builder builder) {
        return strict(builder, true);
    }

    /** The strict settings; {@code recordCreators}: the service's records built by {@link RecordCreators} (false: by Jackson). */
    static JsonMapper.Builder strict(JsonMapper.Builder builder, boolean recordCreators) {
        if (recordCreators) {
            builder.addModule(new SimpleModule("convolution-record-creators").setValueInstantiators(new RecordCreators()));
        }
        return builder
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT, DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION, StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                // Schubfach-based double writer: the same shortest round-trip text, written faster
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                .withCoercionConfigDefaults(c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyArray, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyObject, CoercionAction.Fail));
    }
}
