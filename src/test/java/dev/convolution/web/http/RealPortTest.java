package dev.convolution.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convolution.WebTests;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Through a real port: the servlet container, the body filter and the probes, as a client sees them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"convolution.limits.max-body-bytes=4096", "convolution.limits.body-timeout=1s"})
class RealPortTest {
    @LocalServerPort
    int port;
    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.boot.web.server.context.WebServerApplicationContext context;
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theConnectorQueuesABurstOfNewConnectionsRatherThanDroppingThem() {
        org.apache.catalina.connector.Connector connector =
                ((org.springframework.boot.tomcat.TomcatWebServer) context.getWebServer()).getTomcat().getConnector();
        assertThat(connector.getLocalPort()).isEqualTo(port);
        assertThat(connector.getProperty("acceptCount")).as("the listen backlog").isEqualTo(1024);
        assertThat(connector.getProperty("maxConnections")).isEqualTo(8192);
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

    private HttpResponse<byte[]> multipart(String path, String accept, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "multipart/form-data; boundary=real-port").header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void npyPartsInAndAnNpyAnswerOutOverHttp() throws Exception {
        byte[] body = WebTests.multipart("real-port",
                new org.springframework.mock.web.MockMultipartFile("signal", "x.npy", "application/x-npy",
                        dev.convolution.codec.Npy.write(new int[] {5}, new double[] {2, 1, 3, 5, 4})),
                new org.springframework.mock.web.MockMultipartFile("kernel", null, "application/json", "[1, -1]".getBytes()),
                new org.springframework.mock.web.MockMultipartFile("options", null, "application/json", "{\"mode\":\"valid\"}".getBytes()));
        HttpResponse<byte[]> r = multipart("/api/v1/signals/convolve", "application/x-npy", body);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/x-npy");
        assertThat(r.headers().firstValue("Convolution-Shape")).hasValue("4");
        assertThat(dev.convolution.codec.Npy.read("answer", r.body(), 10).values()).containsExactly(-1, 2, 2, -1);
    }

    @Test
    void aMultipartBodyOverTheByteLimitIsRefusedWith413() throws Exception {
        byte[] body = WebTests.multipart("real-port",
                new org.springframework.mock.web.MockMultipartFile("signal", "x.npy", "application/x-npy",
                        dev.convolution.codec.Npy.write(new int[] {1000}, new double[1000])),
                new org.springframework.mock.web.MockMultipartFile("kernel", null, "application/json", "[1]".getBytes()));
        HttpResponse<byte[]> r = multipart("/api/v1/signals/convolve", "application/json", body);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("4096 bytes").contains("\"field\":\"body\"");
    }

    @Test
    void askingForTheErrorPageItselfIsA404LikeAnyOtherPath() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/error")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(r.body()).contains("urn:convolution:problem:not-found").doesNotContain("Exception").doesNotContain("trace");
    }

    /** Requests the servlet container refuses before any filter runs: problem details with a request id, not Tomcat's HTML. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "GET /api/%00 HTTP/1.1\r\nHost: t\r\n\r\n",
        "GET /%2e%2e/etc/passwd HTTP/1.1\r\nHost: t\r\n\r\n",
        "POST /api/v1/signals/convolve HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: -5\r\n\r\n",
        "POST /api/v1/signals/convolve HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
        "GET /api/v1/signals/convolve HTTP/1.1\r\nHost: t\r\nX-Big: BIG\r\n\r\n",
    })
    void containerLevelRefusalsAreProblemDetails(String request) throws Exception {
        String response = raw(request.replace("BIG", "a".repeat(100_000)));
        assertThat(response).startsWith("HTTP/1.1 400");
        String head = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase(java.util.Locale.ROOT);
        assertThat(head).contains("content-type: application/problem+json").contains("x-request-id: ")
                .contains("x-content-type-options: nosniff");
        assertThat(response).contains("\"status\":400").contains("urn:convolution:problem:http-400").contains("\"requestId\":")
                .doesNotContain("<html").doesNotContain("Tomcat").doesNotContain("Exception");
    }

    @Test
    void aBrokenMultipartBodyIsA400NotAFailureOfTheService() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/signals/convolve"))
                .header("Content-Type", "multipart/form-data").POST(HttpRequest.BodyPublishers.ofString("{\"signal\":[1],\"kernel\":[1]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(r.body()).contains("multipart/form-data").contains("\"field\":\"body\"").doesNotContain("Exception");
    }

    @Test
    void aBodyRefusedFromItsHeadersIsRefusedBeforeTheClientSendsIt() throws Exception {
        String response = raw("POST /api/v1/signals/convolve HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                + "Expect: 100-continue\r\nContent-Length: 90000000\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 413").doesNotContain("100 Continue").contains("4096 bytes");
    }

    @Test
    void aBodyTheServiceReadsGets100ContinueFirst() throws Exception {
        String body = "{\"signal\":[2,1,3,5,4],\"kernel\":[1,-1],\"mode\":\"valid\"}";
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/signals/convolve HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nConnection: close\r\n"
                    + "Expect: 100-continue\r\nContent-Length: " + body.length() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder interim = new StringBuilder();
            while (interim.indexOf("\r\n\r\n") < 0) {
                int b = in.read();
                assertThat(b).as("the interim response ends with an empty line").isNotNegative();
                interim.append((char) b);
            }
            assertThat(interim.toString()).startsWith("HTTP/1.1 100");
            out.write(body.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("HTTP/1.1 200").contains("\"output\":[-1,2,2,-1]");
        }
    }

    @Test
    void aBodyTrickledPastTheBodyTimeoutGets408AndTheConnectionCloses() throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(200);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/signals/convolve HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n{\"signal\": [").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long start = System.nanoTime();
            InputStream in = socket.getInputStream();
            java.io.ByteArrayOutputStream response = new java.io.ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            boolean closed = false;
            // two bytes every 200 ms, as a slow client would, until the service closes the connection (at most 8 s)
            while (!closed && System.nanoTime() - start < 8_000_000_000L) {
                try {
                    int n = in.read(buf);
                    if (n < 0) {
                        closed = true;
                    } else {
                        response.write(buf, 0, n);
                    }
                } catch (java.net.SocketTimeoutException nothingYet) {
                    try {
                        out.write("1,".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    } catch (IOException refused) {
                        closed = true;
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(closed).as("the service closed the connection").isTrue();
            assertThat(seconds).isBetween(0.9, 5.0);
            assertThat(response.toString(StandardCharsets.UTF_8)).startsWith("HTTP/1.1 408")
                    .contains("urn:convolution:problem:body-timeout").contains("\"field\":\"body\"").contains("1000 ms");
        }
    }

    /** Sends bytes as they are (no client library would send these) and reads the whole answer; the server closes after a 4xx. */
    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
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
