package dev.convolution.api.layer;

import static dev.convolution.WebTests.assertProblem;
import static dev.convolution.WebTests.postJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * The layer endpoints through HTTP against API.md "Contract v2 → Neural-network layers": PyTorch's numbers
 * ({@code golden/layers.json}, from {@code scripts/generate_layers.py}) for the forward pass, every gradient and the
 * transposed convolution, the seed claim in a backward trace, and 400 problems a PyTorch user recognises.
 */
@SpringBootTest(properties = {MockMvcBodies.BLOCKING, "convolution.limits.max-multiply-adds=5000000"})
@AutoConfigureMockMvc
class LayersWebTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    private JsonNode ok(String path, String body) throws Exception {
        return JSON.readTree(postJson(mvc, path, body).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
    }

    private static JsonNode golden() throws Exception {
        try (InputStream in = LayersWebTest.class.getResourceAsStream("/golden/layers.json")) {
            return JSON.readTree(in);
        }
    }

    /** Every fifth PyTorch case of each kind (the core tests take them all). */
    static Stream<JsonNode> convCases() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        JsonNode all = golden().get("conv");
        for (int i = 0; i < all.size(); i += 5) {
            out.add(all.get(i));
        }
        return out.stream();
    }

    static Stream<JsonNode> transposeCases() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        JsonNode all = golden().get("transpose");
        for (int i = 0; i < all.size(); i += 5) {
            out.add(all.get(i));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("convCases")
    void forwardAndBackwardEqualPyTorchOverHttp(JsonNode c) throws Exception {
        int dims = c.get("dims").asInt();
        ObjectNode forward = JSON.createObjectNode();
        for (String f : new String[] {"input", "weight", "bias", "stride", "padding", "dilation", "groups", "paddingMode"}) {
            if (c.has(f)) {
                forward.set(f, c.get(f));
            }
        }
        JsonNode y = ok("/api/v1/layers/conv" + dims + "d", forward.toString());
        assertThat(y.get("operation").asString()).isEqualTo("cross-correlation");
        assertNested(y.get("output"), c.get("output"), c.get("integers").asBoolean(), c.get("id").asString());
        assertThat(y.get("shape").toString()).isEqualTo(c.get("outputShape").toString());

        ObjectNode backward = forward.deepCopy();
        backward.set("gradOutput", c.get("gradOutput"));
        JsonNode g = ok("/api/v1/layers/conv" + dims + "d/backward", backward.toString());
        assertNested(g.get("gradInput"), c.get("gradInput"), c.get("integers").asBoolean(), c.get("id").asString() + " gradInput");
        assertNested(g.get("gradWeight"), c.get("gradWeight"), c.get("integers").asBoolean(), c.get("id").asString() + " gradWeight");
        if (c.has("gradBias")) {
            assertNested(g.get("gradBias"), c.get("gradBias"), c.get("integers").asBoolean(), c.get("id").asString() + " gradBias");
        } else {
            assertThat(g.has("gradBias")).isFalse();
        }
        assertThat(g.get("relations").get("gradInput").asString()).startsWith("convolution (full) of gradOutput");
        assertThat(g.get("relations").get("gradWeight").asString()).startsWith("cross-correlation of input");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transposeCases")
    void transposedConvolutionEqualsPyTorchOverHttp(JsonNode c) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        for (String f : new String[] {"input", "weight", "bias", "stride", "padding", "outputPadding", "dilation", "groups"}) {
            if (c.has(f)) {
                body.set(f, c.get(f));
            }
        }
        JsonNode y = ok("/api/v1/layers/conv-transpose" + c.get("dims").asInt() + "d", body.toString());
        assertThat(y.get("operation").asString()).isEqualTo("transposed convolution");
        assertNested(y.get("output"), c.get("output"), c.get("integers").asBoolean(), c.get("id").asString());
        assertThat(y.get("outputPadding").toString()).isEqualTo(c.get("outputPadding").toString());
    }

    /**
     * The seed Q&A's claim through HTTP: the forward pass is a correlation (output 1 meets input 1, 2, 3 with weight 0, 1, 2),
     * the input gradient a convolution (gradInput[2] meets gradOutput 0, 1, 2 with weight 2, 1, 0), and the transposed
     * convolution of gradOutput is that gradient.
     */
    @Test
    void correlationForwardConvolutionBackwardInTheLabels() throws Exception {
        String layer = "\"input\": [[[1, 2, 3, 4, 5]]], \"weight\": [[[1, 10, 100]]]";
        JsonNode y = ok("/api/v1/layers/conv1d", "{" + layer + ", \"trace\": {\"outputs\": [[0, 0, 1]]}}");
        JsonNode forwardTerms = y.get("trace").get(0).get("terms");
        assertThat(labels(forwardTerms, "input")).containsExactly(1L, 2L, 3L);
        assertThat(labels(forwardTerms, "weight")).containsExactly(0L, 1L, 2L);
        JsonNode g = ok("/api/v1/layers/conv1d/backward", "{" + layer + ", \"gradOutput\": [[[1, 2, 3]]], \"wrt\": [\"input\"], "
                + "\"trace\": {\"of\": \"gradInput\", \"outputs\": [[0, 0, 2]]}}");
        assertThat(g.get("gradInput").toString()).isEqualTo("[[[1,12,123,230,300]]]");
        assertThat(g.has("gradWeight")).isFalse();
        JsonNode backwardTerms = g.get("trace").get(0).get("terms");
        assertThat(labels(backwardTerms, "gradOutput")).containsExactly(0L, 1L, 2L);
        assertThat(labels(backwardTerms, "weight")).containsExactly(2L, 1L, 0L);
        assertThat(g.get("trace").get(0).get("value").asDouble()).isEqualTo(123);
        JsonNode t = ok("/api/v1/layers/conv-transpose1d", "{\"input\": [[[1, 2, 3]]], \"weight\": [[[1, 10, 100]]]}");
        assertThat(t.get("output").toString()).isEqualTo(g.get("gradInput").toString());
        // and the core's own v1 convolution of gradOutput with the weight says the same
        JsonNode v1 = ok("/api/v1/signals/convolve", "{\"signal\": [1, 2, 3], \"kernel\": [1, 10, 100]}");
        assertThat(v1.get("output").toString()).isEqualTo("[1,12,123,230,300]");
    }

    /** From shapes alone, the same labels as the traces with data: forward a correlation, the input gradient a convolution. */
    @Test
    void explainGivesTheSameLabelsFromShapesAlone() throws Exception {
        JsonNode forward = ok("/api/v1/layers/explain", "{\"layer\": \"conv1d\", \"inputShape\": [1, 1, 5], \"weightShape\": [1, 1, 3], "
                + "\"bias\": true, \"trace\": {\"outputs\": [[0, 0, 1]]}}");
        assertThat(forward.get("entries").get(0).get("formula").asString())
                .isEqualTo("output[0,0,1] = input[0,0,1]·weight[0,0,0] + input[0,0,2]·weight[0,0,1] + input[0,0,3]·weight[0,0,2] + bias[0]");
        JsonNode backward = ok("/api/v1/layers/explain", "{\"layer\": \"conv1d\", \"inputShape\": [1, 1, 5], \"weightShape\": [1, 1, 3], "
                + "\"trace\": {\"of\": \"gradInput\", \"outputs\": [[0, 0, 2]]}}");
        assertThat(backward.get("entries").get(0).get("formula").asString()).isEqualTo(
                "gradInput[0,0,2] = gradOutput[0,0,0]·weight[0,0,2] + gradOutput[0,0,1]·weight[0,0,1] + gradOutput[0,0,2]·weight[0,0,0]");
        assertThat(backward.get("relations").get("gradInput").asString()).startsWith("convolution (full)");
        JsonNode withData = ok("/api/v1/layers/conv1d/backward", "{\"input\": [[[1, 2, 3, 4, 5]]], \"weight\": [[[1, 10, 100]]], "
                + "\"gradOutput\": [[[1, 2, 3]]], \"trace\": {\"of\": \"gradInput\", \"outputs\": [[0, 0, 2]]}}");
        JsonNode explained = backward.get("entries").get(0).get("terms");
        JsonNode traced = withData.get("trace").get(0).get("terms");
        assertThat(explained.size()).isEqualTo(traced.size());
        for (int i = 0; i < explained.size(); i++) {
            assertThat(explained.get(i).get("gradOutput")).isEqualTo(traced.get(i).get("gradOutput"));
            assertThat(explained.get(i).get("weight")).isEqualTo(traced.get(i).get("weight"));
            assertThat(explained.get(i).has("product")).isFalse();
        }
        JsonNode transposed = ok("/api/v1/layers/explain", "{\"layer\": \"conv-transpose1d\", \"inputShape\": [1, 1, 3], "
                + "\"weightShape\": [1, 1, 3], \"trace\": {\"outputs\": [[0, 0, 2]]}}");
        assertThat(transposed.get("entries").get(0).get("formula").asString())
                .isEqualTo("output[0,0,2] = input[0,0,0]·weight[0,0,2] + input[0,0,1]·weight[0,0,1] + input[0,0,2]·weight[0,0,0]");
        assertThat(transposed.get("outputShape").toString()).isEqualTo("[1,1,5]");
    }

    @Test
    void aForwardTraceEndsWithTheBiasAndAddsUp() throws Exception {
        JsonNode y = ok("/api/v1/layers/conv2d", "{\"input\": [[[[1, 2, 3], [4, 5, 6], [7, 8, 9]]]], \"weight\": [[[[1, 0], [0, -1]]]], "
                + "\"bias\": [0.5], \"padding\": 1, \"paddingMode\": \"reflect\", \"trace\": {\"outputs\": [[0, 0, 0, 0]]}}");
        JsonNode e = y.get("trace").get(0);
        double sum = 0;
        for (JsonNode term : e.get("terms")) {
            sum += term.has("bias") ? term.get("value").asDouble() : term.get("product").asDouble();
        }
        assertThat(sum).isEqualTo(e.get("value").asDouble());
        JsonNode first = e.get("terms").get(0);
        assertThat(first.get("padded").asBoolean()).isTrue();
        assertThat(first.get("input").toString()).isEqualTo("[0,0,-1,-1]");
        assertThat(first.get("source").toString()).isEqualTo("[0,0,1,1]"); // reflect: position −1 takes element 1
        assertThat(e.get("terms").get(e.get("terms").size() - 1).toString()).isEqualTo("{\"bias\":0,\"value\":0.5}");
        assertThat(y.get("padding").toString()).isEqualTo("[[1,1],[1,1]]");
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', value = {
        "conv2d | {\"input\": [[[1, 2, 3]]], \"weight\": [[[1]]]} | input | expects input of rank 4",
        "conv1d | {\"input\": [[[1, 2, 3], [4, 5, 6]]], \"weight\": [[[1]]]} | input | expected input[1, 2, 3] to have 1 channels, but got 2 channels instead",
        "conv1d | {\"input\": [[[1, 2, 3], [4, 5, 6]]], \"weight\": [[[1]], [[2]], [[3]]], \"groups\": 2} | weight | Given groups=2, expected weight to be divisible by 2",
        "conv1d | {\"input\": [[[1, 2, 3]]], \"weight\": [[[1, 2]]], \"stride\": 2, \"padding\": \"same\"} | padding | padding='same' is not supported for strided convolutions",
        "conv1d | {\"input\": [[[1, 2, 3]]], \"weight\": [[[1, 2]]], \"padding\": 3, \"paddingMode\": \"reflect\"} | padding | reflect padding must be less than the input's size",
        "conv1d | {\"input\": [[[1, 2]]], \"weight\": [[[1, 2, 3]]]} | weight | Kernel size can't be greater than actual input size",
        "conv1d | {\"input\": [[[1, 2, 3]]], \"weight\": [[[1]]], \"bias\": [1, 2]} | bias | bias has 2 values; the layer has 1 output channels",
        "conv1d | {\"input\": [[[1, 2, 3]]], \"weight\": [[[1]]], \"stride\": [1, 2]} | stride | stride has 2 values; give one integer or 1",
        "conv1d | {\"input\": [[[1, 2, 3]]], \"weight\": [[[1]]], \"padding\": \"half\"} | padding | or \"same\" or \"valid\"",
        "conv1d | {\"input\": [[[1, 2, 3]]], \"weight\": [[[1]]], \"paddingMode\": \"mirror\"} | paddingMode | must be one of zeros, reflect, replicate, circular",
        "conv1d | {\"input\": [[[1, 2, 3]]], \"weight\": [[[1]]], \"trace\": {\"of\": \"gradInput\", \"outputs\": [[0, 0, 0]]}} | trace.of | trace.of is output",
        "conv1d | {\"input\": [[[1, 2, 3]]], \"weight\": [[[1]]], \"trace\": {\"outputs\": [[0, 0, 3]]}} | trace.outputs[0] | outside the array of shape [1, 1, 3]",
        "conv1d/backward | {\"input\": [[[1, 2, 3]]], \"weight\": [[[1, 1]]], \"gradOutput\": [[[1, 2, 3]]]} | gradOutput | gradOutput must have the forward output's shape [1, 1, 2]",
        "conv1d/backward | {\"input\": [[[1, 2, 3]]], \"weight\": [[[1, 1]]], \"gradOutput\": [[[1, 2]]], \"wrt\": [\"bias\"]} | wrt[0] | the gradient of the bias needs a bias",
        "conv1d/backward | {\"input\": [[[1, 2, 3]]], \"weight\": [[[1, 1]]], \"gradOutput\": [[[1, 2]]], \"wrt\": [\"input\"], \"trace\": {\"of\": \"gradWeight\", \"outputs\": [[0, 0, 0]]}} | trace.of | add \"weight\" to wrt",
        "conv-transpose1d | {\"input\": [[[1, 2, 3]]], \"weight\": [[[1, 1]]], \"stride\": 2, \"outputPadding\": 2} | outputPadding | output padding must be smaller than either stride or dilation",
        "conv-transpose1d | {\"input\": [[[1, 2, 3]]], \"weight\": [[[1, 1]]], \"padding\": \"same\"} | padding | is taken only by the forward layers",
        "conv-transpose1d | {\"input\": [[[1]]], \"weight\": [[[1]]], \"padding\": 1} | padding | the output would have -1 elements",
        "explain | {\"layer\": \"conv4d\", \"inputShape\": [1, 1, 3], \"weightShape\": [1, 1, 1], \"trace\": {\"all\": true}} | layer | must be one of conv1d",
        "explain | {\"layer\": \"conv1d\", \"inputShape\": [1, 1, 3], \"weightShape\": [1, 1, 1], \"trace\": {\"of\": \"gradBias\", \"all\": true}} | trace.of | gradBias needs a bias",
        "explain | {\"layer\": \"conv1d\", \"inputShape\": [1, 0, 3], \"weightShape\": [1, 1, 1], \"trace\": {\"all\": true}} | inputShape[1] | must be a positive integer",
    })
    void badLayerRequestsAreNamed400s(String path, String body, String field, String message) throws Exception {
        ResultActions r = postJson(mvc, "/api/v1/layers/" + path, body);
        assertProblem(r, 400, field);
        r.andExpect(jsonPath("$.errors[0].message").value(containsString(message)));
    }

    @Test
    void workBeyondTheMultiplyAddLimitIs413() throws Exception {
        StringBuilder row = new StringBuilder("[");
        for (int i = 0; i < 6000; i++) {
            row.append(i == 0 ? "" : ",").append(i % 7);
        }
        row.append("]");
        StringBuilder kernel = new StringBuilder("[");
        for (int i = 0; i < 2000; i++) {
            kernel.append(i == 0 ? "" : ",").append(1);
        }
        kernel.append("]");
        ResultActions r = postJson(mvc, "/api/v1/layers/conv1d", "{\"input\": [[" + row + "]], \"weight\": [[" + kernel + "]]}");
        assertProblem(r, 413, "input");
        r.andExpect(jsonPath("$.detail").value(containsString("convolution.limits.max-multiply-adds")));
    }

    private static List<Long> labels(JsonNode terms, String name) {
        List<Long> out = new ArrayList<>();
        for (JsonNode t : terms) {
            if (t.has(name)) {
                out.add(t.get(name).get(t.get(name).size() - 1).asLong());
            }
        }
        return out;
    }

    private static void assertNested(JsonNode actual, JsonNode expected, boolean exact, String what) {
        List<Double> a = new ArrayList<>();
        List<Double> e = new ArrayList<>();
        flatten(actual, a);
        flatten(expected, e);
        assertThat(a).as(what + " size").hasSize(e.size());
        assertThat(actual.toString().replaceAll("[^\\[]", "").length()).as(what + " nesting")
                .isEqualTo(expected.toString().replaceAll("[^\\[]", "").length());
        double scale = 1;
        for (double v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < a.size(); i++) {
            if (exact) {
                assertThat(a.get(i)).as("%s at %d", what, i).isEqualTo(e.get(i));
            } else {
                assertThat(a.get(i)).as("%s at %d", what, i).isCloseTo(e.get(i), within(1e-9 * scale));
            }
        }
    }

    private static void flatten(JsonNode n, List<Double> out) {
        if (n.isArray()) {
            for (JsonNode c : n) {
                flatten(c, out);
            }
        } else {
            out.add(n.asDouble());
        }
    }
}
