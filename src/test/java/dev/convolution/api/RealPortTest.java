package dev.convolution.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Through a real port: the servlet container, the body filter and the probes, as a client sees them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "convolution.limits.max-body-bytes=4096")
class RealPortTest {
    @LocalServerPort
    int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void seedExampleRoundTripsOverHttp() throws Exception {
        HttpResponse<String> r = post("/api/v1/signals/convolve", "{\"signal\":[2,1,3,5,4],\"kernel\":[1,-1],\"mode\":\"valid\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(r.body()).contains("\"output\":[-1,2,2,-1]");
    }

    @Test
    void oversizedBodyIsRefusedBeforeParsingWith413ProblemDetails() throws Exception {
        HttpResponse<String> r = post("/api/v1/signals/convolve", "{\"signal\":[" + "1,".repeat(3000) + "1],\"kernel\":[1]}");
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(r.body()).contains("4096 bytes").contains("\"field\":\"body\"").doesNotContain("Exception");
    }

    @Test
    void containerLevelErrorsAreProblemDetailsToo() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/error")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("trace");
    }

    @Test
    void probesAreUp() throws Exception {
        for (String p : new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + p)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(p).isEqualTo(200);
            assertThat(r.body()).as(p).contains("\"status\":\"UP\"");
        }
    }
}
