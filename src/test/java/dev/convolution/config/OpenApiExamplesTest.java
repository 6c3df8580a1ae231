package dev.convolution.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.convolution.MockMvcBodies;
import dev.convolution.api.wire.NestedArray;
import dev.convolution.api.wire.PerAxisValue;
import dev.convolution.api.wire.StrictJson;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The OpenAPI document, its examples posted as they are (so the docs cannot drift), and Swagger UI. */
@SpringBootTest(properties = MockMvcBodies.BLOCKING)
@AutoConfigureMockMvc
class OpenApiExamplesTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    @Autowired
    MockMvc mvc;

    static Stream<Object[]> examples() throws Exception {
        List<Object[]> out = new ArrayList<>();
        for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:openapi/examples/*.json")) {
            try (InputStream in = r.getInputStream()) {
                out.add(new Object[] {r.getFilename(), JSON.readTree(in)});
            }
        }
        assertThat(out).hasSizeGreaterThanOrEqualTo(8);
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExampleRunsAsItIs(String file, JsonNode example) throws Exception {
        mvc.perform(post(example.get("endpoint").asString()).contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(example.get("request")))).andExpect(status().isOk());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExampleIsInTheDocument(String file, JsonNode example) throws Exception {
        String name = file.replace(".json", "");
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['" + example.get("endpoint").asString() + "'].post.requestBody.content['application/json'].examples['"
                        + name + "'].value").exists());
    }

    @Test
    void documentDescribesEveryEndpointEnumAndLimit() throws Exception {
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andExpect(jsonPath("$.openapi").value(org.hamcrest.Matchers.startsWith("3.")))
                .andExpect(jsonPath("$.paths['/api/v1/signals/convolve'].post").exists())
                .andExpect(jsonPath("$.paths['/api/v1/signals/correlate'].post").exists())
                .andExpect(jsonPath("$.paths['/api/v1/images/convolve'].post").exists())
                .andExpect(jsonPath("$.paths['/api/v1/images/correlate'].post").exists())
                .andExpect(jsonPath("$.paths['/api/v1/explain'].post").exists())
                .andExpect(jsonPath("$.paths['/error']").doesNotExist())
                .andExpect(jsonPath("$.paths['/api/v1/images/convolve'].post.responses['413'].content['application/problem+json']").exists())
                .andExpect(jsonPath("$.components.schemas.SignalCorrelationRequest.properties.mode.enum")
                        .value(org.hamcrest.Matchers.contains("full", "same", "valid")))
                .andExpect(jsonPath("$.components.schemas.SignalCorrelationRequest.properties.boundary.description")
                        .value(org.hamcrest.Matchers.containsString("d c b a | a b c d | d c b a")))
                .andExpect(jsonPath("$.components.schemas.SignalCorrelationRequest.properties.correlationConvention.enum")
                        .value(org.hamcrest.Matchers.contains("sliding", "mirrored")))
                .andExpect(jsonPath("$.components.schemas.SignalConvolutionRequest.properties.correlationConvention").doesNotExist())
                .andExpect(jsonPath("$.components.schemas.AxisPair.oneOf").isArray())
                .andExpect(jsonPath("$.info.description").value(org.hamcrest.Matchers.containsString("CONVOLUTION_LIMITS_MAX_BODY_BYTES")));
    }

    @Test
    void theArraysEndpointsAreDocumentedWithTheCoresDefaultsAndTheTimeBudgetStatus() throws Exception {
        String schemas = "$.components.schemas.";
        var r = mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/arrays/convolve'].post").exists())
                .andExpect(jsonPath("$.paths['/api/v1/arrays/correlate'].post").exists())
                .andExpect(jsonPath("$.paths['/api/v1/arrays/convolve'].post.responses['504'].description")
                        .value(org.hamcrest.Matchers.containsString("time budget")))
                .andExpect(jsonPath("$.paths['/api/v1/explain'].post.responses['504']").doesNotExist())
                .andExpect(jsonPath(schemas + "ArrayConvolutionRequest.properties.input['$ref']").value("#/components/schemas/ArrayData"))
                .andExpect(jsonPath(schemas + "ArrayData.oneOf[0]['$ref']").value("#/components/schemas/NestedArray"))
                .andExpect(jsonPath(schemas + "ArrayData.oneOf[1]['$ref']").value("#/components/schemas/ComplexArray"))
                .andExpect(jsonPath(schemas + "NestedArray.oneOf.length()").value(dev.convolution.core.Shape.MAX_RANK))
                .andExpect(jsonPath(schemas + "PerAxisValue.oneOf").isArray());
        for (String request : List.of("SignalConvolutionRequest", "ImageCorrelationRequest", "ArrayConvolutionRequest",
                "ArrayCorrelationRequest", "ExplainRequest")) {
            r.andExpect(jsonPath(schemas + request + ".properties.mode.default").value(StrictJson.wire(dev.convolution.core.Spec.DEFAULT_MODE)))
                    .andExpect(jsonPath(schemas + request + ".properties.boundary.default")
                            .value(StrictJson.wire(dev.convolution.core.Spec.DEFAULT_BOUNDARY)))
                    .andExpect(jsonPath(schemas + request + ".properties.indexOrigin.default")
                            .value(StrictJson.wire(dev.convolution.core.Spec.DEFAULT_ORIGIN)))
                    .andExpect(jsonPath(schemas + request + ".properties.stride.default").value(dev.convolution.core.Spec.DEFAULT_STRIDE));
        }
        r.andExpect(jsonPath(schemas + "ArrayCorrelationRequest.properties.correlationConvention.default")
                .value(StrictJson.wire(dev.convolution.core.Spec.DEFAULT_CONVENTION)))
                .andExpect(jsonPath(schemas + "ArrayConvolutionRequest.properties.method.default")
                        .value(StrictJson.wire(dev.convolution.core.Method.DEFAULT)));
    }

    @Test
    void swaggerUiIsServed() throws Exception {
        mvc.perform(get("/swagger-ui.html")).andExpect(status().is3xxRedirection());
        mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isOk());
    }
}
