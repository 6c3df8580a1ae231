package dev.convolution;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** What the web tests share: a JSON post, and what every problem response must be. */
public final class WebTests {
    private WebTests() {
    }

    /** {@code body} posted to {@code path} as JSON. */
    public static ResultActions postJson(MockMvc mvc, String path, String body) throws Exception {
        return mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    /** A problem response: the media type, the status, our own fields, and nothing from Java; the field blamed first, if given. */
    public static void assertProblem(ResultActions r, int status, String field) throws Exception {
        r.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.type").value(containsString("urn:convolution:problem:")))
                .andExpect(jsonPath("$.title").isString())
                .andExpect(jsonPath("$.detail").isString())
                .andExpect(jsonPath("$.errors").isArray())
                .andExpect(content().string(not(containsString("Exception"))))
                .andExpect(content().string(not(containsString("tools.jackson"))))
                .andExpect(content().string(not(containsString("java."))))
                .andExpect(content().string(not(containsString("\tat "))));
        if (field != null) {
            r.andExpect(jsonPath("$.errors[0].field").value(field));
        }
    }

    /** The numbers of a nested JSON array, row-major. */
    public static double[] flat(tools.jackson.databind.JsonNode nested) {
        java.util.List<Double> out = new java.util.ArrayList<>();
        collect(nested, out);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void collect(tools.jackson.databind.JsonNode node, java.util.List<Double> out) {
        if (node.isArray()) {
            node.forEach(n -> collect(n, out));
        } else {
            out.add(node.asDouble());
        }
    }

    /** A multipart/form-data body of these parts, each with its name, file name and content type, between boundary lines. */
    public static byte[] multipart(String boundary, MockMultipartFile... parts) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (MockMultipartFile p : parts) {
            String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + p.getName() + "\""
                    + (p.getOriginalFilename() == null || p.getOriginalFilename().isEmpty() ? "" : "; filename=\"" + p.getOriginalFilename() + "\"")
                    + "\r\n" + (p.getContentType() == null ? "" : "Content-Type: " + p.getContentType() + "\r\n") + "\r\n";
            out.write(head.getBytes(StandardCharsets.UTF_8));
            out.write(p.getBytes());
            out.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
