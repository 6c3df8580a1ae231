package dev.convolution.api.convolution;

import static dev.convolution.WebTests.assertProblem;
import static dev.convolution.WebTests.postJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.convolution.MockMvcBodies;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The N-dimensional endpoints ({@code /api/v1/arrays/convolve}, {@code /correlate}) and rank 1–4
 * explain, through HTTP, against API.md "Contract v2 → N-dimensional arrays": v1's rules on every
 * axis, ranks 1 and 2 equal to the signals and images endpoints byte for byte, scipy's numbers
 * ({@code golden/arrays-web.json}, from {@code scripts/generate_arrays_web.py}), and 400 problems
 * that name the element and the axis to blame.
 */
@SpringBootTest(properties = MockMvcBodies.BLOCKING)
@AutoConfigureMockMvc
class ArraysWebTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A 2×3×6 integer volume. */
    private static final String VOLUME = "[[[3, 1, 4, 1, 5, 9], [2, 6, 5, 3, 5, 8], [9, 7, 9, 3, 2, 3]],"
            + " [[8, 4, 6, 2, 6, 4], [3, 3, 8, 3, 2, 7], [9, 5, 0, 2, 8, 8]]]";
    private static final String SIGNAL = "[2, 1, 3, 5, 4, -2, 7]";
    private static final String SIGNAL_KERNEL = "[1, -1, 2]";
    private static final String IMAGE = "[[1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12], [-1, 0, 2, 4, 1, 3],"
            + " [5, 5, 1, 0, 2, 8], [2, 9, 4, 6, 3, 1]]";
    private static final String IMAGE_KERNEL = "[[1, 0, -1], [2, 3, -2]]";

    @Autowired
    MockMvc mvc;

    /** The 200 body of a request, as sent by the service. */
    private String ok(String path, String body) throws Exception {
        return postJson(mvc, path, body).andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private JsonNode okTree(String path, String body) throws Exception {
        return JSON.readTree(ok(path, body));
    }

    private static String join(String... fields) {
        StringBuilder s = new StringBuilder("{");
        for (String f : fields) {
            if (f != null && !f.isBlank()) {
                s.append(s.length() > 1 ? ", " : "").append(f);
            }
        }
        return s.append('}').toString();
    }

    private static JsonNode resource(String path) throws Exception {
        try (InputStream in = ArraysWebTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return JSON.readTree(in);
        }
    }

    /** The element of a nested JSON array at a multi-index. */
    private static JsonNode at(JsonNode nested, List<Integer> index) {
        JsonNode n = nested;
        for (int i : index) {
            n = n.get(i);
        }
        return n;
    }

    private static int depth(JsonNode n) {
        int d = 0;
        while (n.isArray()) {
            n = n.get(0);
            d++;
        }
        return d;
    }

    private static List<Integer> ints(JsonNode list) {
        List<Integer> out = new ArrayList<>();
        list.forEach(v -> out.add(v.asInt()));
        return out;
    }

    // ---- a kernel of length 1 on an axis leaves that axis alone ----

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "full, fill | \"mode\": \"full\" | ``",
        "same, fill | \"mode\": \"same\" | ``",
        "valid | \"mode\": \"valid\" | ``",
        "same, reflect | \"mode\": \"same\", \"boundary\": \"reflect\" | ``",
        "full, wrap, center labels | \"mode\": \"full\", \"boundary\": \"wrap\", \"indexOrigin\": \"center\" | ``",
        "same, replicate, stride and dilation on the last axis | \"mode\": \"same\", \"boundary\": \"replicate\", \"stride\": 2, \"dilation\": 2 "
                + "| \"mode\": \"same\", \"boundary\": \"replicate\", \"stride\": [1, 1, 2], \"dilation\": [1, 1, 2]",
        "full, symmetric, dilation 2 on every axis | \"mode\": \"full\", \"boundary\": \"symmetric\", \"dilation\": 2 | ``",
    })
    void aKernelOfShapeOneOneThreeFiltersEveryRowOfAVolumeLikeTheSignalsEndpoint(String name, String options, String arrayOptions)
            throws Exception {
        JsonNode volume = JSON.readTree(VOLUME);
        JsonNode arrays = okTree("/api/v1/arrays/convolve", join("\"input\": " + VOLUME, "\"kernel\": [[[1, 0, -1]]]",
                arrayOptions == null || arrayOptions.isBlank() ? options : arrayOptions));
        assertThat(ints(arrays.get("shape")).subList(0, 2)).containsExactly(2, 3);
        for (int d = 0; d < 2; d++) {
            for (int r = 0; r < 3; r++) {
                JsonNode signal = okTree("/api/v1/signals/convolve",
                        join("\"signal\": " + JSON.writeValueAsString(volume.get(d).get(r)), "\"kernel\": [1, 0, -1]", options));
                assertThat(arrays.get("output").get(d).get(r)).as("row [%d][%d]", d, r).isEqualTo(signal.get("output"));
                assertThat(arrays.get("shape").get(2)).isEqualTo(signal.get("shape").get(0));
                assertThat(arrays.get("outputStart").get(2)).isEqualTo(signal.get("outputStart").get(0));
                assertThat(arrays.get("stride").get(2)).isEqualTo(signal.get("stride").get(0));
            }
        }
    }

    @Test
    void theVolumeRowsExampleFiltersEveryRowLikeTheSignalsEndpoint() throws Exception {
        JsonNode example = resource("/openapi/examples/arrays-convolve-volume-rows.json");
        JsonNode request = example.get("request");
        assertThat(ints(request.get("kernel").get(0).get(0))).containsExactly(1, 2, 3, 2, 1);
        JsonNode arrays = okTree(example.get("endpoint").asString(), JSON.writeValueAsString(request));
        JsonNode input = request.get("input");
        for (int d = 0; d < input.size(); d++) {
            for (int r = 0; r < input.get(d).size(); r++) {
                JsonNode signal = okTree("/api/v1/signals/convolve", join("\"signal\": " + JSON.writeValueAsString(input.get(d).get(r)),
                        "\"kernel\": [1, 2, 3, 2, 1]", "\"mode\": \"same\""));
                assertThat(arrays.get("output").get(d).get(r)).as("row [%d][%d]", d, r).isEqualTo(signal.get("output"));
            }
        }
    }

    @Test
    void theThreeDimensionalTraceExampleListsTheTermsItsDescriptionNames() throws Exception {
        JsonNode example = resource("/openapi/examples/arrays-correlate-3d-trace.json");
        JsonNode response = okTree(example.get("endpoint").asString(), JSON.writeValueAsString(example.get("request")));
        JsonNode entry = response.get("trace").get(0);
        assertThat(ints(entry.get("output"))).containsExactly(1, 0, 1);
        JsonNode terms = entry.get("terms");
        assertThat(terms.size()).isEqualTo(8);
        assertThat(ints(terms.get(0).get("input"))).containsExactly(1, 0, 1);
        assertThat(ints(terms.get(0).get("kernel"))).containsExactly(0, 0, 0);
        assertThat(ints(terms.get(7).get("input"))).containsExactly(2, 1, 2);
        assertThat(ints(terms.get(7).get("kernel"))).containsExactly(1, 1, 1);
        double sum = 0;
        for (JsonNode t : terms) {
            sum += t.get("product").asDouble();
        }
        assertThat(sum).isEqualTo(entry.get("value").asDouble());
        assertThat(at(response.get("output"), List.of(1, 0, 1))).isEqualTo(entry.get("value"));
    }

    // ---- ranks 1 and 2 are the signals and images endpoints ----

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "convolve | defaults | `` | ``",
        "convolve | same, reflect | \"mode\": \"same\", \"boundary\": \"reflect\" | ``",
        "convolve | valid, stride 2 | \"mode\": \"valid\", \"stride\": 2 | ``",
        "convolve | stride as a list of one | \"mode\": \"full\", \"stride\": 2, \"dilation\": 3 | \"mode\": \"full\", \"stride\": [2], \"dilation\": [3]",
        "convolve | symmetric, stride 3, dilation 2, trace | \"mode\": \"same\", \"boundary\": \"symmetric\", \"stride\": 3, \"dilation\": 2, \"trace\": {\"outputs\": [[0], [1]]} | ``",
        "convolve | replicate, fft | \"mode\": \"same\", \"boundary\": \"replicate\", \"method\": \"fft\" | ``",
        "convolve | fill 2.5, center, stride 2, trace all | \"mode\": \"same\", \"fillValue\": 2.5, \"indexOrigin\": \"center\", \"stride\": 2, \"trace\": {\"all\": true} | ``",
        "correlate | defaults | `` | ``",
        "correlate | valid, direct | \"mode\": \"valid\", \"method\": \"direct\" | ``",
        "correlate | wrap, dilation 2, center, trace all | \"mode\": \"full\", \"boundary\": \"wrap\", \"dilation\": 2, \"indexOrigin\": \"center\", \"trace\": {\"all\": true} | ``",
        "correlate | mirrored, center, trace | \"correlationConvention\": \"mirrored\", \"mode\": \"same\", \"indexOrigin\": \"center\", \"trace\": {\"outputs\": [[0], [-1]]} | ``",
        "correlate | mirrored, reflect, stride 2 | \"correlationConvention\": \"mirrored\", \"mode\": \"full\", \"boundary\": \"reflect\", \"stride\": 2 | \"correlationConvention\": \"mirrored\", \"mode\": \"full\", \"boundary\": \"reflect\", \"stride\": [2]",
    })
    void rankOneGivesTheSignalsEndpointsBodyByteForByte(String op, String name, String signalOptions, String arrayOptions)
            throws Exception {
        String signals = ok("/api/v1/signals/" + op, join("\"signal\": " + SIGNAL, "\"kernel\": " + SIGNAL_KERNEL, signalOptions));
        String arrays = ok("/api/v1/arrays/" + op, join("\"input\": " + SIGNAL, "\"kernel\": " + SIGNAL_KERNEL,
                arrayOptions == null || arrayOptions.isBlank() ? signalOptions : arrayOptions));
        assertThat(arrays).isEqualTo(signals);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "convolve | defaults | `` | ``",
        "convolve | same, symmetric, stride pair | \"mode\": \"same\", \"boundary\": \"symmetric\", \"stride\": [2, 1] | ``",
        "convolve | stride integer as a list | \"mode\": \"full\", \"stride\": 2, \"dilation\": 2 | \"mode\": \"full\", \"stride\": [2, 2], \"dilation\": [2, 2]",
        "convolve | stride pair against integer | \"mode\": \"valid\", \"stride\": [2, 2] | \"mode\": \"valid\", \"stride\": 2",
        "convolve | replicate, center, dilation 2, stride pair, trace | \"mode\": \"same\", \"boundary\": \"replicate\", \"indexOrigin\": \"center\", \"dilation\": 2, \"stride\": [1, 2], \"trace\": {\"outputs\": [[0, -1], [-3, 1]]} | ``",
        "convolve | same, fft | \"mode\": \"same\", \"method\": \"fft\" | ``",
        "correlate | defaults | `` | ``",
        "correlate | mirrored, center, trace | \"correlationConvention\": \"mirrored\", \"mode\": \"same\", \"indexOrigin\": \"center\", \"trace\": {\"outputs\": [[0, 0], [1, -1]]} | ``",
        "correlate | reflect, dilation pair, trace all | \"mode\": \"full\", \"boundary\": \"reflect\", \"dilation\": [1, 2], \"trace\": {\"all\": true} | ``",
        "correlate | wrap, valid, fill ignored | \"mode\": \"valid\", \"boundary\": \"wrap\", \"fillValue\": 7 | ``",
        "correlate | fill 1.5, center, stride pair, trace all | \"mode\": \"full\", \"fillValue\": 1.5, \"indexOrigin\": \"center\", \"stride\": [2, 3], \"trace\": {\"all\": true} | ``",
    })
    void rankTwoGivesTheImagesEndpointsBodyByteForByte(String op, String name, String imageOptions, String arrayOptions)
            throws Exception {
        String images = ok("/api/v1/images/" + op, join("\"image\": " + IMAGE, "\"kernel\": " + IMAGE_KERNEL, imageOptions));
        String arrays = ok("/api/v1/arrays/" + op, join("\"input\": " + IMAGE, "\"kernel\": " + IMAGE_KERNEL,
                arrayOptions == null || arrayOptions.isBlank() ? imageOptions : arrayOptions));
        assertThat(arrays).isEqualTo(images);
    }

    // ---- scipy's numbers ----

    static Stream<Object[]> golden() throws Exception {
        JsonNode root = resource("/golden/arrays-web.json");
        assertThat(root.get("generator").asString()).isEqualTo("scripts/generate_arrays_web.py");
        List<Object[]> out = new ArrayList<>();
        for (JsonNode c : root.get("cases")) {
            out.add(new Object[] {c.get("name").asString(), c});
        }
        assertThat(out).hasSizeGreaterThanOrEqualTo(6);
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void nDimensionalResultsEqualScipy(String name, JsonNode c) throws Exception {
        JsonNode response = okTree(c.get("endpoint").asString(), JSON.writeValueAsString(c.get("request")));
        assertThat(response.get("shape")).as(c.get("reference").asString()).isEqualTo(c.get("shape"));
        assertThat(response.get("output")).as(c.get("reference").asString()).isEqualTo(c.get("expected"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void exactIntegersGiveTheSameIntegersWithFftAndDirect(String name, JsonNode c) throws Exception {
        JsonNode[] outputs = new JsonNode[2];
        String[] methods = {"direct", "fft"};
        for (int i = 0; i < 2; i++) {
            tools.jackson.databind.node.ObjectNode request = (tools.jackson.databind.node.ObjectNode) c.get("request").deepCopy();
            request.put("method", methods[i]);
            JsonNode response = okTree(c.get("endpoint").asString(), JSON.writeValueAsString(request));
            assertThat(response.get("method").asString()).isEqualTo(methods[i]);
            outputs[i] = response.get("output");
        }
        assertThat(outputs[1]).isEqualTo(outputs[0]).isEqualTo(c.get("expected"));
    }

    @Test
    void largeExactIntegersOnAVolumeAreExactWithFft() throws Exception {
        // |values| up to 10^6 on both sides: results near 10^13, where an uncorrected FFT is off by far more than 0.5
        StringBuilder x = new StringBuilder("[");
        int seed = 17;
        for (int a = 0; a < 4; a++) {
            x.append(a == 0 ? "[" : ", [");
            for (int b = 0; b < 5; b++) {
                x.append(b == 0 ? "[" : ", [");
                for (int c = 0; c < 6; c++) {
                    seed = (int) ((seed * 1103515245L + 12345) & 0x7fffffff);
                    x.append(c == 0 ? "" : ", ").append(seed % 2_000_001 - 1_000_000);
                }
                x.append(']');
            }
            x.append(']');
        }
        x.append(']');
        String kernel = "[[[999983, -1000000, 3], [7, 1, -999979], [12345, 0, 678901]],"
                + " [[-1, 2, -3], [4, -5, 6], [-7, 8, -9]], [[1000000, 999999, -999998], [0, 0, 1], [2, -2, 1000000]]]";
        String direct = ok("/api/v1/arrays/convolve", join("\"input\": " + x, "\"kernel\": " + kernel, "\"mode\": \"full\"",
                "\"method\": \"direct\""));
        String fft = ok("/api/v1/arrays/convolve", join("\"input\": " + x, "\"kernel\": " + kernel, "\"mode\": \"full\"",
                "\"method\": \"fft\""));
        JsonNode d = JSON.readTree(direct);
        JsonNode f = JSON.readTree(fft);
        assertThat(f.get("method").asString()).isEqualTo("fft");
        assertThat(f.get("output")).isEqualTo(d.get("output"));
        String outputText = JSON.writeValueAsString(d.get("output"));
        assertThat(outputText).doesNotContain(".").doesNotContainIgnoringCase("e");
    }

    // ---- rank 4 and traces ----

    @Test
    void aRankFourRequestWorksEndToEnd() throws Exception {
        JsonNode c = null;
        for (Object[] g : golden().toList()) {
            if (g[0].equals("rank4-convolution-full-strided")) {
                c = (JsonNode) g[1];
            }
        }
        assertThat(c).isNotNull();
        tools.jackson.databind.node.ObjectNode request = (tools.jackson.databind.node.ObjectNode) c.get("request").deepCopy();
        request.set("trace", JSON.readTree("{\"outputs\": [[1, 1, 2, 3], [0, 0, 0, 0]]}"));
        JsonNode r = okTree("/api/v1/arrays/convolve", JSON.writeValueAsString(request));
        assertThat(r.get("operation").asString()).isEqualTo("convolution");
        assertThat(ints(r.get("shape"))).containsExactly(2, 2, 5, 4);
        assertThat(depth(r.get("output"))).isEqualTo(4);
        assertThat(r.get("output")).isEqualTo(c.get("expected"));
        assertThat(at(r.get("output"), List.of(1, 1, 4, 3)).isNumber()).isTrue();
        assertThat(ints(r.get("outputStart"))).containsExactly(0, 0, 0, 0);
        assertThat(ints(r.get("stride"))).containsExactly(1, 2, 1, 2);
        assertThat(ints(r.get("dilation"))).containsExactly(1, 1, 1, 1);
        assertThat(depth(r.get("kernelAsApplied"))).isEqualTo(4);
        assertThat(r.get("formula").asString()).startsWith("y[m,n,p,q] = ");
        for (JsonNode entry : r.get("trace")) {
            assertThat(entry.get("output").size()).isEqualTo(4);
            assertThat(entry.get("value")).isEqualTo(at(r.get("output"), ints(entry.get("output"))));
            assertThat(entry.get("terms").size()).isEqualTo(12);
            double sum = 0;
            for (JsonNode t : entry.get("terms")) {
                assertThat(t.get("input").size()).isEqualTo(4);
                assertThat(t.get("kernel").size()).isEqualTo(4);
                sum += t.get("product").asDouble();
            }
            assertThat(sum).isEqualTo(entry.get("value").asDouble());
        }
    }

    @Test
    void aTracedVolumeHasThreeIndexLabelsAndProductsThatAddUpToEveryValue() throws Exception {
        JsonNode c = null;
        for (Object[] g : golden().toList()) {
            if (g[0].equals("cross-correlation-same-symmetric")) {
                c = (JsonNode) g[1];
            }
        }
        assertThat(c).isNotNull();
        tools.jackson.databind.node.ObjectNode request = (tools.jackson.databind.node.ObjectNode) c.get("request").deepCopy();
        request.set("trace", JSON.readTree("{\"all\": true}"));
        JsonNode r = okTree(c.get("endpoint").asString(), JSON.writeValueAsString(request));
        assertThat(r.get("output")).isEqualTo(c.get("expected"));
        JsonNode trace = r.get("trace");
        assertThat(trace.size()).isEqualTo(3 * 4 * 5);
        int padded = 0;
        for (JsonNode entry : trace) {
            List<Integer> label = ints(entry.get("output"));
            assertThat(label).hasSize(3);
            assertThat(entry.get("value")).as("value of %s", label).isEqualTo(at(c.get("expected"), label));
            assertThat(entry.get("terms").size()).isEqualTo(2 * 2 * 3);
            double sum = 0;
            for (JsonNode t : entry.get("terms")) {
                assertThat(t.get("input").size()).isEqualTo(3);
                assertThat(t.get("kernel").size()).isEqualTo(3);
                assertThat(t.get("product").asDouble()).isEqualTo(t.get("inputValue").asDouble() * t.get("kernelValue").asDouble());
                if (t.get("padded").asBoolean()) {
                    padded++;
                    List<Integer> source = ints(t.get("source"));
                    assertThat(source).hasSize(3);
                    JsonNode input = c.get("request").get("input");
                    assertThat(t.get("inputValue")).isEqualTo(at(input, source));
                } else {
                    assertThat(t.has("source")).isFalse();
                }
                sum += t.get("product").asDouble();
            }
            assertThat(sum).as("products of %s", label).isEqualTo(entry.get("value").asDouble());
        }
        assertThat(padded).isPositive();
        // row-major order of the outputs
        assertThat(ints(trace.get(0).get("output"))).containsExactly(0, 0, 0);
        assertThat(ints(trace.get(1).get("output"))).containsExactly(0, 0, 1);
        assertThat(ints(trace.get(59).get("output"))).containsExactly(2, 3, 4);
    }

    @Test
    void volumeCenterLabelsAndTheMirroredConventionFollowV1OnEveryAxis() throws Exception {
        String body = "\"input\": [[[1, 2, 3], [4, 5, 6]], [[7, 8, 9], [10, 11, 12]]], \"kernel\": [[[1, 2], [3, 4]]], "
                + "\"mode\": \"same\", \"indexOrigin\": \"center\"";
        JsonNode sliding = okTree("/api/v1/arrays/correlate", "{" + body + "}");
        JsonNode mirrored = okTree("/api/v1/arrays/correlate", "{" + body + ", \"correlationConvention\": \"mirrored\"}");
        // sliding: labels −1…0, −1…0, −1…1; mirrored: the negated labels and the output reversed on every axis
        assertThat(ints(sliding.get("outputStart"))).containsExactly(-1, -1, -1);
        assertThat(ints(mirrored.get("outputStart"))).containsExactly(0, 0, -1);
        assertThat(mirrored.get("correlationConvention").asString()).isEqualTo("mirrored");
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                for (int p = 0; p < 3; p++) {
                    assertThat(at(mirrored.get("output"), List.of(a, b, p)))
                            .isEqualTo(at(sliding.get("output"), List.of(1 - a, 1 - b, 2 - p)));
                }
            }
        }
    }

    // ---- 400 problems naming the field and the axis ----

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "a ragged matrix | /api/v1/arrays/convolve | {\"input\": [[1, 2, 3], [4, 5]], \"kernel\": [[1]]} | input[1]",
        "a ragged row in a volume | /api/v1/arrays/convolve | {\"input\": [[[1, 2], [3, 4]], [[1, 2], [3]]], \"kernel\": [[[1]]]} | input[1][1]",
        "a ragged plane in a volume | /api/v1/arrays/correlate | {\"input\": [[[1, 2], [3, 4]], [[1, 2]]], \"kernel\": [[[1]]]} | input[1]",
        "a ragged kernel volume | /api/v1/arrays/convolve | {\"input\": [[[1, 2], [3, 4]]], \"kernel\": [[[1, 2], [3]]]} | kernel[0][1]",
        "an empty row in a volume | /api/v1/arrays/convolve | {\"input\": [[[1]], [[]]], \"kernel\": [[[1]]]} | input[1][0]",
        "an empty innermost array | /api/v1/arrays/convolve | {\"input\": [[[]]], \"kernel\": [[[1]]]} | input[0][0]",
        "an empty plane | /api/v1/arrays/convolve | {\"input\": [[[1]], []], \"kernel\": [[[1]]]} | input[1]",
        "a number after arrays | /api/v1/arrays/convolve | {\"input\": [[1, 2], 3], \"kernel\": [[1]]} | input[1]",
        "an array after numbers | /api/v1/arrays/convolve | {\"input\": [1, [2]], \"kernel\": [1]} | input[1]",
        "a deeper row | /api/v1/arrays/convolve | {\"input\": [[1, 2], [[3], [4]]], \"kernel\": [[1]]} | input[1]",
        "an array among numbers deep inside | /api/v1/arrays/correlate | {\"input\": [[[1, 2]], [[3, [4]]]], \"kernel\": [[[1]]]} | input[1][0][1]",
        "rank 0: a number | /api/v1/arrays/convolve | {\"input\": 5, \"kernel\": [1]} | input",
        "rank 0: an empty array | /api/v1/arrays/convolve | {\"input\": [], \"kernel\": [1]} | input",
        "rank 0: a number for the kernel | /api/v1/arrays/correlate | {\"input\": [1, 2], \"kernel\": 3} | kernel",
        "rank 0: an empty kernel | /api/v1/arrays/convolve | {\"input\": [[1, 2]], \"kernel\": []} | kernel",
        "a string for the input | /api/v1/arrays/convolve | {\"input\": \"abc\", \"kernel\": [1]} | input",
        "an object for the input | /api/v1/arrays/convolve | {\"input\": {\"a\": 1}, \"kernel\": [1]} | input",
        "rank 5 | /api/v1/arrays/convolve | {\"input\": [[[[[1]]]]], \"kernel\": [[[[[1]]]]]} | input",
        "rank 5 kernel | /api/v1/arrays/correlate | {\"input\": [[1]], \"kernel\": [[[[[1]]]]]} | kernel",
        "a kernel of lower rank | /api/v1/arrays/convolve | {\"input\": [[[1, 2]]], \"kernel\": [[1]]} | kernel",
        "a kernel of higher rank | /api/v1/arrays/correlate | {\"input\": [[1, 2]], \"kernel\": [[[1]]]} | kernel",
        "a stride list too short | /api/v1/arrays/convolve | {\"input\": [[[1, 2]]], \"kernel\": [[[1]]], \"stride\": [1, 1]} | stride",
        "a stride list too long | /api/v1/arrays/convolve | {\"input\": [[[1, 2]]], \"kernel\": [[[1]]], \"stride\": [1, 1, 1, 1]} | stride",
        "a stride list of five | /api/v1/arrays/convolve | {\"input\": [[[1, 2]]], \"kernel\": [[[1]]], \"stride\": [1, 1, 1, 1, 1]} | stride",
        "an empty stride list | /api/v1/arrays/convolve | {\"input\": [[[1, 2]]], \"kernel\": [[[1]]], \"stride\": []} | stride",
        "a dilation list too short | /api/v1/arrays/correlate | {\"input\": [[[1, 2]]], \"kernel\": [[[1]]], \"dilation\": [2]} | dilation",
        "stride 0 | /api/v1/arrays/convolve | {\"input\": [[[1, 2]]], \"kernel\": [[[1]]], \"stride\": 0} | stride",
        "stride 0 inside a list | /api/v1/arrays/convolve | {\"input\": [[[1, 2]]], \"kernel\": [[[1]]], \"stride\": [1, 0, 1]} | stride[1]",
        "a negative dilation inside a list | /api/v1/arrays/convolve | {\"input\": [[[1, 2]]], \"kernel\": [[[1]]], \"dilation\": [1, 1, -2]} | dilation[2]",
        "a fraction inside a stride list | /api/v1/arrays/convolve | {\"input\": [[[1, 2]]], \"kernel\": [[[1]]], \"stride\": [1, 1.5, 1]} | stride[1]",
        "a string inside a stride list | /api/v1/arrays/convolve | {\"input\": [[[1, 2]]], \"kernel\": [[[1]]], \"stride\": [1, \"2\", 1]} | stride[1]",
        "null inside a stride list | /api/v1/arrays/convolve | {\"input\": [[[1, 2]]], \"kernel\": [[[1]]], \"stride\": [1, null, 1]} | stride[1]",
        "a stride beyond int range | /api/v1/arrays/convolve | {\"input\": [[[1, 2]]], \"kernel\": [[[1]]], \"stride\": [1, 3000000000, 1]} | stride[1]",
        "a string for the stride | /api/v1/arrays/convolve | {\"input\": [[[1, 2]]], \"kernel\": [[[1]]], \"stride\": \"2\"} | stride",
        "a string inside a volume | /api/v1/arrays/convolve | {\"input\": [[[1, \"a\"]]], \"kernel\": [[[1]]]} | input[0][0][1]",
        "a boolean inside a volume | /api/v1/arrays/convolve | {\"input\": [[[1, 2]], [[3, true]]], \"kernel\": [[[1]]]} | input[1][0][1]",
        "an object inside a volume | /api/v1/arrays/convolve | {\"input\": [[[1, 2]], [[3, {\"a\": 1}]]], \"kernel\": [[[1]]]} | input[1][0][1]",
        "a number beyond double range in a kernel | /api/v1/arrays/correlate | {\"input\": [[[1, 2]]], \"kernel\": [[[1e999]]]} | kernel[0][0][0]",
        "NaN inside a volume | /api/v1/arrays/convolve | {\"input\": [[[1, 2]]], \"kernel\": [[[NaN]]]} | body",
        "null inside a volume | /api/v1/arrays/convolve | {\"input\": [[[1, 2]], [[3, null]]], \"kernel\": [[[1]]]} | input[1][0][1]",
        "null for a row | /api/v1/arrays/convolve | {\"input\": [[[1, 2]], [null]], \"kernel\": [[[1]]]} | input[1][0]",
        "null for a plane | /api/v1/arrays/convolve | {\"input\": [[[1, 2]], null], \"kernel\": [[[1]]]} | input[1]",
        "null for the only element | /api/v1/arrays/convolve | {\"input\": [null], \"kernel\": [1]} | input[0]",
        "a missing input | /api/v1/arrays/convolve | {\"kernel\": [1]} | input",
        "a missing kernel | /api/v1/arrays/correlate | {\"input\": [1]} | kernel",
        "a v1 field name | /api/v1/arrays/convolve | {\"input\": [[[1, 2]]], \"kernel\": [[[1]]], \"signal\": [1]} | signal",
        "correlationConvention on a convolution | /api/v1/arrays/convolve | {\"input\": [[[1]]], \"kernel\": [[[1]]], \"correlationConvention\": \"sliding\"} | correlationConvention",
        "a kernel not fitting in valid on axis 2 | /api/v1/arrays/convolve | {\"input\": [[[1, 2]]], \"kernel\": [[[1, 1, 1]]], \"mode\": \"valid\"} | kernel",
        "a trace label of two axes for a volume | /api/v1/arrays/convolve | {\"input\": [[[1, 2]]], \"kernel\": [[[1]]], \"trace\": {\"outputs\": [[0, 0]]}} | trace.outputs[0]",
        "a trace label out of range | /api/v1/arrays/convolve | {\"input\": [[[1, 2]]], \"kernel\": [[[1]]], \"trace\": {\"outputs\": [[0, 0, 5]]}} | trace.outputs[0]",
        "a trace label off the stride grid | /api/v1/arrays/convolve | {\"input\": [[[1, 2, 3, 4]]], \"kernel\": [[[1]]], \"stride\": [1, 1, 2], \"indexOrigin\": \"center\", \"trace\": {\"outputs\": [[0, 0, -1]]}} | trace.outputs[0]",
        "a trace label of five axes for rank 4 | /api/v1/arrays/convolve | {\"input\": [[[[1]]]], \"kernel\": [[[[1]]]], \"trace\": {\"outputs\": [[0, 0, 0, 0, 0]]}} | trace.outputs[0]",
        "a fraction in a trace label | /api/v1/arrays/convolve | {\"input\": [[[1, 2]]], \"kernel\": [[[1]]], \"trace\": {\"outputs\": [[0, 0, 1.5]]}} | trace.outputs[0][2]",
        "a trace label index beyond long range | /api/v1/arrays/convolve | {\"input\": [[[1, 2]]], \"kernel\": [[[1]]], \"trace\": {\"outputs\": [[0, 0, 99999999999999999999]]}} | trace.outputs[0][2]",
    })
    void badArrayRequestsGet400NamingTheElement(String name, String path, String body, String field) throws Exception {
        assertProblem(postJson(mvc, path, body), 400, field);
    }

    @Test
    void raggedVolumesNameTheAxisAndBothLengths() throws Exception {
        postJson(mvc, "/api/v1/arrays/convolve", "{\"input\": [[[1, 2], [3, 4]], [[1, 2], [3]]], \"kernel\": [[[1]]]}")
                .andExpect(jsonPath("$.errors[0].message").value(allOf(containsString("axis 2"), containsString("input[0][0]"),
                        containsString("1"), containsString("2"))));
        postJson(mvc, "/api/v1/arrays/convolve", "{\"input\": [[[1, 2], [3, 4]], [[1, 2]]], \"kernel\": [[[1]]]}")
                .andExpect(jsonPath("$.errors[0].message").value(containsString("axis 1")));
        // rank 2 keeps v1's wording
        postJson(mvc, "/api/v1/arrays/convolve", "{\"input\": [[1, 2, 3], [4, 5]], \"kernel\": [[1]]}")
                .andExpect(jsonPath("$.errors[0].message").value("row 1 has 2 values; row 0 has 3"));
    }

    @Test
    void rankErrorsSayWhichRanksAreTaken() throws Exception {
        postJson(mvc, "/api/v1/arrays/convolve", "{\"input\": [[[[[1]]]]], \"kernel\": [[[[[1]]]]]}")
                .andExpect(jsonPath("$.errors[0].message").value(containsString("rank 1 to 4")));
        postJson(mvc, "/api/v1/arrays/convolve", "{\"input\": [[[1, 2]]], \"kernel\": [[1]]}")
                .andExpect(jsonPath("$.errors[0].message").value(allOf(containsString("kernel has 2 axes"), containsString("input has 3"))));
        postJson(mvc, "/api/v1/arrays/convolve", "{\"input\": [[[1, 2]]], \"kernel\": [[[1]]], \"stride\": [1, 1]}")
                .andExpect(jsonPath("$.errors[0].message").value(allOf(containsString("2 values"), containsString("3 axes"))));
    }

    @Test
    void aKernelNotFittingInValidNamesTheAxisInPlainWords() throws Exception {
        postJson(mvc, "/api/v1/arrays/convolve", "{\"input\": [[[1, 2]]], \"kernel\": [[[1, 1, 1]]], \"mode\": \"valid\"}")
                .andExpect(jsonPath("$.errors[0].message").value(allOf(containsString("axis 2"), containsString("3 taps"),
                        containsString("input has 2"), not(containsString("every axis on the")), not(containsString("axis axis")))));
    }

    @Test
    void aNonIntegerInsideATraceLabelIsCalledANonInteger() throws Exception {
        for (String bad : new String[] {"\"1\"", "null"}) {
            ResultActions r = postJson(mvc, "/api/v1/arrays/convolve",
                    "{\"input\": [[[1, 2]]], \"kernel\": [[[1]]], \"trace\": {\"outputs\": [[0, 0, " + bad + "]]}}");
            assertProblem(r, 400, "trace.outputs[0][2]");
            r.andExpect(jsonPath("$.errors[0].message").value(allOf(containsString("integer"), not(containsString("must be an array")))));
        }
    }

    // ---- explain, rank 1 to 4 ----

    /** The 27 kernel symbols s0…s26, nested 3×3×3 row-major. */
    private static String symbols3d() {
        StringBuilder s = new StringBuilder("[");
        for (int a = 0; a < 3; a++) {
            s.append(a == 0 ? "[" : ", [");
            for (int b = 0; b < 3; b++) {
                s.append(b == 0 ? "[" : ", [");
                for (int c = 0; c < 3; c++) {
                    s.append(c == 0 ? "" : ", ").append("\"s").append(9 * a + 3 * b + c).append('"');
                }
                s.append(']');
            }
            s.append(']');
        }
        return s.append(']').toString();
    }

    @Test
    void explainOfAVolumeListsAllTwentySevenTermsWithTheSymbols() throws Exception {
        String request = "\"inputShape\": [4, 4, 4], \"kernelShape\": [3, 3, 3], \"mode\": \"same\", \"indexOrigin\": \"center\", "
                + "\"outputs\": [[0, 0, 0]], \"kernelSymbols\": " + symbols3d();
        for (String operation : new String[] {"convolution", "cross-correlation"}) {
            boolean flipped = operation.equals("convolution");
            JsonNode r = okTree("/api/v1/explain", "{\"operation\": \"" + operation + "\", " + request + "}");
            assertThat(ints(r.get("outputShape"))).containsExactly(4, 4, 4);
            assertThat(ints(r.get("outputStart"))).containsExactly(-2, -2, -2);
            JsonNode entry = r.get("outputs").get(0);
            assertThat(ints(entry.get("output"))).containsExactly(0, 0, 0);
            JsonNode terms = entry.get("terms");
            assertThat(terms.size()).isEqualTo(27);
            // input labels −1…1 on every axis meet kernel labels −1…1: flipped (k = −i) for convolution, as they are for correlation
            StringBuilder formula = new StringBuilder("y[0,0,0] = ");
            int n = 0;
            for (int a = -1; a <= 1; a++) {
                for (int b = -1; b <= 1; b++) {
                    for (int c = -1; c <= 1; c++) {
                        int ka = flipped ? -a : a;
                        int kb = flipped ? -b : b;
                        int kc = flipped ? -c : c;
                        String symbol = "s" + (9 * (ka + 1) + 3 * (kb + 1) + (kc + 1));
                        JsonNode t = terms.get(n++);
                        assertThat(ints(t.get("input"))).containsExactly(a, b, c);
                        assertThat(ints(t.get("kernel"))).containsExactly(ka, kb, kc);
                        assertThat(t.get("padded").asBoolean()).isFalse();
                        assertThat(t.get("symbol").asString()).isEqualTo(symbol);
                        formula.append(n == 1 ? "" : " + ").append("x[").append(a).append(',').append(b).append(',').append(c)
                                .append("]·").append(symbol);
                    }
                }
            }
            assertThat(entry.get("formula").asString()).as(operation).isEqualTo(formula.toString());
        }
    }

    @Test
    void explainOfRankFourHasFourOutputLetters() throws Exception {
        JsonNode r = okTree("/api/v1/explain", "{\"operation\": \"convolution\", \"inputShape\": [4, 4, 4, 4], "
                + "\"kernelShape\": [2, 2, 2, 2], \"mode\": \"valid\", \"stride\": [1, 2, 1, 1], \"outputs\": [[0, 0, 0, 0]]}");
        assertThat(ints(r.get("outputShape"))).containsExactly(3, 2, 3, 3);
        assertThat(ints(r.get("stride"))).containsExactly(1, 2, 1, 1);
        assertThat(r.get("formula").asString()).startsWith("y[m,n,p,q] = ");
        assertThat(r.get("outputs").get(0).get("terms").size()).isEqualTo(16);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "an inputShape of five axes | {\"operation\": \"convolution\", \"inputShape\": [4, 4, 4, 4, 4], \"kernelShape\": [1, 1, 1, 1, 1], \"all\": true} | inputShape",
        "an empty inputShape | {\"operation\": \"convolution\", \"inputShape\": [], \"kernelShape\": [], \"all\": true} | inputShape",
        "a kernelShape of lower rank | {\"operation\": \"convolution\", \"inputShape\": [4, 4, 4], \"kernelShape\": [3, 3], \"all\": true} | kernelShape",
        "a kernelShape of higher rank | {\"operation\": \"cross-correlation\", \"inputShape\": [4, 4, 4], \"kernelShape\": [3, 3, 3, 3], \"all\": true} | kernelShape",
        "a zero in a kernelShape | {\"operation\": \"convolution\", \"inputShape\": [4, 4, 4], \"kernelShape\": [3, 0, 3], \"all\": true} | kernelShape[1]",
        "a fraction in an inputShape | {\"operation\": \"convolution\", \"inputShape\": [4, 4, 1.5], \"kernelShape\": [3, 3, 3], \"outputs\": [[0, 0, 0]]} | inputShape[2]",
        "an inputShape length beyond int range | {\"operation\": \"convolution\", \"inputShape\": [4, 4, 3000000000], \"kernelShape\": [3, 3, 3], \"outputs\": [[0, 0, 0]]} | inputShape[2]",
        "a stride list of the wrong length | {\"operation\": \"convolution\", \"inputShape\": [4, 4, 4], \"kernelShape\": [3, 3, 3], \"stride\": [1, 1], \"all\": true} | stride",
        "stride 0 inside a list | {\"operation\": \"convolution\", \"inputShape\": [4, 4, 4], \"kernelShape\": [3, 3, 3], \"stride\": [1, 0, 1], \"all\": true} | stride[1]",
        "an output label of two axes | {\"operation\": \"convolution\", \"inputShape\": [4, 4, 4], \"kernelShape\": [3, 3, 3], \"outputs\": [[0, 0]]} | outputs[0]",
        "a kernelShape not fitting in valid | {\"operation\": \"convolution\", \"inputShape\": [4, 4, 2], \"kernelShape\": [3, 3, 3], \"mode\": \"valid\", \"outputs\": [[0, 0, 0]]} | kernelShape",
        "kernelSymbols with a short axis 1 | {\"operation\": \"convolution\", \"inputShape\": [4, 4, 4], \"kernelShape\": [3, 3, 3], \"outputs\": [[0, 0, 0]], \"kernelSymbols\": [[[\"a\", \"b\", \"c\"], [\"d\", \"e\", \"f\"]], [[\"a\", \"b\", \"c\"], [\"d\", \"e\", \"f\"], [\"g\", \"h\", \"i\"]], [[\"a\", \"b\", \"c\"], [\"d\", \"e\", \"f\"], [\"g\", \"h\", \"i\"]]]} | kernelSymbols[0]",
        "kernelSymbols with a short row | {\"operation\": \"convolution\", \"inputShape\": [4, 4, 4], \"kernelShape\": [3, 3, 3], \"outputs\": [[0, 0, 0]], \"kernelSymbols\": [[[\"a\", \"b\", \"c\"], [\"d\", \"e\", \"f\"], [\"g\", \"h\"]], [[\"a\", \"b\", \"c\"], [\"d\", \"e\", \"f\"], [\"g\", \"h\", \"i\"]], [[\"a\", \"b\", \"c\"], [\"d\", \"e\", \"f\"], [\"g\", \"h\", \"i\"]]]} | kernelSymbols[0][2]",
        "2D kernelSymbols for a 3D kernel | {\"operation\": \"convolution\", \"inputShape\": [4, 4, 4], \"kernelShape\": [3, 3, 3], \"outputs\": [[0, 0, 0]], \"kernelSymbols\": [[\"a\", \"b\", \"c\"], [\"d\", \"e\", \"f\"], [\"g\", \"h\", \"i\"]]} | kernelSymbols[0][0]",
        "a number among kernelSymbols | {\"operation\": \"convolution\", \"inputShape\": [2, 2, 2], \"kernelShape\": [1, 1, 2], \"outputs\": [[0, 0, 0]], \"kernelSymbols\": [[[\"a\", 1]]]} | kernelSymbols[0][0][1]",
    })
    void badExplainRequestsGet400NamingTheField(String name, String body, String field) throws Exception {
        assertProblem(postJson(mvc, "/api/v1/explain", body), 400, field);
    }

    @Test
    void explainSaysWhichRanksItTakes() throws Exception {
        postJson(mvc, "/api/v1/explain", "{\"operation\": \"convolution\", \"inputShape\": [4, 4, 4, 4, 4], \"kernelShape\": [1, 1, 1, 1, 1], "
                + "\"all\": true}").andExpect(jsonPath("$.errors[0].message").value(allOf(containsString("1 to 4"), containsString("5"))));
        postJson(mvc, "/api/v1/explain", "{\"operation\": \"convolution\", \"inputShape\": [4, 4, 4], \"kernelShape\": [3, 3], \"all\": true}")
                .andExpect(jsonPath("$.errors[0].message").value(allOf(containsString("kernelShape has 2 axes"),
                        containsString("inputShape has 3"))));
    }
}
