package dev.convolution.api.wire;

import com.fasterxml.jackson.databind.JavaType;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.reflect.Type;
import java.util.ArrayList;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JacksonModule;

/**
 * The wire format in the application: its Jackson module (Spring Boot adds every {@link JacksonModule} bean to its
 * mapper), and its enum words in the OpenAPI document, taken from the enums themselves as the readers take them.
 */
@Configuration(proxyBeanMethods = false)
class WireConfiguration {

    @Bean
    JacksonModule wireFormat() {
        return StrictJson.module();
    }

    /** Every enum field of a request or response lists the words the wire takes ({@code full, same, valid}), not the constants. */
    @Bean
    PropertyCustomizer enumWords() {
        return (property, type) -> {
            Class<?> raw = raw(type);
            if (raw != null && raw.isEnum() && property != null && property.getEnum() != null) {
                @SuppressWarnings({"unchecked", "rawtypes"})
                Schema<Object> words = (Schema) property;
                words.setEnum(new ArrayList<>(WireEnum.words(raw.asSubclass(Enum.class))));
            }
            return property;
        };
    }

    @Bean
    OpenApiCustomizer wireShapes() {
        return WireSchemas.customizer();
    }

    private static Class<?> raw(AnnotatedType type) {
        Type t = type == null ? null : type.getType();
        if (t instanceof Class<?> c) {
            return c;
        }
        return t instanceof JavaType j ? j.getRawClass() : null;
    }
}
