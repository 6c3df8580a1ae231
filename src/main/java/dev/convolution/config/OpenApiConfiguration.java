package dev.convolution.config;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.servers.Server;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document's front page: what the service is, and every limit and concurrency property with its
 * environment variable and the value in force (read from the properties records, so a new property is listed by
 * being added); and the named request examples, kept as files under {@code openapi/examples/} so a test can post each
 * one. Each package documents its own types (the {@code *Docs} customizers and the API interfaces).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {
    static final String EXAMPLES = "classpath*:openapi/examples/*.json";

    private static final String ABOUT = """
            Convolution and cross-correlation of 1D signals, 2D images and N-d arrays (rank 1 to 4), and CNN layers with \
            their gradients, with the index trace of every output: which input index met which kernel index.

            **Formulas** (with `center` labels they hold literally; with `corner` labels up to the offset the mode \
            introduces, and each response's `formula` states the exact form):
            - convolution: `y[m] = Σ_i x[i]·h[m−i]` (the kernel meets the input flipped)
            - cross-correlation, `sliding`: `y[m] = Σ_k h[k]·x[m+k]` (scipy.signal.correlate, PyTorch, TensorFlow, OpenCV)
            - cross-correlation, `mirrored`: `y[m] = Σ_i x[i]·h[m+i]` (the sliding result at −m)

            **Boundaries** for input `a b c d`: fill `k k | a b c d | k k`, wrap `c d | a b c d | a b`, \
            symmetric `d c b a | a b c d | d c b a`, reflect `d c b | a b c d | c b a`, replicate `a a | a b c d | d d`.

            **Exactness**: integer data (3.0 counts) whose exact results lie within ±2^53 give the exact integers, \
            whatever the method. Otherwise direct and fft agree within 1e-9 relative to Σ|x|·max|h|.

            **Errors** are RFC 9457 problem details (`application/problem+json`) with an `errors` array naming the fields \
            and the request's `requestId` (also in the `X-Request-Id` header); each operation lists the statuses it may \
            answer. Requests the server refuses before the service sees them (a malformed path, a negative or repeated \
            `Content-Length`, an oversized header) get a 400 problem (`http-400`) too. With `Expect: 100-continue`, a body \
            refused from its headers is refused before it is sent.

            **Headers**: every response has `X-Content-Type-Options: nosniff`; API and error responses `Cache-Control: \
            no-store`, this document `no-cache`.

            **Limits** (configuration property, environment variable, value in force):
            | property | environment | value |
            | --- | --- | --- |
            """;

    @Bean
    OpenAPI convolutionOpenApi(LimitsProperties limits, ConcurrencyProperties concurrency) {
        String description = ABOUT + rows("convolution.limits", limits) + rows("convolution.concurrency", concurrency);
        return new OpenAPI()
                .info(new Info().title("Convolution service").version("v1").description(description)
                        .license(new License().name("Proprietary").identifier("LicenseRef-Proprietary")))
                // relative: the document is right wherever it is served (a replica, the gateway, Swagger UI)
                .servers(List.of(new Server().url("/").description("The host that serves this document")))
                // no authentication of its own: the service runs behind a gateway that does any
                .security(List.of());
    }

    /** One table row per property of a properties record: its name, its environment variable, its value in force. */
    static String rows(String prefix, Record properties) {
        StringBuilder s = new StringBuilder();
        for (RecordComponent c : properties.getClass().getRecordComponents()) {
            String kebab = c.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
            String env = (prefix + "." + kebab).replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
            Object value;
            try {
                value = c.getAccessor().invoke(properties);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            String shown = value instanceof Duration d ? d.toMillis() + " ms"
                    : value instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT).replace('_', '-') : String.valueOf(value);
            s.append("| ").append(prefix).append('.').append(kebab).append(" | ").append(env).append(" | ").append(shown).append(" |\n");
        }
        return s.toString();
    }

    /** Attaches every example file to the JSON request body of its endpoint. */
    @Bean
    OpenApiCustomizer requestExamples() {
        return openApi -> {
            JsonMapper json = JsonMapper.builder().build();
            try {
                Resource[] files = new PathMatchingResourcePatternResolver().getResources(EXAMPLES);
                Arrays.sort(files, Comparator.comparing(Resource::getFilename));
                for (Resource f : files) {
                    JsonNode node;
                    try (InputStream in = f.getInputStream()) {
                        node = json.readTree(in);
                    }
                    PathItem item = openApi.getPaths() == null ? null : openApi.getPaths().get(node.get("endpoint").asString());
                    if (item == null || item.getPost() == null || item.getPost().getRequestBody() == null) {
                        continue;
                    }
                    MediaType media = item.getPost().getRequestBody().getContent().get("application/json");
                    media.addExamples(f.getFilename().replace(".json", ""), new Example().summary(node.get("summary").asString())
                            .description(node.path("description").asString(null))
                            .value(json.treeToValue(node.get("request"), Object.class)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}
