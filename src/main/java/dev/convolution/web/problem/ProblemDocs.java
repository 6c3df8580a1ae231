package dev.convolution.web.problem;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;

/** The problem details in the OpenAPI document: the Problem schema, and each operation's problem responses. */
@Configuration(proxyBeanMethods = false)
class ProblemDocs {
    private static final String PROBLEM = "#/components/schemas/Problem";

    /** Each operation lists the problem responses its API interface declares ({@link ProblemResponses}). */
    @Bean
    OperationCustomizer problemResponses() {
        return (operation, handler) -> {
            ProblemResponses declared = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), ProblemResponses.class);
            if (declared == null) {
                return operation;
            }
            ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            for (ProblemResponse p : declared.value().responses()) {
                responses.addApiResponse(String.valueOf(p.status()), new ApiResponse().description(p.description())
                        .content(new Content().addMediaType("application/problem+json", new MediaType().schema(new Schema<>().$ref(PROBLEM)))));
            }
            return operation.responses(responses);
        };
    }

    /** RFC 9457's members, our errors array and the request id; Spring's own ProblemDetail schema is not the wire's. */
    @Bean
    OpenApiCustomizer problemSchema() {
        return openApi -> {
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            ObjectSchema error = new ObjectSchema();
            error.description("One field to blame and what is wrong with it.");
            error.addProperty("field", new StringSchema().description("The field to blame, such as image[2] or stride.").example("image[2]"));
            error.addProperty("message", new StringSchema().example("row 2 has 4 values; row 0 has 7"));
            error.setRequired(List.of("field", "message"));
            ObjectSchema p = new ObjectSchema();
            p.description("RFC 9457 problem details.");
            p.addProperty("type", new StringSchema().description("A stable URI naming the kind of problem.").example(Problems.BASE + "invalid-request"));
            p.addProperty("title", new StringSchema().example("Invalid request"));
            p.addProperty("status", new IntegerSchema().example(400));
            p.addProperty("detail", new StringSchema().example("image[2]: row 2 has 4 values; row 0 has 7"));
            p.addProperty("instance", new StringSchema().example("/api/v1/images/convolve"));
            p.addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/FieldError")));
            p.addProperty("requestId", new StringSchema().description("The request's id, as in the X-Request-Id response header and in "
                    + "the service's log lines for the request.").example("5aac14e8-36e9-4c85-b498-79689f1c436f"));
            components.addSchemas("FieldError", error).addSchemas("Problem", p);
            if (components.getSchemas() != null) {
                components.getSchemas().remove("ProblemDetail");
            }
            openApi.setComponents(components);
        };
    }
}
