package dev.convolution.web.media;

import static dev.convolution.WebTests.assertProblem;
import static dev.convolution.WebTests.flat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.convolution.MockMvcBodies;
import dev.convolution.WebTests;
import dev.convolution.codec.Npy;
import dev.convolution.codec.NpyArray;
import dev.convolution.codec.Picture;
import dev.convolution.codec.Png;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
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
 * Binary bodies (API.md "Contract v2 → Binary bodies"): multipart requests with .npy, JSON and PNG parts give what the
 * same request in JSON gives, .npy and PNG answers hold the same numbers, and every malformed part is a 400 naming it.
 * The oracle is the JSON path, which the golden fixtures hold against scipy and PyTorch.
 */
@SpringBootTest(properties = {MockMvcBodies.BLOCKING, "convolution.limits.max-input-elements=100000"})
@AutoConfigureMockMvc
class BinaryBodiesWebTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final MediaType NPY = MediaType.parseMediaType(Npy.MEDIA_TYPE);

    @Autowired
    MockMvc mvc;

    private static MockMultipartFile npy(String name, int[] shape, double[] values) {
        return new MockMultipartFile(name, name + ".npy", Npy.MEDIA_TYPE, Npy.write(shape, values));
    }

    private static MockMultipartFile json(String name, String text) {
        return new MockMultipartFile(name, null, MediaType.APPLICATION_JSON_VALUE, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The parts as a multipart/form-data body on the wire (MockMvc's multipart builder sends no body bytes). */
    private ResultActions send(String path, MediaType accept, MockMultipartFile... parts) throws Exception {
        String boundary = "----convolution-test-boundary";
        return mvc.perform(post(path).contentType("multipart/form-data; boundary=" + boundary).content(WebTests.multipart(boundary, parts)).accept(accept));
    }

    private String jsonBody(String path, String body) throws Exception {
        return mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private static double[] random(Random rnd, int n, boolean integers) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = integers ? rnd.nextInt(19) - 9 : rnd.nextGaussian();
        }
        return v;
    }

    private static String rows(double[] v, int rows, int cols) throws Exception {
        double[][] out = new double[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = Arrays.copyOfRange(v, r * cols, r * cols + cols);
        }
        return JSON.writeValueAsString(out);
    }

    @Test
    void aSignalAsNpyPartsGivesTheBytesOfTheSameRequestInJson() throws Exception {
        Random rnd = new Random(1);
        double[] x = random(rnd, 40, false);
        double[] h = random(rnd, 5, false);
        String expected = jsonBody("/api/v1/signals/correlate", "{\"signal\":" + JSON.writeValueAsString(x) + ",\"kernel\":"
                + JSON.writeValueAsString(h) + ",\"mode\":\"same\",\"boundary\":\"reflect\"}");
        String got = send("/api/v1/signals/correlate", MediaType.APPLICATION_JSON, npy("signal", new int[] {40}, x),
                npy("kernel", new int[] {5}, h), json("options", "{\"mode\":\"same\",\"boundary\":\"reflect\"}"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(got).isEqualTo(expected);
    }

    @Test
    void anImageAsNpyWithAJsonKernelPartGivesTheSameResultAsJson() throws Exception {
        Random rnd = new Random(2);
        double[] x = random(rnd, 12 * 9, true);
        String kernel = "[[1,2],[3,4],[5,6]]";
        String expected = jsonBody("/api/v1/images/convolve", "{\"image\":" + rows(x, 12, 9) + ",\"kernel\":" + kernel
                + ",\"stride\":[2,1]}");
        String got = send("/api/v1/images/convolve", MediaType.APPLICATION_JSON, npy("image", new int[] {12, 9}, x),
                json("kernel", kernel), json("options", "{\"stride\":[2,1]}")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(got).isEqualTo(expected);
    }

    @Test
    void aVolumeAsNpyGivesTheSameResultAsJsonAndAnswersInNpy() throws Exception {
        Random rnd = new Random(3);
        double[] x = random(rnd, 4 * 5 * 6, true);
        double[] h = random(rnd, 2 * 2 * 3, true);
        JsonNode viaJson = JSON.readTree(jsonBody("/api/v1/arrays/convolve", "{\"input\":" + JSON.writeValueAsString(nested(x, 4, 5, 6))
                + ",\"kernel\":" + JSON.writeValueAsString(nested(h, 2, 2, 3)) + ",\"mode\":\"valid\"}"));
        byte[] answer = send("/api/v1/arrays/convolve", NPY, npy("input", new int[] {4, 5, 6}, x), npy("kernel", new int[] {2, 2, 3}, h),
                json("options", "{\"mode\":\"valid\"}")).andExpect(status().isOk())
                .andExpect(content().contentType(NPY))
                .andExpect(header().string("Convolution-Method", viaJson.get("method").asString()))
                .andExpect(header().string("Convolution-Shape", "3,4,4"))
                .andExpect(header().string("Convolution-Mode", "valid"))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(Npy.dtypeFor(Npy.read("answer", answer, 1000).values())).as("integers come back as <i8").isEqualTo("<i8");
        NpyArray y = Npy.read("answer", answer, 1000);
        assertThat(y.shape()).containsExactly(3, 4, 4);
        assertThat(y.values()).containsExactly(flat(viaJson.get("output")));
    }

    @Test
    void withoutAnAcceptHeaderOrWithAnyTheAnswerIsJson() throws Exception {
        for (String accept : new String[] {null, "*/*"}) {
            var b = post("/api/v1/signals/convolve").contentType(MediaType.APPLICATION_JSON).content("{\"signal\":[1,2,3],\"kernel\":[1,-1]}");
            if (accept != null) {
                b.header("Accept", accept);
            }
            mvc.perform(b).andExpect(status().isOk()).andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                    .andExpect(jsonPath("$.output[0]").value(1));
        }
    }

    @Test
    void aTraceInNpyIs406() throws Exception {
        assertProblem(mvc.perform(post("/api/v1/signals/convolve").contentType(MediaType.APPLICATION_JSON).accept(NPY)
                .content("{\"signal\":[1,2,3],\"kernel\":[1,-1],\"trace\":{\"all\":true}}")), 406, "Accept");
    }

    @Test
    void aLayerTakesNpyPartsAndAnswersItsOutputOrOneGradientInNpy() throws Exception {
        Random rnd = new Random(4);
        double[] x = random(rnd, 2 * 3 * 7, false);
        double[] w = random(rnd, 4 * 3 * 3, false);
        double[] b = random(rnd, 4, false);
        String body = "{\"input\":" + JSON.writeValueAsString(nested(x, 2, 3, 7)) + ",\"weight\":" + JSON.writeValueAsString(nested(w, 4, 3, 3))
                + ",\"bias\":" + JSON.writeValueAsString(b) + ",\"padding\":1}";
        JsonNode viaJson = JSON.readTree(jsonBody("/api/v1/layers/conv1d", body));
        byte[] answer = send("/api/v1/layers/conv1d", NPY, npy("input", new int[] {2, 3, 7}, x), npy("weight", new int[] {4, 3, 3}, w),
                npy("bias", new int[] {4}, b), json("options", "{\"padding\":1}")).andExpect(status().isOk())
                .andExpect(header().string("Convolution-Array", "output")).andReturn().getResponse().getContentAsByteArray();
        NpyArray y = Npy.read("answer", answer, 1000);
        assertThat(y.shape()).containsExactly(2, 4, 7);
        assertThat(y.values()).containsExactly(flat(viaJson.get("output")));
        double[] gy = random(rnd, 2 * 4 * 7, false);
        String backward = body.substring(0, body.length() - 1) + ",\"gradOutput\":" + JSON.writeValueAsString(nested(gy, 2, 4, 7)) + "}";
        JsonNode grads = JSON.readTree(jsonBody("/api/v1/layers/conv1d/backward", backward));
        byte[] gw = send("/api/v1/layers/conv1d/backward", NPY, npy("input", new int[] {2, 3, 7}, x), npy("weight", new int[] {4, 3, 3}, w),
                npy("bias", new int[] {4}, b), npy("gradOutput", new int[] {2, 4, 7}, gy),
                json("options", "{\"padding\":1,\"wrt\":[\"weight\"]}")).andExpect(status().isOk())
                .andExpect(header().string("Convolution-Array", "gradWeight")).andReturn().getResponse().getContentAsByteArray();
        assertThat(Npy.read("answer", gw, 1000).values()).containsExactly(flat(grads.get("gradWeight")));
        assertProblem(send("/api/v1/layers/conv1d/backward", NPY, npy("input", new int[] {2, 3, 7}, x), npy("weight", new int[] {4, 3, 3}, w),
                npy("gradOutput", new int[] {2, 4, 7}, gy), json("options", "{\"padding\":1}")), 406, "Accept");
    }

    @Test
    void malformedPartsAre400sNamingThePart() throws Exception {
        byte[] good = Npy.write(new int[] {3}, new double[] {1, 2, 3});
        byte[] truncated = Arrays.copyOf(good, good.length - 4);
        assertProblem(send("/api/v1/signals/convolve", MediaType.APPLICATION_JSON,
                new MockMultipartFile("signal", "x.npy", Npy.MEDIA_TYPE, truncated), json("kernel", "[1]")), 400, "signal");
        assertProblem(send("/api/v1/signals/convolve", MediaType.APPLICATION_JSON,
                new MockMultipartFile("signal", "x.npy", Npy.MEDIA_TYPE, "not numpy".getBytes(StandardCharsets.UTF_8)),
                json("kernel", "[1]")), 400, "signal");
        assertProblem(send("/api/v1/signals/convolve", MediaType.APPLICATION_JSON, npy("signal", new int[] {3}, new double[] {1, 2, 3}),
                json("kernel", "[1]"), json("weights", "[1]")), 400, "weights");
        assertProblem(send("/api/v1/signals/convolve", MediaType.APPLICATION_JSON, npy("signal", new int[] {3}, new double[] {1, 2, 3}),
                json("kernel", "[1]"), json("options", "{\"kernel\":[2]}")), 400, "kernel");
        assertProblem(send("/api/v1/signals/convolve", MediaType.APPLICATION_JSON, npy("signal", new int[] {3}, new double[] {1, 2, 3}),
                json("kernel", "[1]"), json("options", "[1]")), 400, "options");
        assertProblem(send("/api/v1/images/convolve", MediaType.APPLICATION_JSON, npy("image", new int[] {3}, new double[] {1, 2, 3}),
                json("kernel", "[[1]]")), 400, "image");
        assertProblem(send("/api/v1/signals/convolve", MediaType.APPLICATION_JSON, npy("signal", new int[] {3}, new double[] {1, 2, 3}),
                json("kernel", "[1, \"a\"]")), 400, "kernel[1]");
    }

    @Test
    void aBodyDeclaredMultipartThatIsNotIsA400NamingTheBody() throws Exception {
        assertProblem(mvc.perform(post("/api/v1/signals/convolve").contentType("multipart/form-data").content("--x\r\n")), 400, "body");
        assertProblem(mvc.perform(post("/api/v1/signals/convolve").contentType("multipart/form-data; boundary=abc")
                .content("--abc\r\nContent-Disposition: form-data; name=\"signal\"\r\n\r\n[1,2]")), 400, "body");
    }

    @Test
    void anArrayOverTheElementLimitIsRefusedFromItsHeaderWith413() throws Exception {
        byte[] header = Npy.write(new int[] {1}, new double[] {0});
        String text = new String(header, StandardCharsets.ISO_8859_1).replace("(1,)", "(200000,)");
        assertProblem(send("/api/v1/signals/convolve", MediaType.APPLICATION_JSON,
                new MockMultipartFile("signal", "x.npy", Npy.MEDIA_TYPE, text.getBytes(StandardCharsets.ISO_8859_1)), json("kernel", "[1]")),
                413, "signal");
    }

    @Test
    void aGreyPngIsFilteredAsItsNumbersAre() throws Exception {
        Random rnd = new Random(5);
        double[] pixels = new double[10 * 8];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = rnd.nextInt(256);
        }
        byte[] png = Png.write(8, 10, 8, new double[][] {pixels});
        String expected = jsonBody("/api/v1/images/correlate", "{\"image\":" + rows(pixels, 10, 8) + ",\"kernel\":[[1,0],[0,-1]]}");
        String got = send("/api/v1/images/correlate", MediaType.APPLICATION_JSON, new MockMultipartFile("image", "x.png", "image/png", png),
                json("kernel", "[[1,0],[0,-1]]")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(got).isEqualTo(expected);
    }

    @Test
    void aColourPngIsFilteredChannelByChannelWithAlphaPassedThrough() throws Exception {
        Random rnd = new Random(6);
        int w = 9;
        int h = 7;
        double[][] planes = new double[4][w * h];
        for (double[] p : planes) {
            for (int i = 0; i < p.length; i++) {
                p[i] = rnd.nextInt(256);
            }
        }
        byte[] png = Png.write(w, h, 8, planes);
        byte[] answer = send("/api/v1/images/convolve", MediaType.IMAGE_PNG, new MockMultipartFile("image", "x.png", "image/png", png),
                json("kernel", "{\"name\":\"box\",\"size\":3}"), json("options", "{\"mode\":\"same\",\"boundary\":\"replicate\"}"))
                .andExpect(status().isOk()).andExpect(content().contentType(MediaType.IMAGE_PNG))
                .andExpect(header().string("Convolution-Kernel-Name", "box")).andExpect(header().string("Convolution-Png-Scale", "clip"))
                .andReturn().getResponse().getContentAsByteArray();
        Picture out = Png.read("answer", answer, 1000);
        assertThat(out.colours()).isEqualTo(3);
        assertThat(out.alpha()).isTrue();
        assertThat(out.planes()[3]).as("alpha passed through").containsExactly(planes[3]);
        for (int c = 0; c < 3; c++) {
            JsonNode viaJson = JSON.readTree(jsonBody("/api/v1/images/convolve", "{\"image\":" + rows(planes[c], h, w)
                    + ",\"kernel\":{\"name\":\"box\",\"size\":3},\"mode\":\"same\",\"boundary\":\"replicate\"}"));
            assertThat(out.planes()[c]).as("channel %d", c).containsExactly(Png.scale(flat(viaJson.get("output")), 8, Png.Scale.CLIP));
        }
        assertProblem(send("/api/v1/images/convolve", MediaType.APPLICATION_JSON, new MockMultipartFile("image", "x.png", "image/png", png),
                json("kernel", "[[1]]")), 406, "Accept");
        assertProblem(send("/api/v1/images/convolve", MediaType.IMAGE_PNG, new MockMultipartFile("image", "x.png", "image/png", png),
                json("kernel", "[[1]]"), json("options", "{\"mode\":\"valid\"}")), 400, "image");
    }

    @Test
    void aSixteenBitPngIsAnsweredInSixteenBitsAndAnOversizedOneIs413() throws Exception {
        Random rnd = new Random(8);
        double[] pixels = new double[6 * 5];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = rnd.nextInt(65536);
        }
        byte[] png = Png.write(5, 6, 16, new double[][] {pixels});
        byte[] answer = send("/api/v1/images/convolve", MediaType.IMAGE_PNG, new MockMultipartFile("image", "x.png", "image/png", png),
                json("kernel", "[[0.5, 0.5]]"), json("options", "{\"mode\":\"same\",\"png\":{\"scale\":\"normalize\"}}"))
                .andExpect(status().isOk()).andExpect(header().string("Convolution-Png-Bit-Depth", "16")).andReturn().getResponse()
                .getContentAsByteArray();
        Picture out = Png.read("answer", answer, 1000);
        assertThat(out.bitDepth()).isEqualTo(16);
        JsonNode viaJson = JSON.readTree(jsonBody("/api/v1/images/convolve", "{\"image\":" + rows(pixels, 6, 5)
                + ",\"kernel\":[[0.5, 0.5]],\"mode\":\"same\"}"));
        assertThat(out.planes()[0]).containsExactly(Png.scale(flat(viaJson.get("output")), 16, Png.Scale.NORMALIZE));
        byte[] big = Png.write(400, 300, 8, new double[][] {new double[400 * 300]});
        assertProblem(send("/api/v1/images/convolve", MediaType.IMAGE_PNG, new MockMultipartFile("image", "x.png", "image/png", big),
                json("kernel", "[[1]]")), 413, "image");
    }

    @Test
    void aPngKernelOrACorruptPngIsA400() throws Exception {
        byte[] png = Png.write(2, 2, 8, new double[][] {{1, 2, 3, 4}});
        assertProblem(send("/api/v1/images/convolve", MediaType.APPLICATION_JSON, json("image", "[[1,2],[3,4]]"),
                new MockMultipartFile("kernel", "k.png", "image/png", png)), 400, "kernel");
        assertProblem(send("/api/v1/images/convolve", MediaType.APPLICATION_JSON,
                new MockMultipartFile("image", "x.png", "image/png", Arrays.copyOf(png, 20)), json("kernel", "[[1]]")), 400, "image");
    }

    @Test
    void aNamedKernelIsReportedWithItsValuesAndProperties() throws Exception {
        String body = "{\"image\":[[1,2,3],[4,5,6],[7,8,9]],\"kernel\":{\"name\":\"gaussian\",\"size\":3},\"mode\":\"same\"}";
        JsonNode conv = JSON.readTree(jsonBody("/api/v1/images/convolve", body));
        JsonNode corr = JSON.readTree(jsonBody("/api/v1/images/correlate", body));
        assertThat(conv.get("kernel").get("name").asString()).isEqualTo("gaussian");
        assertThat(conv.get("kernel").get("symmetric").asBoolean()).isTrue();
        assertThat(conv.get("kernel").get("separable").asBoolean()).isTrue();
        assertThat(conv.get("kernel").get("values").get(1).get(1).asDouble()).isEqualTo(0.25);
        assertThat(conv.get("output")).as("a symmetric kernel: convolution equals correlation").isEqualTo(corr.get("output"));
        JsonNode sobel = JSON.readTree(jsonBody("/api/v1/images/convolve",
                "{\"image\":[[1,2,3],[4,5,6],[7,8,9]],\"kernel\":{\"name\":\"sobel\",\"axis\":\"x\"},\"mode\":\"same\"}"));
        assertThat(sobel.get("kernel").get("symmetric").asBoolean()).isFalse();
        assertProblem(mvc.perform(post("/api/v1/images/convolve").contentType(MediaType.APPLICATION_JSON)
                .content("{\"image\":[[1]],\"kernel\":{\"name\":\"gaussian\",\"size\":4}}")), 400, "kernel.size");
        assertProblem(mvc.perform(post("/api/v1/signals/convolve").contentType(MediaType.APPLICATION_JSON)
                .content("{\"signal\":[1],\"kernel\":{\"name\":\"emboss\"}}")), 400, "kernel.name");
        mvc.perform(post("/api/v1/signals/convolve").contentType(MediaType.APPLICATION_JSON).content("{\"signal\":[1,2],\"kernel\":[1]}"))
                .andExpect(jsonPath("$.kernel").doesNotExist());
    }

    @Test
    void aNamedKernelTakesTheInputsRankAndGivesWhatItsValuesGive() throws Exception {
        Random rnd = new Random(7);
        String input = JSON.writeValueAsString(nested(random(rnd, 4 * 5 * 6, true), 4, 5, 6));
        JsonNode named = JSON.readTree(jsonBody("/api/v1/arrays/convolve", "{\"input\":" + input
                + ",\"kernel\":{\"name\":\"gaussian\",\"size\":3},\"mode\":\"same\"}"));
        assertThat(named.get("kernel").get("values").size()).isEqualTo(3);
        assertThat(named.get("kernel").get("values").get(0).get(0).size()).as("3×3×3 for a volume").isEqualTo(3);
        JsonNode explicit = JSON.readTree(jsonBody("/api/v1/arrays/convolve", "{\"input\":" + input + ",\"kernel\":"
                + named.get("kernel").get("values") + ",\"mode\":\"same\"}"));
        assertThat(named.get("output")).isEqualTo(explicit.get("output"));
        JsonNode sobel = JSON.readTree(jsonBody("/api/v1/signals/correlate", "{\"signal\":[1,4,9,16],\"kernel\":{\"name\":\"sobel\"}}"));
        assertThat(sobel.get("kernel").get("values").toString()).as("1D: the derivative vector").isEqualTo("[-1,0,1]");
        assertThat(sobel.get("kernel").get("separable").asBoolean()).isFalse();
        assertProblem(mvc.perform(post("/api/v1/signals/convolve").contentType(MediaType.APPLICATION_JSON)
                .content("{\"signal\":[1],\"kernel\":{\"name\":\"laplacian\"}}")), 400, "kernel.name");
        assertProblem(mvc.perform(post("/api/v1/images/convolve").contentType(MediaType.APPLICATION_JSON)
                .content("{\"image\":[[1]],\"kernel\":{\"name\":\"box\",\"colour\":1}}")), 400, "kernel.colour");
    }

    @Test
    void theCatalogueListsEveryNamedKernel() throws Exception {
        JsonNode list = JSON.readTree(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/v1/kernels"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(list.valueStream().map(k -> k.get("name").asString()))
                .containsExactlyInAnyOrder("box", "gaussian", "sobel", "scharr", "prewitt", "laplacian", "log", "sharpen", "emboss");
    }

    private static Object nested(double[] v, int... shape) {
        return nested(v, shape, 0, 0);
    }

    private static Object nested(double[] v, int[] shape, int depth, int offset) {
        if (depth == shape.length - 1) {
            return Arrays.copyOfRange(v, offset, offset + shape[depth]);
        }
        int stride = 1;
        for (int a = depth + 1; a < shape.length; a++) {
            stride *= shape[a];
        }
        Object[] out = new Object[shape[depth]];
        for (int i = 0; i < out.length; i++) {
            out[i] = nested(v, shape, depth + 1, offset + i * stride);
        }
        return out;
    }
}
