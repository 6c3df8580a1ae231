package dev.convolution.api.convolution;

import static dev.convolution.WebTests.assertProblem;
import static dev.convolution.WebTests.flat;
import static dev.convolution.WebTests.postJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.convolution.MockMvcBodies;
import dev.convolution.WebTests;
import dev.convolution.codec.Npy;
import dev.convolution.codec.NpyArray;
import dev.convolution.core.type.ElementType;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Element types over HTTP (Contract v3): float32 data computed and answered as float32 (JSON with dtype, and .npy parts
 * answered as {@code <f4}) within the contract's bound of scipy's float32 result, numpy's rule for the result type of
 * every pair of part dtypes, the answer's dtype for integer and float data, and a bad dtype word refused naming it.
 */
@SpringBootTest(properties = MockMvcBodies.BLOCKING)
@AutoConfigureMockMvc
class ElementTypesWebTest {
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final MediaType NPY = MediaType.parseMediaType(Npy.MEDIA_TYPE);
    private static final Pattern NUMBER = Pattern.compile("-?\\d[\\d.eE+-]*");

    @Autowired
    MockMvc mvc;

    static Stream<JsonNode> float32() throws IOException {
        return golden().get("float32").valueStream();
    }

    static Stream<JsonNode> rules() throws IOException {
        return golden().get("rules").valueStream();
    }

