package dev.convolution.api.explain;

import dev.convolution.api.wire.WireSchemas;
import dev.convolution.core.Shape;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** kernelSymbols as the wire has it: strings nested to the kernel's rank (its Java type is a JSON tree, checked by hand). */
@Configuration(proxyBeanMethods = false)
class ExplainDocs {

    @Bean
    @SuppressWarnings({"rawtypes", "unchecked"})
    OpenApiCustomizer kernelSymbols() {
        return openApi -> {
            Schema request = openApi.getComponents().getSchemas().get("ExplainRequest");
            Schema old = request == null ? null : (Schema) request.getProperties().get("kernelSymbols");
            if (old != null) {
                request.getProperties().put("kernelSymbols", WireSchemas.nested(1, Shape.MAX_RANK, StringSchema::new)
                        .description(old.getDescription()).example(old.getExample()));
            }
        };
    }
}
