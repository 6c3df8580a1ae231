package dev.convolution.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.servers.Server;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document: the service description with every configured limit, the named request
 * examples (kept as files under {@code openapi/examples/} so a test can post each one), and the
 * problem responses of every endpoint.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {
    static final String EXAMPLES = "classpath*:openapi/examples/*.json";

    @Bean
    OpenAPI convolutionOpenApi(LimitsProperties limits, ConcurrencyProperties concurrency) {
        String description = """
                Convolution and cross-correlation of 1D signals and 2D images, with the index trace of every output: \
                which input index met which kernel index.

                **Formulas** (with `center` labels they hold literally; with `corner` labels up to the offset the mode \
                introduces, and each response's `formula` states the exact form):
                - convolution: `y[m] = Σ_i x[i]·h[m−i]` (the kernel meets the input flipped)
                - cross-correlation, `sliding`: `y[m] = Σ_k h[k]·x[m+k]` (scipy.signal.correlate, PyTorch, TensorFlow, OpenCV)
                - cross-correlation, `mirrored`: `y[m] = Σ_i x[i]·h[m+i]` (the sliding result at −m)

                **Boundaries** for input `a b c d`: fill `k k | a b c d | k k`, wrap `c d | a b c d | a b`, \
                symmetric `d c b a | a b c d | d c b a`, reflect `d c b | a b c d | c b a`, replicate `a a | a b c d | d d`.

                **Exactness**: integer data (3.0 counts) whose exact results lie within ±2^53 give the exact integers, \
                whatever the method. Otherwise direct and fft agree within 1e-9 relative to Σ|x|·max|h|.

                **Errors** are RFC 9457 problem details (`application/problem+json`) with an `errors` array naming the fields and the request's `requestId` (also in the `X-Request-Id` header): 400 invalid request, 408 a body that did not arrive within the body timeout (the connection then closes), 413 over a size limit, 415 not JSON or a `Content-Encoding` other than `identity`, 422 result not representable, 503 saturated (computations or memory; with `Retry-After`; a body that does not fit the memory budget is refused before it is read), 504 computation past the time budget (problem type `time-budget`, no `Retry-After`: the same request would take as long again). Requests the server refuses before the service sees them (a malformed path, a negative or repeated `Content-Length`, an oversized header) get a 400 problem (`http-400`) too. With `Expect: 100-continue`, a body refused from its headers is refused before it is sent.

                **Headers**: every response has `X-Content-Type-Options: nosniff`; API and error responses `Cache-Control: no-store`, this document `no-cache`.

                **Arrays** (`/api/v1/arrays`): rank 1 to 4, every option on every axis; stride and dilation one integer or one per axis.

                **Limits** (configuration property, environment variable, value in force):
                | property | environment | value |
                | --- | --- | --- |
                | convolution.limits.max-body-bytes | CONVOLUTION_LIMITS_MAX_BODY_BYTES | %d bytes |
                | convolution.limits.max-input-elements | CONVOLUTION_LIMITS_MAX_INPUT_ELEMENTS | %d |
                | convolution.limits.max-kernel-elements | CONVOLUTION_LIMITS_MAX_KERNEL_ELEMENTS | %d |
                | convolution.limits.max-output-elements | CONVOLUTION_LIMITS_MAX_OUTPUT_ELEMENTS | %d |
                | convolution.limits.max-padded-elements | CONVOLUTION_LIMITS_MAX_PADDED_ELEMENTS | %d |
                | convolution.limits.max-trace-terms | CONVOLUTION_LIMITS_MAX_TRACE_TERMS | %d |
                | convolution.limits.body-timeout | CONVOLUTION_LIMITS_BODY_TIMEOUT | %d ms |
                | convolution.concurrency.max-computations | CONVOLUTION_CONCURRENCY_MAX_COMPUTATIONS | %d |
                | convolution.concurrency.max-light-computations | CONVOLUTION_CONCURRENCY_MAX_LIGHT_COMPUTATIONS | %d |
                | convolution.concurrency.memory-fraction | CONVOLUTION_CONCURRENCY_MEMORY_FRACTION | %s |
                | convolution.concurrency.memory-per-body-byte | CONVOLUTION_CONCURRENCY_MEMORY_PER_BODY_BYTE | %s |
                | convolution.concurrency.retry-after-seconds | CONVOLUTION_CONCURRENCY_RETRY_AFTER_SECONDS | %d |
                | convolution.concurrency.time-budget | CONVOLUTION_CONCURRENCY_TIME_BUDGET | %d ms |
                """.formatted(limits.maxBodyBytes(), limits.maxInputElements(), limits.maxKernelElements(),
                limits.maxOutputElements(), limits.maxPaddedElements(), limits.maxTraceTerms(), limits.bodyTimeout().toMillis(),
                concurrency.maxComputations(), concurrency.maxLightComputations(), concurrency.memoryFraction(), concurrency.memoryPerBodyByte(),
                concurrency.retryAfterSeconds(), concurrency.timeBudget().toMillis());
        return new OpenAPI()
                .info(new Info().title("Convolution service").version("v1").description(description)
                        .license(new License().name("Proprietary").identifier("LicenseRef-Proprietary")))
                // relative: the document is right wherever it is served (a replica, the gateway, Swagger UI)
                .servers(List.of(new Server().url("/").description("The host that serves this document")))
                // no authentication of its own: the service runs behind a gateway that does any
                .security(List.of());
    }

    @Bean
    OpenApiCustomizer examplesAndProblems() {
        return openApi -> {
            wireSchemas(openApi);
            loadExamples(openApi);
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> {
                if (path.startsWith("/api/v1/")) {
                    for (Operation op : item.readOperations()) {
                        addProblems(op, path.equals("/api/v1/explain"));
                        typedResult(op, path);
                        binaryBodies(openApi.getComponents(), op, path);
                    }
                }
            });
            if (openApi.getComponents() != null && openApi.getComponents().getSchemas() != null) {
                openApi.getComponents().getSchemas().remove(GENERIC_RESULT);
            }
        };
    }

    /** The array fields that may come as parts of a multipart/form-data body, by path. */
    private static final Map<String, List<String>> PARTS = Map.of("/api/v1/signals/", List.of("signal", "kernel"), "/api/v1/images/",
            List.of("image", "kernel"), "/api/v1/arrays/", List.of("input", "kernel"));

    /**
     * The binary forms of a compute endpoint beside its JSON: a multipart/form-data body (each array field a part holding
     * a .npy file or JSON, an images request's image also a PNG, the other fields in the JSON part options), and the
     * result array as application/x-npy (images: also image/png) when Accept asks for it.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void binaryBodies(Components components, Operation op, String path) {
        List<String> parts = PARTS.entrySet().stream().filter(e -> path.startsWith(e.getKey())).map(Map.Entry::getValue).findFirst()
                .orElse(null);
        if (path.startsWith("/api/v1/layers/conv")) {
            parts = path.endsWith("/backward") ? List.of("input", "weight", "bias", "gradOutput") : List.of("input", "weight", "bias");
        }
        if (parts == null || op.getRequestBody() == null || op.getRequestBody().getContent() == null) {
            return;
        }
        boolean image = path.startsWith("/api/v1/images/");
        ObjectSchema form = new ObjectSchema();
        form.description("The request as parts: each array field a part of its own name holding a NumPy .npy file (versions 1.0–3.0; "
                + "float64, float32, int8–int64, uint8–uint64, bool; either byte order; C or Fortran order) or JSON"
                + (image ? "; the image may also be a PNG (8 or 16 bits; grey, grey+alpha, RGB, RGBA: each colour channel filtered on its "
                + "own, alpha passed through in same mode)" : "") + "; the other fields in one JSON part named options.");
        io.swagger.v3.oas.models.media.Encoding npy = new io.swagger.v3.oas.models.media.Encoding()
                .contentType("application/x-npy, application/json");
        io.swagger.v3.oas.models.media.MediaType multipart = new io.swagger.v3.oas.models.media.MediaType().schema(form);
        for (String part : parts) {
            form.addProperty(part, new io.swagger.v3.oas.models.media.BinarySchema().description(part.equals("image")
                    ? "A PNG, a 2D .npy, or JSON rows." : "A .npy file or JSON, as the JSON field " + part + "."));
            multipart.addEncoding(part, part.equals("image") ? new io.swagger.v3.oas.models.media.Encoding()
                    .contentType("image/png, application/x-npy, application/json") : npy);
        }
        ObjectSchema options = new ObjectSchema();
        options.description("The JSON request's other fields (mode, boundary, stride, …), "
                + (image ? "and png: {\"scale\": \"clip\" | \"normalize\" | \"abs\"} for a PNG answer." : "as in the JSON body."));
        options.example(path.startsWith("/api/v1/layers/") ? Map.of("padding", 1)
                : image ? Map.of("mode", "same", "boundary", "reflect", "png", Map.of("scale", "clip")) : Map.of("mode", "same"));
        form.addProperty("options", options);

        multipart.addEncoding("options", new io.swagger.v3.oas.models.media.Encoding().contentType("application/json"));
        String family = path.startsWith("/api/v1/layers/") ? (path.endsWith("/backward") ? "LayerBackward"
                : path.contains("transpose") ? "LayerTranspose" : "LayerForward") : image ? "Image" : path.startsWith("/api/v1/signals/")
                ? "Signal" : "Array";
        components.addSchemas(family + "Parts", form);
        multipart.schema(new Schema<>().$ref("#/components/schemas/" + family + "Parts"));
        op.getRequestBody().getContent().addMediaType("multipart/form-data", multipart);
        if (path.endsWith("/explain")) {
            return;
        }
        ApiResponse ok = op.getResponses() == null ? null : op.getResponses().get("200");
        if (ok != null && ok.getContent() != null) {
            ok.getContent().addMediaType("application/x-npy", new io.swagger.v3.oas.models.media.MediaType().schema(
                    new io.swagger.v3.oas.models.media.BinarySchema().description("With Accept: application/x-npy: the result array alone as a "
                            + "version-1.0 .npy (float64, C order; int64 when every value is an exact integer); the other scalar fields "
                            + "in Convolution-* headers (Convolution-Method, Convolution-Shape, Convolution-Output-Start, …). Backward: "
                            + "the one gradient asked for with wrt.")));
            if (image) {
                ok.getContent().addMediaType("image/png", new io.swagger.v3.oas.models.media.MediaType().schema(new io.swagger.v3.oas.models.media.BinarySchema()
                        .description("With Accept: image/png: the result as a PNG of the input's bit "
                                + "depth (8 for an image given as numbers), each value rounded and clipped as png.scale says.")));
            }
        }
        if (op.getResponses() != null) {
            op.getResponses().addApiResponse("406", new ApiResponse().description("The result cannot be given as Accept asks: a trace "
                    + "needs JSON; a colour PNG's result needs image/png; a .npy holds one gradient.")
                    .content(new Content().addMediaType("application/problem+json",
                            new io.swagger.v3.oas.models.media.MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem")))));
        }
    }

    private static final String GENERIC_RESULT = "ConvolutionResponse";
    /** The result schema of each family of endpoints: the Java type is shared, the shape of its arrays is not. */
    private static final Map<String, String> RESULTS = Map.of("/api/v1/signals/", "SignalResult", "/api/v1/images/", "ImageResult",
            "/api/v1/arrays/", "ArrayResult");

    /** Points an endpoint's 200 response at the result schema of its family, whose output is typed. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void typedResult(Operation op, String path) {
        RESULTS.forEach((prefix, name) -> {
            if (path.startsWith(prefix) && op.getResponses() != null && op.getResponses().get("200") != null
                    && op.getResponses().get("200").getContent() != null) {
                op.getResponses().get("200").getContent().values().forEach(m -> m.setSchema(new Schema<>().$ref("#/components/schemas/" + name)));
            }
        });
    }

    /**
     * Copies of the shared result schema with {@code output} and {@code kernelAsApplied} typed by family:
     * {@code number[]} for signals, {@code number[][]} for images, a {@code NestedArray} for arrays, so a
     * generated client reads them as numbers, not as untyped values.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void resultSchemas(Map<String, Schema> schemas) {
        Schema generic = schemas.get(GENERIC_RESULT);
        if (generic == null || generic.getProperties() == null) {
            return;
        }
        // a fresh schema for each field, since the two fields get descriptions of their own
        Map<String, java.util.function.Supplier<Schema>> typed = new LinkedHashMap<>();
        typed.put("SignalResult", () -> new ArraySchema().items(new NumberSchema()));
        typed.put("ImageResult", () -> new ArraySchema().items(new ArraySchema().items(new NumberSchema())));
        typed.put("ArrayResult", () -> new Schema<>().$ref("#/components/schemas/NestedArray"));
        Map<String, String> shapes = Map.of("SignalResult", "number[]", "ImageResult", "number[][] (a list of rows)",
                "ArrayResult", "a nested array of the input's rank (number[] … number[][][][])");
        typed.forEach((name, arrays) -> {
            Schema copy = new ObjectSchema().description(generic.getDescription());
            copy.setRequired(generic.getRequired());
            Map<String, Schema> properties = new LinkedHashMap<>(generic.getProperties());
            for (String field : List.of("output", "kernelAsApplied")) {
                Schema old = properties.get(field);
                Schema t = arrays.get();
                t.description(field.equals("output") ? "The result, " + shapes.get(name) + ". Integral values are written without a fraction."
                        : "The kernel in the orientation in which it meets the input as it slides (rotated 180° for convolution), "
                        + shapes.get(name) + ".");
                if (old != null && !name.equals("ImageResult")) {
                    t.example(old.getExample());
                }
                properties.put(field, t);
            }
            copy.setProperties(properties);
            schemas.put(name, copy);
        });
    }

    /** Schemas that describe the wire format rather than the Java types behind it. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void wireSchemas(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        Map<String, Schema> schemas = openApi.getComponents().getSchemas();
        if (schemas == null) {
            openApi.getComponents().setSchemas(new LinkedHashMap<>());
            schemas = openApi.getComponents().getSchemas();
        }
        schemas.put("Problem", problemSchema());
        schemas.put("FieldError", fieldErrorSchema());
        schemas.remove("ProblemDetail");
        Schema axis = new Schema<>().description("A positive integer for both axes, or a [rows, columns] pair of positive integers.")
                .oneOf(List.of(new IntegerSchema().minimum(java.math.BigDecimal.ONE).example(1),
                        new ArraySchema().items(new IntegerSchema().minimum(java.math.BigDecimal.ONE)).minItems(2).maxItems(2)
                                .example(List.of(1, 2))));
        schemas.put("AxisPair", axis);
        int maxRank = dev.convolution.core.Shape.MAX_RANK;
        schemas.put("PerAxisValue", new Schema<>().description("A positive integer for every axis, or a list of one positive "
                + "integer per axis (1 to " + maxRank + " of them).")
                .oneOf(List.of(new IntegerSchema().minimum(java.math.BigDecimal.ONE).example(1),
                        new ArraySchema().items(new IntegerSchema().minimum(java.math.BigDecimal.ONE)).minItems(1).maxItems(maxRank)
                                .example(List.of(1, 1, 2)))));
        List<Schema> nested = new java.util.ArrayList<>();
        List<Schema> nestedStrings = new java.util.ArrayList<>();
        Schema level = new NumberSchema();
        Schema levelStrings = new StringSchema();
        for (int rank = 1; rank <= maxRank; rank++) {
            level = new ArraySchema().items(level).minItems(1);
            levelStrings = new ArraySchema().items(levelStrings).minItems(1);
            nested.add(level);
            nestedStrings.add(levelStrings);
        }
        schemas.put("NestedArray", new Schema<>().description("A rectangular nested array of finite numbers of rank 1 to "
                + maxRank + " (number[] … number[][][][]), row-major.").oneOf(nested));
        for (String name : List.of("ArrayConvolutionRequest", "ArrayCorrelationRequest")) {
            Schema request = schemas.get(name);
            if (request != null && request.getProperties() != null) {
                for (String field : List.of("input", "kernel")) {
                    Schema old = (Schema) request.getProperties().get(field);
                    request.getProperties().put(field, new Schema<>().$ref("#/components/schemas/NestedArray")
                            .description(old == null ? null : old.getDescription()).example(old == null ? null : old.getExample()));
                }
            }
        }
        kernelSchemas(schemas);
        layerSchemas(schemas);
        schemas.remove("NestedValues");
        schemas.remove("JsonNode");
        statedDefaults(schemas);
        resultSchemas(schemas);
        Schema explain = schemas.get("ExplainRequest");
        if (explain != null && explain.getProperties() != null) {
            Schema old = (Schema) explain.getProperties().get("kernelSymbols");
            Schema symbols = new Schema<>().description(old == null ? null : old.getDescription()).example(old == null ? null : old.getExample())
                    .oneOf(nestedStrings);
            explain.getProperties().put("kernelSymbols", symbols);
        }
    }

    /**
     * A request's kernel as the wire has it: numbers in the endpoint's array form, or a {@code NamedKernel} object (the
     * Java types behind them, {@code KernelField.*}, are not wire shapes).
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void kernelSchemas(Map<String, Schema> schemas) {
        schemas.putAll(io.swagger.v3.core.converter.ModelConverters.getInstance().read(dev.convolution.api.wire.NamedKernelRequest.class));
        Schema namedSchema = schemas.get("NamedKernel");
        if (namedSchema != null) {
            // an object, so that an array of numbers matches only the other alternative of a kernel's oneOf
            namedSchema.setType("object");
            namedSchema.setTypes(new java.util.LinkedHashSet<>(List.of("object")));
        }
        Schema named = new Schema<>().$ref("#/components/schemas/NamedKernel");
        schemas.put("SignalKernel", new Schema<>().description("A 1D kernel: a non-empty array of finite numbers, or a kernel by name.")
                .oneOf(List.of(new ArraySchema().items(new NumberSchema()).minItems(1), named)));
        schemas.put("ImageKernel", new Schema<>().description("A 2D kernel: rows of finite numbers, or a kernel by name.")
                .oneOf(List.of(new ArraySchema().items(new ArraySchema().items(new NumberSchema()).minItems(1)).minItems(1), named)));
        schemas.put("ArrayKernel", new Schema<>().description("An N-d kernel: a nested array of the input's rank, or a kernel by name.")
                .oneOf(List.of(new Schema<>().$ref("#/components/schemas/NestedArray"), named)));
        Map<String, String> forms = Map.of("SignalConvolutionRequest", "SignalKernel", "SignalCorrelationRequest", "SignalKernel",
                "ImageConvolutionRequest", "ImageKernel", "ImageCorrelationRequest", "ImageKernel", "ArrayConvolutionRequest",
                "ArrayKernel", "ArrayCorrelationRequest", "ArrayKernel");
        forms.forEach((name, kernel) -> {
            Schema request = schemas.get(name);
            if (request == null || request.getProperties() == null) {
                return;
            }
            Schema old = (Schema) request.getProperties().get("kernel");
            request.getProperties().put("kernel", new Schema<>().$ref("#/components/schemas/" + kernel)
                    .description(old == null ? null : old.getDescription()).example(old == null ? null : old.getExample()));
        });
        Schema used = schemas.get("NamedKernelUsed");
        if (used != null && used.getProperties() != null) {
            Schema values = (Schema) used.getProperties().get("values");
            used.getProperties().put("values", new Schema<>().$ref("#/components/schemas/NestedArray")
                    .description(values == null ? null : values.getDescription()).example(values == null ? null : values.getExample()));
            ObjectSchema parameters = new ObjectSchema();
            parameters.description("A named kernel's parameters, each that the kernel takes with its default filled in.");
            parameters.addProperty("size", new IntegerSchema().description("Taps per axis."));
            parameters.addProperty("sigma", new NumberSchema().description("The Gaussian's σ as given (≤ 0: OpenCV's rule from the size)."));
            parameters.addProperty("axis", new StringSchema()._enum(List.of("x", "y")));
            parameters.addProperty("normalize", new io.swagger.v3.oas.models.media.BooleanSchema());
            parameters.addProperty("neighbours", new IntegerSchema());
            schemas.put("KernelParameters", parameters);
            used.getProperties().put("parameters", new Schema<>().$ref("#/components/schemas/KernelParameters"));
        }
        Schema parameter = schemas.get("KernelParameter");
        if (parameter != null && parameter.getProperties() != null) {
            Schema old = (Schema) parameter.getProperties().get("defaultValue");
            parameter.getProperties().put("defaultValue", new Schema<>().description(old == null ? null : old.getDescription())
                    .oneOf(List.of(new NumberSchema(), new io.swagger.v3.oas.models.media.BooleanSchema(), new StringSchema())));
        }
        for (String javaType : List.of("Signal", "Image", "Array", "KernelField")) {
            schemas.remove(javaType);
        }
    }

    /** The layers' arrays (rank 3 to 5) and padding as the wire has them, and the request and result fields typed by them. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void layerSchemas(Map<String, Schema> schemas) {
        List<Schema> ranks = new java.util.ArrayList<>();
        Schema level = new ArraySchema().items(new ArraySchema().items(new NumberSchema()).minItems(1)).minItems(1);
        for (int rank = 3; rank <= 5; rank++) {
            level = new ArraySchema().items(level).minItems(1);
            ranks.add(level);
        }
        schemas.put("TensorArray", new Schema<>().description("A rectangular nested array of finite numbers of rank 3 to 5 "
                + "([N, C, spatial…] or a weight [C_out, C_in/groups, k…]), row-major.").oneOf(ranks));
        schemas.put("PaddingValue", new Schema<>().description("A non-negative integer for every spatial axis, a list of one per "
                + "spatial axis, or \"same\" or \"valid\" (forward layers only).")
                .oneOf(List.of(new IntegerSchema().minimum(java.math.BigDecimal.ZERO).example(1),
                        new ArraySchema().items(new IntegerSchema().minimum(java.math.BigDecimal.ZERO)).minItems(1).maxItems(3)
                                .example(List.of(1, 1)),
                        new StringSchema()._enum(List.of("same", "valid")))));
        Map<String, List<String>> typed = Map.of("LayerForwardRequest", List.of("input", "weight"), "LayerBackwardRequest",
                List.of("input", "weight", "gradOutput"), "LayerTransposeRequest", List.of("input", "weight"), "LayerResult",
                List.of("output"), "LayerGradients", List.of("gradInput", "gradWeight"));
        typed.forEach((name, fields) -> {
            Schema schema = schemas.get(name);
            if (schema == null || schema.getProperties() == null) {
                return;
            }
            for (String field : fields) {
                Schema old = (Schema) schema.getProperties().get(field);
                schema.getProperties().put(field, new Schema<>().$ref("#/components/schemas/TensorArray")
                        .description(old == null ? null : old.getDescription()).example(old == null ? null : old.getExample()));
            }
        });
    }

    /**
     * The defaults of every request schema, taken from the core's {@link dev.convolution.core.Spec}
     * constants (where they are stated once) rather than repeated in annotations.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static void statedDefaults(Map<String, Schema> schemas) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("mode", dev.convolution.api.wire.StrictJson.wire(dev.convolution.core.Spec.DEFAULT_MODE));
        defaults.put("boundary", dev.convolution.api.wire.StrictJson.wire(dev.convolution.core.Spec.DEFAULT_BOUNDARY));
        defaults.put("fillValue", dev.convolution.core.Spec.DEFAULT_FILL_VALUE);
        defaults.put("stride", dev.convolution.core.Spec.DEFAULT_STRIDE);
        defaults.put("dilation", dev.convolution.core.Spec.DEFAULT_DILATION);
        defaults.put("method", dev.convolution.api.wire.StrictJson.wire(dev.convolution.core.Method.DEFAULT));
        defaults.put("indexOrigin", dev.convolution.api.wire.StrictJson.wire(dev.convolution.core.Spec.DEFAULT_ORIGIN));
        defaults.put("correlationConvention", dev.convolution.api.wire.StrictJson.wire(dev.convolution.core.Spec.DEFAULT_CONVENTION));
        schemas.forEach((name, schema) -> {
            if (!name.endsWith("Request") || schema.getProperties() == null) {
                return;
            }
            defaults.forEach((field, value) -> {
                Schema property = (Schema) schema.getProperties().get(field);
                // explain takes correlationConvention only with operation cross-correlation: a stated default would
                // make generated clients send it with every convolution, which the service refuses
                boolean onlySometimes = name.equals("ExplainRequest") && field.equals("correlationConvention");
                if (property != null && !onlySometimes) {
                    property.setDefault(value);
                }
            });
        });
    }

    private static void addProblems(Operation op, boolean explain) {
        ApiResponses responses = op.getResponses() == null ? new ApiResponses() : op.getResponses();
        Map<String, String> problems = new LinkedHashMap<>();
        problems.put("400", "Malformed JSON, wrong types, unknown fields, bad enum values (the allowed ones are listed), "
                + "ragged or empty arrays, stride or dilation below 1, a kernel that does not fit in valid mode, a trace over "
                + "the term limit, kernelSymbols of the wrong shape, a field sent twice; a request the server refuses at the HTTP level "
                + "(malformed path, bad Content-Length, oversized header); in a multipart body, a part that does not parse whole (a "
                + ".npy with a bad magic, a truncated or unsupported one, a corrupt PNG), an unknown part, a field sent both as a "
                + "part and in options. `errors` names the fields and parts.");
        problems.put("406", "The Accept header asks for a media type the endpoint cannot answer (compute endpoints answer "
                + "application/json, application/x-npy and, for images, image/png).");
        problems.put("408", "The body did not arrive within convolution.limits.body-timeout (in the detail); the connection "
                + "closes. Problem type body-timeout.");
        problems.put("413", "A body over the byte limit or arrays over the element limits (the limit is in the detail).");
        problems.put("415", "The body is neither application/json nor multipart/form-data, or it has a Content-Encoding other "
                + "than identity (the answer carries Accept-Encoding: identity).");
        if (!explain) {
            problems.put("422", "The result cannot be represented (overflow to ±infinity or NaN); names the first such output.");
        }
        problems.put("503", "The request's lane is full (light: 2^20 multiply-adds or fewer, max-light-computations; heavy: "
                + "max-computations; while the heavy lane is full a body over 64 KiB is refused before it is read), or the service "
                + "holds as much request data as its memory admits (refused from Content-Length, before the body is read); retry "
                + "after Retry-After seconds.");
        if (!explain) {
            problems.put("504", "The computation ran past the time budget (convolution.concurrency.time-budget, in the detail) "
                    + "and was stopped; problem type time-budget, no Retry-After: the same request would take as long again.");
        }
        problems.forEach((code, text) -> responses.addApiResponse(code, new ApiResponse().description(text)
                .content(new Content().addMediaType("application/problem+json",
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))))));
        op.setResponses(responses);
    }

    private static Schema<?> fieldErrorSchema() {
        ObjectSchema error = new ObjectSchema();
        error.description("One field to blame and what is wrong with it.");
        error.addProperty("field", new StringSchema().description("The field to blame, such as image[2] or stride.").example("image[2]"));
        error.addProperty("message", new StringSchema().example("row 2 has 4 values; row 0 has 7"));
        error.setRequired(List.of("field", "message"));
        return error;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> problemSchema() {
        ObjectSchema p = new ObjectSchema();
        p.description("RFC 9457 problem details.");
        p.addProperty("type", new StringSchema().description("A stable URI naming the kind of problem.")
                .example("urn:convolution:problem:invalid-request"));
        p.addProperty("title", new StringSchema().example("Invalid request"));
        p.addProperty("status", new IntegerSchema().example(400));
        p.addProperty("detail", new StringSchema().example("image[2]: row 2 has 4 values; row 0 has 7"));
        p.addProperty("instance", new StringSchema().example("/api/v1/images/convolve"));
        p.addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/FieldError")));
        p.addProperty("requestId", new StringSchema().description("The request's id, as in the X-Request-Id response header and "
                + "in the service's log lines for the request.").example("5aac14e8-36e9-4c85-b498-79689f1c436f"));
        return p;
    }

    /** Attaches every example file to the request body of its endpoint. */
    private static void loadExamples(OpenAPI openApi) {
        JsonMapper json = JsonMapper.builder().build();
        try {
            Resource[] files = new PathMatchingResourcePatternResolver().getResources(EXAMPLES);
            Arrays.sort(files, Comparator.comparing(Resource::getFilename));
            for (Resource f : files) {
                JsonNode node;
                try (InputStream in = f.getInputStream()) {
                    node = json.readTree(in);
                }
                String endpoint = node.get("endpoint").asString();
                PathItem item = openApi.getPaths() == null ? null : openApi.getPaths().get(endpoint);
                if (item == null || item.getPost() == null || item.getPost().getRequestBody() == null) {
                    continue;
                }
                MediaType media = item.getPost().getRequestBody().getContent().get("application/json");
                Example example = new Example().summary(node.get("summary").asString())
                        .description(node.path("description").asString(null))
                        .value(json.treeToValue(node.get("request"), Object.class));
                media.addExamples(f.getFilename().replace(".json", ""), example);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
