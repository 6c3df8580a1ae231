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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
 * Complex data over HTTP (Contract v3): {@code {"re", "im"}} objects and complex {@code .npy} parts computed as numpy and
 * scipy compute them (correlation conjugating the kernel; {@code "conjugate": false} as PyTorch's complex conv*d), within
 * the contract's bounds, answered as one complex object or {@code <c16}/{@code <c8}; traces that add up in complex
 * arithmetic; explain's {@code conj(…)}; malformed complex data refused naming the field.
 */
@SpringBootTest(properties = MockMvcBodies.BLOCKING)
@AutoConfigureMockMvc
class ComplexWebTest {
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final MediaType NPY = MediaType.parseMediaType(Npy.MEDIA_TYPE);

    @Autowired
    MockMvc mvc;

    static Stream<JsonNode> numpy() throws IOException {
        return golden("/golden/complex.json").get("cases").valueStream();
    }

    static Stream<JsonNode> torch() throws IOException {
        return golden("/golden/complex-torch.json").get("cases").valueStream();
    }

    private static JsonNode golden(String name) throws IOException {
        try (InputStream in = ComplexWebTest.class.getResourceAsStream(name)) {
            return JSON.readTree(in);
        }
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("numpy")
    void complexDataEqualNumpyAndScipyWithinTheBound(JsonNode c) throws Exception {
        JsonNode answer = answer(c);
        within(answer, c);
        boolean single = c.get("dtype").asString().equals("complex64");
        double[] kr = flat(answer.get("kernelAsApplied").get("re"));
        double[] ki = flat(answer.get("kernelAsApplied").get("im"));
        JsonNode expected = c.get("kernelAsApplied");
        for (int i = 0; i < kr.length; i++) {
            assertThat(part(kr[i], single)).as("kernelAsApplied re %d", i).isEqualTo(part(expected.get("re").get(i).asDouble(), single));
            assertThat(part(ki[i], single)).as("kernelAsApplied im %d", i).isEqualTo(part(expected.get("im").get(i).asDouble(), single));
        }
        assertThat(kr).hasSize(expected.get("re").size());
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("torch")
    void unconjugatedCorrelationEqualsPyTorchsComplexConvolution(JsonNode c) throws Exception {
        assertThat(c.get("request").get("conjugate").asBoolean(true)).isFalse();
        within(answer(c), c);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("numpy")
    void complexNpyPartsAreAnsweredInTheirType(JsonNode c) throws Exception {
        JsonNode request = c.get("request");
        String input = request.has("signal") ? "signal" : request.has("image") ? "image" : "input";
        if (!request.get(input).isObject() || !request.get("kernel").isObject()) {
            return; // the cases with both operands complex; the mixed ones are the JSON test's
        }
        ElementType type = ElementType.valueOf(c.get("dtype").asString().toUpperCase());
        List<MockMultipartFile> parts = new ArrayList<>();
        parts.add(npyPart(input, request.get(input), type, ByteOrder.BIG_ENDIAN, true));
        parts.add(npyPart("kernel", request.get("kernel"), type, ByteOrder.LITTLE_ENDIAN, false));
        var options = JSON.createObjectNode();
        request.properties().forEach(e -> {
            if (!e.getKey().equals(input) && !e.getKey().equals("kernel") && !e.getKey().equals("dtype")) {
                options.set(e.getKey(), e.getValue());
            }
        });
        parts.add(new MockMultipartFile("options", null, MediaType.APPLICATION_JSON_VALUE, options.toString().getBytes(StandardCharsets.UTF_8)));
        byte[] body = mvc.perform(post(c.get("path").asString()).contentType("multipart/form-data; boundary=complex")
                .content(WebTests.multipart("complex", parts.toArray(MockMultipartFile[]::new))).accept(NPY))
                .andExpect(status().isOk()).andExpect(header().string("Convolution-Dtype", c.get("dtype").asString()))
                .andReturn().getResponse().getContentAsByteArray();
        NpyArray y = Npy.read("answer", body, 1 << 20);
        assertThat(y.type()).isEqualTo(type);
        assertThat(y.shape()).containsExactly(JSON.treeToValue(c.get("shape"), int[].class));
        within(y.values(), y.imag(), c);
    }

    @Test
    void aComplexTraceAddsUpInComplexArithmeticAndSaysItConjugated() throws Exception {
        String body = postJson(mvc, "/api/v1/signals/correlate", "{\"signal\": {\"re\": [1, 2, 0], \"im\": [0, 1, -1]}, "
                + "\"kernel\": {\"re\": [1, 0], \"im\": [1, 2]}, \"mode\": \"valid\", \"trace\": {\"all\": true}}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.dtype").value("complex128"))
                .andExpect(jsonPath("$.formula").value("y[m] = Σ_k conj(h[k])·x[m+k]"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        JsonNode answer = JSON.readTree(body);
        // numpy.correlate([1, 2+1j, -1j], [1+1j, 2j]) = [(1)(1−i) + (2+i)(−2i), (2+i)(1−i) + (−i)(−2i)] = [3−5i, 1−i]
        assertThat(flat(answer.get("output").get("re"))).containsExactly(3, 1);
        assertThat(flat(answer.get("output").get("im"))).containsExactly(-5, -1);
        assertThat(flat(answer.get("kernelAsApplied").get("im"))).containsExactly(-1, -2);
        for (JsonNode entry : answer.get("trace")) {
            double re = 0;
            double im = 0;
            for (JsonNode t : entry.get("terms")) {
                assertThat(t.get("conjugated").asBoolean()).isTrue();
                double xr = t.get("inputValue").get("re").asDouble();
                double xi = t.get("inputValue").get("im").asDouble();
                double hr = t.get("kernelValue").get("re").asDouble();
                double hi = -t.get("kernelValue").get("im").asDouble(); // the kernel as stored, conjugated here
                assertThat(t.get("product").get("re").asDouble()).isEqualTo(xr * hr - xi * hi);
                assertThat(t.get("product").get("im").asDouble()).isEqualTo(xr * hi + xi * hr);
                re += xr * hr - xi * hi;
                im += xr * hi + xi * hr;
            }
            assertThat(re).isEqualTo(entry.get("value").get("re").asDouble());
            assertThat(im).isEqualTo(entry.get("value").get("im").asDouble());
        }
    }

    @Test
    void conjugateFalseIsTheUnconjugatedSumAndRealDataAreUnchanged() throws Exception {
        postJson(mvc, "/api/v1/signals/correlate", "{\"signal\": {\"re\": [1, 2, 0], \"im\": [0, 1, -1]}, "
                + "\"kernel\": {\"re\": [1, 0], \"im\": [1, 2]}, \"mode\": \"valid\", \"conjugate\": false, \"trace\": {\"outputs\": [[0]]}}")
                .andExpect(jsonPath("$.formula").value("y[m] = Σ_k h[k]·x[m+k]"))
                .andExpect(jsonPath("$.output.re[0]").value(-1)).andExpect(jsonPath("$.output.im[0]").value(5))
                .andExpect(jsonPath("$.trace[0].terms[0].conjugated").doesNotExist());
        postJson(mvc, "/api/v1/signals/correlate", "{\"signal\": [1, 2, 3], \"kernel\": [1, -1], \"conjugate\": true}")
                .andExpect(jsonPath("$.dtype").value("int64")).andExpect(jsonPath("$.output[1]").value(-1));
    }

    @Test
    void complex64IsWrittenInFloatsShortestForm() throws Exception {
        postJson(mvc, "/api/v1/signals/convolve", "{\"signal\": {\"re\": [0.1, 0.2], \"im\": [0, 0.3]}, \"kernel\": [1, 1], "
                + "\"dtype\": \"complex64\"}").andExpect(jsonPath("$.dtype").value("complex64"))
                .andExpect(jsonPath("$.output.re[1]").value(0.3)).andExpect(jsonPath("$.output.im[2]").value(0.3));
    }

    @Test
    void aComplexDtypeOnRealDataAnswersComplex() throws Exception {
        postJson(mvc, "/api/v1/images/convolve", "{\"image\": [[1, 2], [3, 4]], \"kernel\": [[1]], \"dtype\": \"complex128\"}")
                .andExpect(jsonPath("$.dtype").value("complex128")).andExpect(jsonPath("$.output.re[1][0]").value(3))
                .andExpect(jsonPath("$.output.im[1][0]").value(0));
    }

    @Test
    void explainWritesTheConjugateForComplexCorrelation() throws Exception {
        postJson(mvc, "/api/v1/explain", "{\"operation\": \"cross-correlation\", \"inputShape\": [4], \"kernelShape\": [2], "
                + "\"mode\": \"valid\", \"dtype\": \"complex64\", \"outputs\": [[0]]}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.formula").value("y[m] = Σ_k conj(h[k])·x[m+k]"))
                .andExpect(jsonPath("$.outputs[0].formula").value("y[0] = x[0]·conj(h[0]) + x[1]·conj(h[1])"));
        postJson(mvc, "/api/v1/explain", "{\"operation\": \"cross-correlation\", \"inputShape\": [4], \"kernelShape\": [2], "
                + "\"mode\": \"valid\", \"dtype\": \"complex64\", \"conjugate\": false, \"outputs\": [[0]]}")
                .andExpect(jsonPath("$.formula").value("y[m] = Σ_k h[k]·x[m+k]"));
        assertProblem(postJson(mvc, "/api/v1/explain", "{\"operation\": \"convolution\", \"inputShape\": [4], \"kernelShape\": [2], "
                + "\"conjugate\": true, \"all\": true}"), 400, "conjugate");
    }

    @Test
    void malformedComplexDataAreRefusedNamingTheField() throws Exception {
        refused("/api/v1/signals/convolve", "{\"signal\": {\"re\": [1, 2]}, \"kernel\": [1]}", "signal", "has no 'im'");
        refused("/api/v1/signals/convolve", "{\"signal\": {\"re\": [1, 2], \"im\": [0, 1], \"phase\": [0]}, \"kernel\": [1]}", "signal",
                "has the key 'phase'");
        refused("/api/v1/signals/convolve", "{\"signal\": {\"re\": [1, 2], \"im\": [0, 1, 2]}, \"kernel\": [1]}", "signal",
                "one shape");
        refused("/api/v1/images/convolve", "{\"image\": [[1, 2]], \"kernel\": {\"re\": [[1]], \"im\": [[1, 2]]}}", "kernel", "one shape");
        refused("/api/v1/arrays/convolve", "{\"input\": {\"re\": [1, 2], \"im\": [0, \"x\"]}, \"kernel\": [1]}", "input.im[1]",
                "must be a number");
        refused("/api/v1/signals/convolve", "{\"signal\": {\"re\": [1, 2], \"im\": [0, 1]}, \"kernel\": [1], \"dtype\": \"float64\"}",
                "dtype", "would drop the imaginary part");
        refused("/api/v1/signals/convolve", "{\"signal\": [1, 2], \"kernel\": [1], \"conjugate\": false}", "conjugate",
                "conjugate applies only to cross-correlation");
        refused("/api/v1/layers/conv1d", "{\"input\": {\"re\": [[[1, 2]]], \"im\": [[[0, 1]]]}, \"weight\": [[[1]]]}", "input",
                "layers compute in float64 or float32");
        refused("/api/v1/layers/conv1d", "{\"input\": [[[1, 2]]], \"weight\": [[[1]]], \"dtype\": \"complex64\"}", "dtype",
                "layers compute in float64 or float32");
    }

    private void refused(String path, String body, String field, String message) throws Exception {
        ResultActions r = postJson(mvc, path, body);
        assertProblem(r, 400, field);
        assertThat(JSON.readTree(r.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8)).get("errors").get(0)
                .get("message").asString()).contains(message);
    }

    private JsonNode answer(JsonNode c) throws Exception {
        String body = postJson(mvc, c.get("path").asString(), c.get("request").toString()).andExpect(status().isOk())
                .andExpect(jsonPath("$.dtype").value(c.get("dtype").asString()))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        return JSON.readTree(body);
    }

    private static void within(JsonNode answer, JsonNode c) {
        assertThat(JSON.convertValue(answer.get("shape"), int[].class)).containsExactly(JSON.convertValue(c.get("shape"), int[].class));
        within(flat(answer.get("output").get("re")), flat(answer.get("output").get("im")), c);
    }

    /** Both parts of every output within the contract's bound; a complex64 result's parts are floats. */
    private static void within(double[] re, double[] im, JsonNode c) {
        boolean single = c.get("dtype").asString().equals("complex64");
        assertThat(re).hasSize(c.get("re").size());
        assertThat(im).hasSize(c.get("im").size());
        for (int i = 0; i < re.length; i++) {
            double bound = c.get("bound").get(i).asDouble() + 1e-300;
            double r = part(re[i], single);
            double m = part(im[i], single);
            assertThat(Math.abs(r - c.get("re").get(i).asDouble())).as("re %d", i).isLessThanOrEqualTo(bound);
            assertThat(Math.abs(m - c.get("im").get(i).asDouble())).as("im %d", i).isLessThanOrEqualTo(bound);
        }
    }

    /** A part as its type holds it: JSON's shortest text of a float names the float. */
    private static double part(double v, boolean single) {
        return single ? (float) v : v;
    }

    /** A complex array as a .npy part of this type and byte order, C or Fortran order. */
    private static MockMultipartFile npyPart(String name, JsonNode complex, ElementType type, ByteOrder order, boolean fortran)
            throws IOException {
        double[] re = flat(complex.get("re"));
        double[] im = flat(complex.get("im"));
        int[] shape = shape(complex.get("re"));
        boolean single = type == ElementType.COMPLEX64;
        String descr = (order == ByteOrder.BIG_ENDIAN ? ">" : "<") + (single ? "c8" : "c16");
        int[] index = fortran ? fortranOrder(shape) : null;
        ByteBuffer data = ByteBuffer.allocate(re.length * (single ? 8 : 16)).order(order);
        for (int k = 0; k < re.length; k++) {
            int i = index == null ? k : index[k];
            if (single) {
                data.putFloat((float) re[i]).putFloat((float) im[i]);
            } else {
                data.putDouble(re[i]).putDouble(im[i]);
            }
        }
        StringBuilder dims = new StringBuilder();
        for (int d : shape) {
            dims.append(d).append(", ");
        }
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': ("
                + (shape.length == 1 ? shape[0] + "," : dims.substring(0, dims.length() - 2)) + "), }";
        int pad = 64 - (10 + dict.length() + 1) % 64;
        String header = dict + " ".repeat(pad % 64) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), (byte) (header.length() >> 8)});
        out.write(header.getBytes(StandardCharsets.US_ASCII));
        out.write(data.array());
        return new MockMultipartFile(name, name + ".npy", Npy.MEDIA_TYPE, out.toByteArray());
    }

    /** For each position in Fortran (column-major) order, the C-order index of the element stored there. */
    private static int[] fortranOrder(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        int[] out = new int[n];
        int[] idx = new int[shape.length];
        for (int k = 0; k < n; k++) {
            int c = 0;
            for (int a = 0; a < shape.length; a++) {
                c = c * shape[a] + idx[a];
            }
            out[k] = c;
            for (int a = 0; a < shape.length; a++) { // the first axis runs fastest
                if (++idx[a] < shape[a]) {
                    break;
                }
                idx[a] = 0;
            }
        }
        return out;
    }

    private static int[] shape(JsonNode nested) {
        List<Integer> dims = new ArrayList<>();
        for (JsonNode n = nested; n.isArray(); n = n.get(0)) {
            dims.add(n.size());
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }
}
