package dev.convolution.api.layer;

import static dev.convolution.WebTests.postJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.convolution.MockMvcBodies;
import dev.convolution.WebTests;
import dev.convolution.codec.Npy;
import dev.convolution.codec.NpyArray;
import dev.convolution.core.type.ElementType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The layers in float32 over HTTP (Contract v3): PyTorch's float32 forward pass, gradients and transposed convolution
 * ({@code golden/layers-float32.json}, from {@code scripts/generate_layers_float32.py}) within the contract's bound, every
 * number written as a float in its shortest form, the answer's dtype said, and {@code <f4} parts answered as {@code <f4}.
 */
@SpringBootTest(properties = MockMvcBodies.BLOCKING)
@AutoConfigureMockMvc
class LayersFloat32WebTest {
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final Pattern NUMBER = Pattern.compile("-?\\d[\\d.eE+-]*");

    @Autowired
    MockMvc mvc;

    static Stream<JsonNode> conv() throws IOException {
        return golden().get("conv").valueStream();
    }

    static Stream<JsonNode> transpose() throws IOException {
        return golden().get("transpose").valueStream();
    }

    private static JsonNode golden() throws IOException {
        try (InputStream in = LayersFloat32WebTest.class.getResourceAsStream("/golden/layers-float32.json")) {
            return JSON.readTree(in);
        }
    }

    private String ok(String path, String body) throws Exception {
        return postJson(mvc, path, body).andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("conv")
    void forwardAndEveryGradientAreFloat32WithinTheBoundOfPyTorch(JsonNode c) throws Exception {
        String path = "/api/v1/layers/" + c.get("layer").asString();
        JsonNode y = JSON.readTree(ok(path, c.get("request").toString()));
        assertThat(y.get("dtype").asString()).isEqualTo("float32");
        assertWithin(y.get("output"), c, "output");

        ObjectNode backward = ((ObjectNode) c.get("request")).deepCopy();
        backward.set("gradOutput", c.get("gradOutput"));
        String text = ok(path + "/backward", backward.toString());
        JsonNode g = JSON.readTree(text);
        assertThat(g.get("dtype").asString()).isEqualTo("float32");
        assertWithin(g.get("gradInput"), c, "gradInput");
        assertWithin(g.get("gradWeight"), c, "gradWeight");
        assertWithin(g.get("gradBias"), c, "gradBias");
        assertShortest(text.substring(text.indexOf("\"gradInput\":"), text.indexOf("\"dtype\":")));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("transpose")
    void transposedConvolutionIsFloat32WithinTheBoundOfPyTorch(JsonNode c) throws Exception {
        String text = ok("/api/v1/layers/" + c.get("layer").asString(), c.get("request").toString());
        JsonNode y = JSON.readTree(text);
        assertThat(y.get("dtype").asString()).isEqualTo("float32");
        assertWithin(y.get("output"), c, "output");
        assertShortest(text.substring(text.indexOf("\"output\":"), text.indexOf("\"dtype\":")));
    }

    @Test
    void float32NpyPartsAreComputedInFloat32AndAnsweredAsF4() throws Exception {
        JsonNode c = golden().get("conv").get(0);
        JsonNode r = c.get("request");
        MockMultipartFile options = new MockMultipartFile("options", null, MediaType.APPLICATION_JSON_VALUE,
                ("{\"stride\":" + r.get("stride") + ",\"padding\":" + r.get("padding") + ",\"dilation\":" + r.get("dilation")
                        + ",\"groups\":" + r.get("groups") + "}").getBytes(StandardCharsets.UTF_8));
        byte[] answer = mvc.perform(post("/api/v1/layers/" + c.get("layer").asString()).accept(Npy.MEDIA_TYPE)
                        .contentType("multipart/form-data; boundary=f4")
                        .content(WebTests.multipart("f4", f4("input", r.get("input")), f4("weight", r.get("weight")), f4("bias", r.get("bias")),
                                options)))
                .andExpect(status().isOk()).andExpect(header().string("Convolution-Dtype", "float32"))
                .andReturn().getResponse().getContentAsByteArray();
        NpyArray y = Npy.read("answer", answer, 1 << 20);
        assertThat(y.type()).isEqualTo(ElementType.FLOAT32);
        double[] expected = doubles(c.get("output"));
        double[] bound = doubles(c.get("outputBound"));
        assertThat(y.values()).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(Math.abs(y.values()[i] - expected[i])).as("output %d", i).isLessThanOrEqualTo(bound[i]);
        }
    }

    @Test
    void float64IsStillTheDefaultForTheSameLayerData() throws Exception {
        ObjectNode request = ((ObjectNode) golden().get("conv").get(0).get("request")).deepCopy();
        request.remove("dtype");
        JsonNode y = JSON.readTree(postJson(mvc, "/api/v1/layers/conv1d", request.toString()).andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(y.get("dtype").asString()).isEqualTo("float64");
    }

    /** A tensor given as nested JSON numbers, as a {@code <f4} part of its shape. */
    private static MockMultipartFile f4(String name, JsonNode nested) throws IOException {
        List<Integer> shape = new ArrayList<>();
        for (JsonNode n = nested; n.isArray(); n = n.get(0)) {
            shape.add(n.size());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(shape.stream().mapToInt(Integer::intValue).toArray(), doubles(nested), ElementType.FLOAT32, out);
        return new MockMultipartFile(name, name + ".npy", Npy.MEDIA_TYPE, out.toByteArray());
    }

    /** Every element a float (its text read back as a float names the same value) within PyTorch's value ± the bound. */
    private static void assertWithin(JsonNode answer, JsonNode c, String name) {
        double[] got = doubles(answer);
        double[] expected = doubles(c.get(name));
        double[] bound = doubles(c.get(name + "Bound"));
        assertThat(got).as(name + " size").hasSize(expected.length);
        for (int i = 0; i < got.length; i++) {
            float f = (float) got[i];
            assertThat(Math.abs(f - expected[i])).as("%s %d: %s against %s", name, i, f, expected[i]).isLessThanOrEqualTo(bound[i]);
        }
    }

    private static void assertShortest(String text) {
        Matcher m = NUMBER.matcher(text);
        int numbers = 0;
        while (m.find()) {
            numbers++;
            assertThat(new BigDecimal(m.group()).precision()).as("%s is in float's shortest form", m.group()).isLessThanOrEqualTo(9);
        }
        assertThat(numbers).isPositive();
    }

    private static double[] doubles(JsonNode nested) {
        List<Double> out = new ArrayList<>();
        flatten(nested, out);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void flatten(JsonNode n, List<Double> out) {
        if (n.isArray()) {
            for (JsonNode e : n) {
                flatten(e, out);
            }
        } else {
            out.add(n.asDouble());
        }
    }
}
