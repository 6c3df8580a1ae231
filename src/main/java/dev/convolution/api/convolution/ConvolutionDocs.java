package dev.convolution.api.convolution;

import dev.convolution.api.wire.WireSchemas;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The compute endpoints' types as the wire has them: a kernel is numbers in the family's array form or a named kernel,
 * a stride of an image one integer or a pair; and the result of each family, one Java type ({@link ConvolutionResponse})
 * whose {@code output} and {@code kernelAsApplied} a generated client should read as {@code number[]}, rows, or a
 * nested array.
 */
@Configuration(proxyBeanMethods = false)
class ConvolutionDocs {
    static final String SIGNAL = "#/components/schemas/SignalResult";
    static final String IMAGE = "#/components/schemas/ImageResult";
    static final String ARRAY = "#/components/schemas/ArrayResult";
    private static final String NAMED = "#/components/schemas/NamedKernel";
    private static final String COMPLEX = "#/components/schemas/ComplexArray";

    @Bean
    @SuppressWarnings({"rawtypes", "unchecked"})
    OpenApiCustomizer computeSchemas() {
        return openApi -> {
            Map<String, Schema> schemas = openApi.getComponents().getSchemas();
            WireSchemas.replace(schemas, "AxisPair", new Schema<>().oneOf(List.of(new IntegerSchema().minimum(BigDecimal.ONE).example(1),
                    new ArraySchema().items(new IntegerSchema().minimum(BigDecimal.ONE)).minItems(2).maxItems(2).example(List.of(1, 2)))));
            Schema named = new Schema<>().$ref(NAMED);
            WireSchemas.replace(schemas, "SignalKernel", new Schema<>().oneOf(List.of(rank(1), complex(), named)));
            WireSchemas.replace(schemas, "ImageKernel", new Schema<>().oneOf(List.of(rank(2), complex(), named)));
            WireSchemas.replace(schemas, "ArrayKernel", new Schema<>().oneOf(List.of(new Schema<>().$ref("#/components/schemas/NestedArray"),
                    complex(), named)));
            WireSchemas.replace(schemas, "SignalData", new Schema<>().oneOf(List.of(rank(1), complex())));
            WireSchemas.replace(schemas, "ImageData", new Schema<>().oneOf(List.of(rank(2), complex())));
            // the result's own schemas, which no operation names (each names its family's copy)
            Map<String, Schema> response = new LinkedHashMap<>(ModelConverters.getInstance(true).readAll(ConvolutionResponse.class));
            Schema generic = response.remove(ConvolutionResponse.class.getSimpleName());
            response.forEach(schemas::putIfAbsent);
            Schema used = schemas.get("NamedKernelUsed");
            Schema request = schemas.get("NamedKernel");
            if (used != null && request != null) {
                // a named kernel's parameters, defaults filled in: the request's fields but its name
                ObjectSchema parameters = new ObjectSchema();
                parameters.description("A named kernel's parameters, each that the kernel takes with its default filled in.");
                ((Map<String, Schema>) request.getProperties()).forEach((k, v) -> {
                    if (!k.equals("name")) {
                        parameters.addProperty(k, v);
                    }
                });
                used.getProperties().put("parameters", parameters);
            }
            for (String internal : List.of("SignalInput", "ImageInput", "Picture", "ResultValues")) {
                schemas.remove(internal); // the Java carriers of the data, and the generic result's output: not wire shapes
            }
            family(schemas, generic, SIGNAL, "number[]", () -> rank(1));
            family(schemas, generic, IMAGE, "number[][] (a list of rows)", () -> rank(2));
            family(schemas, generic, ARRAY, "a nested array of the input's rank (number[] … number[][][][])",
                    () -> new Schema<>().$ref("#/components/schemas/NestedArray"));
        };
    }

    private static Schema<?> complex() {
        return new Schema<>().$ref(COMPLEX);
    }

    private static Schema<?> rank(int rank) {
        return WireSchemas.nested(rank, rank, NumberSchema::new).getOneOf().get(0);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void family(Map<String, Schema> schemas, Schema generic, String ref, String shape, Supplier<Schema> arrays) {
        Schema copy = new ObjectSchema().description(generic.getDescription());
        copy.setRequired(generic.getRequired());
        Map<String, Schema> properties = new LinkedHashMap<>(generic.getProperties());
        properties.put("output", new Schema<>().oneOf(List.of(arrays.get(), complex())).description("The result, " + shape
                + ". Integral values are written without a fraction. A complex result is one {\"re\", \"im\"} object of two such arrays."));
        properties.put("kernelAsApplied", new Schema<>().oneOf(List.of(arrays.get(), complex())).description("The kernel in the "
                + "orientation in which it meets the input as it slides (rotated 180° for convolution; conjugated where a complex "
                + "correlation conjugates), " + shape + ", or complex."));
        copy.setProperties(properties);
        schemas.put(ref.substring(ref.lastIndexOf('/') + 1), copy);
    }
}
