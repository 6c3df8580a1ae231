package dev.convolution.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.convolution.MockMvcBodies;
import dev.convolution.api.wire.NestedArray;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What generated clients depend on in the OpenAPI document (scripts/client-check runs the generators
 * themselves): named operations, typed results per family, no default that the service would refuse,
 * the Problem schema as the service writes it, a license and servers the validators accept.
 */
@SpringBootTest(properties = MockMvcBodies.BLOCKING)
@AutoConfigureMockMvc
class OpenApiForClientsTest {
    @Autowired
    MockMvc mvc;
    private JsonNode doc;

    @BeforeEach
    void fetch() throws Exception {
        doc = JsonMapper.shared().readTree(mvc.perform(get("/v3/api-docs")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString());
    }

    @Test
    void everyOperationHasAStableName() {
        Map<String, String> ids = Map.of("/api/v1/signals/convolve", "convolveSignal", "/api/v1/signals/correlate", "correlateSignal",
                "/api/v1/images/convolve", "convolveImage", "/api/v1/images/correlate", "correlateImage", "/api/v1/arrays/convolve",
                "convolveArray", "/api/v1/arrays/correlate", "correlateArray", "/api/v1/explain", "explain");
        ids.forEach((path, id) -> assertThat(doc.at("/paths/" + path.replace("/", "~1") + "/post/operationId").asString()).as(path).isEqualTo(id));
    }

    @Test
    void eachFamilyReturnsItsOwnTypedResult() {
        Map<String, String> results = Map.of("signals", "SignalResult", "images", "ImageResult", "arrays", "ArrayResult");
        results.forEach((family, schema) -> {
            for (String op : new String[] {"convolve", "correlate"}) {
                assertThat(doc.at("/paths/~1api~1v1~1" + family + "~1" + op + "/post/responses/200/content/application~1json/schema/$ref")
                        .asString()).isEqualTo("#/components/schemas/" + schema);
            }
        });
        JsonNode schemas = doc.at("/components/schemas");
        // each family's real arrays, or one complex object (Contract v3)
        String complex = "#/components/schemas/ComplexArray";
        assertThat(schemas.at("/SignalResult/properties/output/oneOf/0/type").asString()).isEqualTo("array");
        assertThat(schemas.at("/SignalResult/properties/output/oneOf/0/items/type").asString()).isEqualTo("number");
        assertThat(schemas.at("/SignalResult/properties/output/oneOf/1/$ref").asString()).isEqualTo(complex);
        assertThat(schemas.at("/ImageResult/properties/output/oneOf/0/items/items/type").asString()).isEqualTo("number");
        assertThat(schemas.at("/ImageResult/properties/kernelAsApplied/oneOf/0/items/items/type").asString()).isEqualTo("number");
        assertThat(schemas.at("/ImageResult/properties/kernelAsApplied/oneOf/1/$ref").asString()).isEqualTo(complex);
        assertThat(schemas.at("/ArrayResult/properties/output/oneOf/0/$ref").asString()).isEqualTo("#/components/schemas/NestedArray");
        assertThat(schemas.at("/ArrayResult/properties/output/oneOf/1/$ref").asString()).isEqualTo(complex);
        assertThat(schemas.at("/ComplexArray/required").valueStream().map(JsonNode::asString)).containsExactlyInAnyOrder("re", "im");
        assertThat(schemas.at("/ComplexArray/properties/re/$ref").asString()).isEqualTo("#/components/schemas/NestedArray");
        assertThat(schemas.at("/ComplexArray/additionalProperties").asBoolean(true)).as("exactly re and im").isFalse();
        assertThat(schemas.has("ConvolutionResponse")).as("the untyped shared schema is gone").isFalse();
    }

    @Test
    void explainStatesNoDefaultForTheCorrelationConventionWhichConvolutionRefuses() {
        assertThat(doc.at("/components/schemas/ExplainRequest/properties/correlationConvention").has("default")).isFalse();
        assertThat(doc.at("/components/schemas/SignalCorrelationRequest/properties/correlationConvention/default").asString())
                .isEqualTo("sliding");
    }

    @Test
    void problemsAreDescribedAsTheServiceWritesThem() {
        JsonNode problem = doc.at("/components/schemas/Problem/properties");
        for (String field : new String[] {"type", "title", "status", "detail", "instance", "errors", "requestId"}) {
            assertThat(problem.has(field)).as(field).isTrue();
        }
        assertThat(problem.at("/errors/items/$ref").asString()).isEqualTo("#/components/schemas/FieldError");
        assertThat(doc.at("/components/schemas/FieldError/required").toString()).contains("field").contains("message");
    }

    @Test
    void theValidatorsFindALicenseRelativeServersAndNoAuthentication() {
        assertThat(doc.at("/info/license/identifier").asString()).isEqualTo("LicenseRef-Proprietary");
        assertThat(doc.at("/servers/0/url").asString()).isEqualTo("/");
        assertThat(doc.get("security").isArray()).isTrue();
        assertThat(doc.get("security").size()).isZero();
    }
}
