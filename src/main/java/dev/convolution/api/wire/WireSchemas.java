package dev.convolution.api.wire;

import dev.convolution.core.Method;
import dev.convolution.core.Shape;
import dev.convolution.core.Spec;
import dev.convolution.core.kernel.KernelDescription;
import dev.convolution.core.kernel.NamedKernels;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * The wire shapes of the wire's own value types in the OpenAPI document (a Java record such as {@link NestedArray}
 * is one JSON value on the wire, not an object of its fields), and the request defaults quoted from {@link Spec}.
 */
public final class WireSchemas {
    private WireSchemas() {
    }

    /** Nested arrays of rank {@code minRank} to {@code maxRank} of non-empty arrays of {@code leaf}. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static Schema<?> nested(int minRank, int maxRank, Supplier<Schema<?>> leaf) {
        List<Schema> ranks = new ArrayList<>();
        for (int rank = minRank; rank <= maxRank; rank++) {
            Schema level = leaf.get();
            for (int a = 0; a < rank; a++) {
                level = new ArraySchema().items(level).minItems(1);
            }
            ranks.add(level);
        }
        return new Schema<>().oneOf(ranks);
    }

    /** An integer of at least {@code min} for every axis, or a list of {@code minItems} to {@code maxItems} of them. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static Schema<?> perAxis(long min, int minItems, int maxItems, Object example) {
        return new Schema<>().oneOf(List.of(new IntegerSchema().minimum(BigDecimal.valueOf(min)).example(1),
                new ArraySchema().items(new IntegerSchema().minimum(BigDecimal.valueOf(min))).minItems(minItems).maxItems(maxItems)
                        .example(example)));
    }

    /** Puts {@code shape} in the place of the schema {@code name}, keeping its description. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static void replace(Map<String, Schema> schemas, String name, Schema<?> shape) {
        Schema old = schemas.get(name);
        if (old != null) {
            schemas.put(name, shape.description(old.getDescription()));
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static OpenApiCustomizer customizer() {
        return openApi -> {
            Map<String, Schema> schemas = openApi.getComponents().getSchemas();
            replace(schemas, "NestedArray", nested(1, Shape.MAX_RANK, NumberSchema::new));
            replace(schemas, "PerAxisValue", perAxis(1, 1, Shape.MAX_RANK, List.of(1, 1, 2)));
            Schema named = schemas.get("NamedKernel");
            if (named != null) {
                // an object, so that an array of numbers matches only the other alternative of a kernel's oneOf
                named.setType("object");
                named.setTypes(new java.util.LinkedHashSet<>(List.of("object")));
                ((Schema) named.getProperties().get("name")).setEnum(NamedKernels.catalogue().stream().map(KernelDescription::name).toList());
            }
            for (String object : List.of("ComplexArray", "ComplexNumber")) {
                Schema complex = schemas.get(object);
                if (complex != null) { // an object with its two keys, distinct from a named kernel (which needs a name)
                    complex.setType("object");
                    complex.setTypes(new java.util.LinkedHashSet<>(List.of("object")));
                    complex.setAdditionalProperties(false);
                }
            }
            // a number of any form (an integral value comes as an integer), or a complex number
            replace(schemas, "ResultNumber", new Schema<>().oneOf(List.of(new NumberSchema(),
                    new Schema<>().$ref("#/components/schemas/ComplexNumber"))));
            schemas.remove("NestedValues");
            schemas.remove("JsonNode");
            Map<String, Object> defaults = new LinkedHashMap<>();
            defaults.put("mode", StrictJson.wire(Spec.DEFAULT_MODE));
            defaults.put("boundary", StrictJson.wire(Spec.DEFAULT_BOUNDARY));
            defaults.put("fillValue", Spec.DEFAULT_FILL_VALUE);
            defaults.put("stride", Spec.DEFAULT_STRIDE);
            defaults.put("dilation", Spec.DEFAULT_DILATION);
            defaults.put("method", StrictJson.wire(Method.DEFAULT));
            defaults.put("indexOrigin", StrictJson.wire(Spec.DEFAULT_ORIGIN));
            defaults.put("correlationConvention", StrictJson.wire(Spec.DEFAULT_CONVENTION));
            defaults.put("conjugate", true);
            schemas.forEach((name, schema) -> {
                if (name.endsWith("Request") && schema.getProperties() != null) {
                    defaults.forEach((field, value) -> {
                        Schema property = (Schema) schema.getProperties().get(field);
                        // explain takes correlationConvention and conjugate only with cross-correlation: a stated default would make
                        // generated clients send it with every convolution, which the service refuses
                        if (property != null && !(name.equals("ExplainRequest") && (field.equals("correlationConvention") || field.equals("conjugate")))) {
                            property.setDefault(value);
                        }
                    });
                }
            });
        };
    }
}