    private static JsonNode golden() throws IOException {
        try (InputStream in = ElementTypesWebTest.class.getResourceAsStream("/golden/element-types.json")) {
            return JSON.readTree(in);
        }
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("float32")
    void float32DataAskedForInJsonAreComputedAndWrittenAsFloat32(JsonNode c) throws Exception {
        String body = postJson(mvc, c.get("endpoint").asString(), c.get("request").toString()).andExpect(status().isOk())
                .andExpect(jsonPath("$.dtype").value("float32")).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        JsonNode answer = JSON.readTree(body);
        double[] floats = flat(answer.get("output"));
        for (int i = 0; i < floats.length; i++) {
            floats[i] = (float) floats[i]; // the text is float's shortest form: read back as the float it names
        }
        within(floats, c);
        String output = body.substring(body.indexOf("\"output\":"), body.indexOf("\"outputStart\""));
        Matcher m = NUMBER.matcher(output);
        while (m.find()) {
            assertThat(new BigDecimal(m.group()).precision()).as("%s is in float's shortest form", m.group()).isLessThanOrEqualTo(9);
        }
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("float32")
    void float32NpyPartsAreAnsweredAsF4(JsonNode c) throws Exception {
        List<MockMultipartFile> parts = new ArrayList<>();
        c.get("parts").properties().forEach(e -> parts.add(new MockMultipartFile(e.getKey(), e.getKey() + ".npy", Npy.MEDIA_TYPE,
                Base64.getDecoder().decode(e.getValue().asString()))));
        parts.add(new MockMultipartFile("options", null, MediaType.APPLICATION_JSON_VALUE, c.get("options").toString().getBytes(StandardCharsets.UTF_8)));
        byte[] answer = send(c.get("endpoint").asString(), parts.toArray(MockMultipartFile[]::new)).andExpect(status().isOk())
                .andExpect(header().string("Convolution-Dtype", "float32")).andReturn().getResponse().getContentAsByteArray();
        NpyArray y = Npy.read("answer", answer, 1 << 20);
        assertThat(y.type()).isEqualTo(ElementType.FLOAT32);
        assertThat(y.shape()).containsExactly(JSON.treeToValue(c.get("shape"), int[].class));
        within(y.values(), c);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("rules")
    void theAnswersTypeIsNumpysRuleOnThePartsDtypes(JsonNode c) throws Exception {
        MockMultipartFile x = new MockMultipartFile("signal", "x.npy", Npy.MEDIA_TYPE, Base64.getDecoder().decode(c.get("signal").asString()));
        MockMultipartFile h = new MockMultipartFile("kernel", "h.npy", Npy.MEDIA_TYPE, Base64.getDecoder().decode(c.get("kernel").asString()));
        mvc.perform(post("/api/v1/signals/convolve").contentType("multipart/form-data; boundary=types")
                .content(WebTests.multipart("types", x, h))).andExpect(status().isOk())
                .andExpect(jsonPath("$.dtype").value(c.get("dtype").asString()));
    }

    @Test
    void integerDataGiveInt64AndOtherNumbersFloat64() throws Exception {
        postJson(mvc, "/api/v1/signals/convolve", "{\"signal\": [2, 1, 3], \"kernel\": [1, -1]}").andExpect(jsonPath("$.dtype").value("int64"));
        postJson(mvc, "/api/v1/signals/convolve", "{\"signal\": [2, 1.5, 3], \"kernel\": [1, -1]}")
                .andExpect(jsonPath("$.dtype").value("float64"));
        // integer data padded with a fill that is not one leave the exact-integer path
        postJson(mvc, "/api/v1/signals/convolve", "{\"signal\": [2, 1, 3], \"kernel\": [1, -1], \"fillValue\": 0.5}")
                .andExpect(jsonPath("$.dtype").value("float64"));
        postJson(mvc, "/api/v1/signals/convolve", "{\"signal\": [2, 1, 3], \"kernel\": [1, -1], \"dtype\": \"float64\"}")
                .andExpect(jsonPath("$.dtype").value("float64"));
    }

    @Test
    void float32IsTheDataRoundedToFloatFirst() throws Exception {
        // 0.1 as a float is 0.100000001490116…: the result is the float sum of those, written shortest
        postJson(mvc, "/api/v1/signals/convolve", "{\"signal\": [0.1, 0.2], \"kernel\": [1, 1], \"dtype\": \"float32\"}")
                .andExpect(jsonPath("$.output[0]").value(0.1)).andExpect(jsonPath("$.output[1]").value(0.3))
                .andExpect(jsonPath("$.output[2]").value(0.2)).andExpect(jsonPath("$.kernelAsApplied[0]").value(1));
        String traced = postJson(mvc, "/api/v1/signals/convolve", "{\"signal\": [0.1, 0.2], \"kernel\": [1, 1], \"dtype\": \"float32\", "
                + "\"trace\": {\"outputs\": [[1]]}}").andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(traced).contains("\"value\":0.3").contains("\"inputValue\":0.1").contains("\"inputValue\":0.2");
    }

    @Test
    void aFloat32OrComplex64ResultBeyondFloatsRangeIs422SayingSinglePrecision() throws Exception {
        for (String body : new String[] {"{\"signal\": [3e38, 3e38], \"kernel\": [1, 1], \"dtype\": \"float32\"}",
                "{\"signal\": {\"re\": [3e38, 3e38], \"im\": [0, 0]}, \"kernel\": [1, 1], \"dtype\": \"complex64\"}"}) {
            ResultActions r = postJson(mvc, "/api/v1/signals/convolve", body);
            assertProblem(r, 422, null);
            r.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("single precision (float32): output [1]")));
        }
        // the same sums in float64 are finite
        postJson(mvc, "/api/v1/signals/convolve", "{\"signal\": [3e38, 3e38], \"kernel\": [1, 1]}").andExpect(status().isOk());
    }

    @Test
    void aDtypeWordThatIsNotOneIsRefusedNamingTheField() throws Exception {
        ResultActions r = postJson(mvc, "/api/v1/arrays/convolve", "{\"input\": [1], \"kernel\": [1], \"dtype\": \"float16\"}");
        assertProblem(r, 400, "dtype");
        r.andExpect(jsonPath("$.errors[0].message").value("must be one of float64, float32, complex128, complex64; got 'float16'"));
    }

    private ResultActions send(String path, MockMultipartFile... parts) throws Exception {
        return mvc.perform(post(path).contentType("multipart/form-data; boundary=element-types").content(WebTests.multipart("element-types", parts))
                .accept(NPY));
    }

    /** Every value within the contract's float32 bound of scipy's float32 result. */
    private static void within(double[] got, JsonNode c) {
        JsonNode expected = c.get("expected");
        JsonNode bound = c.get("bound");
        assertThat(got).hasSize(expected.size());
        for (int i = 0; i < got.length; i++) {
            assertThat(Math.abs(got[i] - expected.get(i).asDouble())).as("output %d", i).isLessThanOrEqualTo(bound.get(i).asDouble() + 1e-30);
            assertThat((double) (float) got[i]).as("output %d is a float", i).isEqualTo(got[i]);
        }
    }
}
