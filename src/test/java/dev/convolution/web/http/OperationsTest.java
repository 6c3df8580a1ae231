package dev.convolution.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convolution.service.ComputationPermits;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What an operator relies on, through a real port: overload is refused at once with 503 and
 * Retry-After and the service stays healthy; a computation past its time budget is stopped;
 * request ids travel; metrics are exposed and nothing else.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "convolution.concurrency.max-computations=2", "convolution.concurrency.retry-after-seconds=2",
        "convolution.concurrency.time-budget=1500ms"})
class OperationsTest {
    @LocalServerPort
    int port;
    @org.springframework.beans.factory.annotation.Autowired
    ComputationPermits permits;
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpRequest post(String path, String body, String requestId) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (requestId != null) {
            b.header("X-Request-Id", requestId);
        }
        return b.build();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A direct 1D convolution of n samples with k taps: n·k multiply-adds. */
    private static String heavy(int n, int k) {
        StringBuilder s = new StringBuilder("{\"signal\":[");
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "" : ",").append(i % 7);
        }
        s.append("],\"kernel\":[");
        for (int i = 0; i < k; i++) {
            s.append(i == 0 ? "" : ",").append(i % 5 - 2);
        }
        return s.append("],\"mode\":\"valid\",\"method\":\"direct\"}").toString();
    }

    @Test
    void moreHeavyRequestsThanPermitsGet503WithRetryAfterAndTheServiceRecovers() throws Exception {
        String body = heavy(200_000, 2_000);
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            inFlight.add(http.sendAsync(post("/api/v1/signals/convolve", body, null), HttpResponse.BodyHandlers.ofString()));
        }
        int ok = 0;
        int saturated = 0;
        for (CompletableFuture<HttpResponse<String>> f : inFlight) {
            HttpResponse<String> r = f.get();
            if (r.statusCode() == 503) {
                saturated++;
                assertThat(r.headers().firstValue("Retry-After")).hasValue("2");
                assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(r.body()).contains("urn:convolution:problem:saturated");
            } else {
                assertThat(r.statusCode()).as(r.body()).isIn(200, 504);
                ok++;
            }
        }
        assertThat(saturated).as("requests refused while both permits were taken").isPositive();
        assertThat(ok).isPositive();
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        HttpResponse<String> light = http.send(post("/api/v1/signals/convolve", "{\"signal\":[2,1,3,5,4],\"kernel\":[1,-1]}", null),
                HttpResponse.BodyHandlers.ofString());
        assertThat(light.statusCode()).isEqualTo(200);
        assertThat(get("/actuator/prometheus").body()).contains("convolution_rejected_total{").contains("reason=\"saturated\"");
    }

    /**
     * Sends the head of a large JSON POST on {@code s} and reads the answer's head, which comes before any of the body
     * is sent.
     */
    private static String refusedBeforeTheBody(Socket s, int length) throws Exception {
        s.getOutputStream().write(("POST /api/v1/signals/convolve HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            assertThat(c).as("the answer's head, before any of the body is sent").isNotNegative();
            head.append((char) c);
        }
        return head.toString();
    }

    /** A check that talks to the service and may throw. */
    @FunctionalInterface
    private interface Check {
        void run() throws Exception;
    }

    /** Runs {@code check} while every large-body admission is taken, as when that many large bodies are in the service. */
    private void whileLargeBodiesAreFull(Check check) throws Exception {
        int taken = 0;
        while (permits.admitLargeBody()) {
            taken++;
        }
        try {
            check.run();
        } finally {
            for (int i = 0; i < taken; i++) {
                permits.releaseLargeBody();
            }
        }
    }

    @Test
    void aClientStillSendingARefusedBodyReadsThe503ThenSendsTheRestAndSeesAnOrderlyClose() throws Exception {
        whileLargeBodiesAreFull(() -> {
            try (Socket s = new Socket("localhost", port)) {
                s.setSoTimeout(10_000);
                int length = 5 * 16 * 1024;
                String head = refusedBeforeTheBody(s, length);
                assertThat(head).startsWith("HTTP/1.1 503").contains("Retry-After: 2").contains("Connection: close");
                // the whole body after the answer's head, in pieces as a slow network brings them (within the linger
                // time): the service drains it, then closes the connection in order, which ends the answer's body.
                // Closed at once, the socket would be reset by the next piece, and the writes after it fail.
                byte[] piece = "1,".repeat(8 * 1024).getBytes(StandardCharsets.US_ASCII);
                for (int sent = 0; sent < length; sent += piece.length) {
                    s.getOutputStream().write(piece);
                    s.getOutputStream().flush();
                    Thread.sleep(250);
                }
                String body = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(body).startsWith("{").contains("urn:convolution:problem:saturated").endsWith("}");
            }
        });
    }

    @Test
    void aRefusedClientTricklingItsBodyIsClosedAfterTheLingerTime() throws Exception {
        whileLargeBodiesAreFull(() -> {
            try (Socket s = new Socket("localhost", port)) {
                s.setSoTimeout(200);
                assertThat(refusedBeforeTheBody(s, 1 << 20)).startsWith("HTTP/1.1 503");
                long start = System.nanoTime();
                boolean closed = false;
                while (!closed && System.nanoTime() - start < 15_000_000_000L) {
                    try {
                        s.getOutputStream().write("1,".getBytes(StandardCharsets.US_ASCII));
                        s.getOutputStream().flush();
                        closed = s.getInputStream().read() == -1;
                    } catch (SocketTimeoutException stillOpen) {
                        // the service is still draining
                    } catch (IOException reset) {
                        closed = true;
                    }
                }
                long seconds = (System.nanoTime() - start) / 1_000_000_000L;
                assertThat(closed).as("closed while the client still trickles").isTrue();
                assertThat(seconds).as("seconds the refused connection was held").isLessThan(8);
            }
        });
    }

    @Test
    void aFullHeavyLaneGets503WhileLightWorkGoesOn() throws Exception {
        int taken = 0;
        while (permits.tryAcquire(ComputationPermits.Lane.HEAVY)) {
            taken++;
        }
        String heavy = heavy(4_000, 1_000); // 3,001 × 1,000 multiply-adds in a small body: refused after its plan, not before
        try {
            HttpResponse<String> r = http.send(post("/api/v1/signals/convolve", heavy, null), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).hasValue("2");
            assertThat(r.body()).contains("urn:convolution:problem:saturated").contains("heavy");
            HttpResponse<String> light = http.send(post("/api/v1/signals/convolve", "{\"signal\":[2,1,3,5,4],\"kernel\":[1,-1]}", null),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(light.statusCode()).as("light work has its own lane").isEqualTo(200);
        } finally {
            for (int i = 0; i < taken; i++) {
                permits.release(ComputationPermits.Lane.HEAVY);
            }
        }
        assertThat(http.send(post("/api/v1/signals/convolve", heavy, null), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void whileAsManyLargeBodiesAsHeavyPermitsAreInTheServiceAnotherIsRefusedBeforeItIsRead() throws Exception {
        int taken = 0;
        while (permits.admitLargeBody()) {
            taken++;
        }
        assertThat(taken).isEqualTo(2); // max-computations
        try {
            // over 64 KiB and not even JSON: a 400 would mean it was read
            HttpResponse<String> r = http.send(post("/api/v1/signals/convolve", "{\"signal\": [" + "1,".repeat(40_000), null),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).hasValue("2");
            assertThat(r.body()).contains("urn:convolution:problem:saturated").contains("not light work");
            HttpResponse<String> light = http.send(post("/api/v1/signals/convolve", "{\"signal\":[2,1,3,5,4],\"kernel\":[1,-1]}", null),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(light.statusCode()).as("light work has its own lane").isEqualTo(200);
        } finally {
            for (int i = 0; i < taken; i++) {
                permits.releaseLargeBody();
            }
        }
        HttpResponse<String> large = http.send(post("/api/v1/signals/convolve", heavy(40_000, 3), null), HttpResponse.BodyHandlers.ofString());
        assertThat(large.statusCode()).as("admitted again, and its admission returned").isEqualTo(200);
        assertThat(permits.admitLargeBody()).isTrue();
        permits.releaseLargeBody();
    }

    @Test
    void computationsPastTheTimeBudgetAreStoppedWith504() throws Exception {
        HttpResponse<String> r = http.send(post("/api/v1/signals/correlate", heavy(1_000_000, 200_000), null),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(r.body()).contains("urn:convolution:problem:time-budget").contains("1500 ms");
    }

    @Test
    void requestIdsArePassedThroughOrGeneratedAndAppearInProblems() throws Exception {
        HttpResponse<String> given = http.send(post("/api/v1/signals/convolve", "{\"signal\":[1],\"kernel\":[1],\"mode\":\"x\"}",
                "abc-123"), HttpResponse.BodyHandlers.ofString());
        assertThat(given.headers().firstValue("X-Request-Id")).hasValue("abc-123");
        assertThat(given.body()).contains("\"requestId\":\"abc-123\"");
        HttpResponse<String> generated = http.send(post("/api/v1/signals/convolve", "{\"signal\":[1],\"kernel\":[1]}", null),
                HttpResponse.BodyHandlers.ofString());
        assertThat(generated.headers().firstValue("X-Request-Id")).hasValueSatisfying(v -> assertThat(v).hasSize(36));
        HttpResponse<String> unsafe = http.send(post("/api/v1/signals/convolve", "{\"signal\":[1],\"kernel\":[1]}", "a b<script>"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unsafe.headers().firstValue("X-Request-Id")).hasValueSatisfying(v -> assertThat(v).doesNotContain("<"));
    }

    @Test
    void metricsAreExposedWithTheOperationTagsAndNothingElseIs() throws Exception {
        http.send(post("/api/v1/images/correlate", "{\"image\":[[1,2],[3,4]],\"kernel\":[[1]],\"mode\":\"same\"}", null),
                HttpResponse.BodyHandlers.ofString());
        String metrics = get("/actuator/prometheus").body();
        assertThat(metrics).contains("convolution_compute_seconds_count{").contains("dims=\"2d\"")
                .contains("operation=\"cross-correlation\"").contains("method=\"direct\"").contains("mode=\"same\"")
                .contains("convolution_input_elements_bucket{")
                .contains("http_server_requests_seconds_count{")
                // the gauge is scraped (its values follow the permits: ComputationPermitsTest; another test's request may hold one now)
                .containsPattern("convolution_permits_in_use\\{[^}]*lane=\"heavy\"} [0-9]")
                .as("the HTTP observation's long-task timer is not made (application.yml)")
                .doesNotContain("http_server_requests_active");
        http.send(post("/api/v1/layers/conv1d/backward", "{\"input\":[[[1,2,3]]],\"weight\":[[[1,1]]],\"gradOutput\":[[[1,1]]]}", null),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get("/actuator/prometheus").body()).containsPattern("convolution_layer_compute_seconds_count\\{[^}]*dims=\"1d\",pass=\"backward\"} 1")
                .containsPattern("convolution_layer_work_multiply_adds_sum\\{[^}]*dims=\"1d\",pass=\"backward\"} [1-9]");
        assertThat(get("/actuator/info").body()).contains("\"build\"");
        for (String hidden : new String[] {"/actuator/env", "/actuator/beans", "/actuator/heapdump", "/actuator/configprops"}) {
            assertThat(get(hidden).statusCode()).as(hidden).isEqualTo(404);
        }
    }
}
