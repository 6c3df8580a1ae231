package dev.convolution.api.convolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.convolution.MockMvcBodies;
import dev.convolution.WebTests;
import dev.convolution.codec.Picture;
import dev.convolution.codec.Png;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
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

/**
 * The seed's 7×7 example and the photograph-like test picture, each filtered by every named kernel through the PNG path
 * (a PNG part, a named kernel, Accept: image/png), against OpenCV's cv2.filter2D of the same picture scaled by the same
 * rule ({@code png/filtered/}, from {@code scripts/generate_filtered_pictures.py}). Pixels may differ by one where a
 * sum lands within rounding of a half (the two add in different orders); nearly all are equal.
 */
@SpringBootTest(properties = MockMvcBodies.BLOCKING)
@AutoConfigureMockMvc
class FilteredPicturesWebTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    static Stream<JsonNode> cases() throws Exception {
        try (InputStream in = FilteredPicturesWebTest.class.getResourceAsStream("/png/filtered/manifest.json")) {
            List<JsonNode> out = new ArrayList<>();
            JSON.readTree(in).forEach(out::add);
            return out.stream();
        }
    }

    private static byte[] resource(String path) throws Exception {
        try (InputStream in = FilteredPicturesWebTest.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theServiceFiltersThePictureAsOpenCvDoes(JsonNode c) throws Exception {
        byte[] source = resource("/png/" + c.get("source").asString());
        String boundary = "picture-boundary";
        byte[] body = WebTests.multipart(boundary, new MockMultipartFile("image", "source.png", "image/png", source),
                new MockMultipartFile("kernel", null, "application/json", c.get("kernel").toString().getBytes(StandardCharsets.UTF_8)),
                new MockMultipartFile("options", null, "application/json", c.get("options").toString().getBytes(StandardCharsets.UTF_8)));
        byte[] answer = mvc.perform(post("/api/v1/images/correlate").contentType("multipart/form-data; boundary=" + boundary).content(body)
                .accept(MediaType.IMAGE_PNG)).andExpect(status().isOk()).andExpect(content().contentType(MediaType.IMAGE_PNG))
                .andReturn().getResponse().getContentAsByteArray();
        Picture got = Png.read("answer", answer, 1 << 20);
        Picture expected = Png.read("expected", resource("/png/filtered/" + c.get("expected").asString()), 1 << 20);
        assertThat(got.width()).isEqualTo(expected.width());
        assertThat(got.height()).isEqualTo(expected.height());
        assertThat(got.colours()).isEqualTo(expected.colours());
        int values = 0;
        int differ = 0;
        for (int p = 0; p < expected.planes().length; p++) {
            for (int i = 0; i < expected.planes()[p].length; i++) {
                double d = Math.abs(got.planes()[p][i] - expected.planes()[p][i]);
                assertThat(d).as("plane %d pixel %d", p, i).isLessThanOrEqualTo(1);
                differ += d == 0 ? 0 : 1;
                values++;
            }
        }
        assertThat(differ).as("pixels one apart of %d", values).isLessThanOrEqualTo(values / 200);
    }
}
