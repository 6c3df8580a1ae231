package dev.convolution.web.body;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The stream port ({@code convolution.stream.port}) serves the streamed arrays requests only, so a gateway that passes it
 * at the TCP level publishes nothing else of the service (actuator, the rest of the API), while the main port serves all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StreamPortTest {
    private static final int STREAM_PORT = freePort();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void streamPort(DynamicPropertyRegistry registry) {
        registry.add("convolution.stream.port", () -> STREAM_PORT);
    }

    private HttpResponse<String> get(int p, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + p + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> seed(int p, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + p + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"signal\":[2,1,3,5,4],\"kernel\":[1,-1],\"mode\":\"valid\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theStreamPortServesNothingButTheStreamedArraysRequests() throws Exception {
        for (String path : new String[] {"/actuator/health", "/v3/api-docs", "/"}) {
            HttpResponse<String> r = get(STREAM_PORT, path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.body()).contains("serves streamed volumes only");
        }
        assertThat(seed(STREAM_PORT, "/api/v1/signals/convolve").statusCode()).isEqualTo(404);
        // a JSON request to the arrays endpoints is not a streamed one either
        assertThat(seed(STREAM_PORT, "/api/v1/arrays/convolve").statusCode()).isEqualTo(404);
        assertThat(seed(port, "/api/v1/signals/convolve").statusCode()).as("the main port serves all").isEqualTo(200);
        assertThat(get(port, "/actuator/health").statusCode()).isEqualTo(200);
    }

    @Test
    void aStreamedRequestIsAnsweredOnTheStreamPort() throws Exception {
        String b = "B0undary";
        String body = "--" + b + "\r\nContent-Disposition: form-data; name=\"input\"\r\nContent-Type: application/json\r\n\r\n[1, 2, 3]\r\n"
                + "--" + b + "\r\nContent-Disposition: form-data; name=\"kernel\"\r\nContent-Type: application/json\r\n\r\n[1, -1]\r\n"
                + "--" + b + "--\r\n";
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + STREAM_PORT + "/api/v1/arrays/convolve"))
                .header("Content-Type", "multipart/form-data; boundary=" + b).header("Accept", "application/x-npy")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/x-npy");
        assertThat(r.headers().firstValue("Convolution-Shape")).hasValue("4");
    }
}
