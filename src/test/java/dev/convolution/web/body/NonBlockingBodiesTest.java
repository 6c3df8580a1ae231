package dev.convolution.web.body;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convolution.service.MemoryAdmission;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Bodies read with non-blocking input (the way on platform threads, Java 17), through a real port with a
 * container of four request threads: slow bodies hold no thread, bodies in pieces or chunks are read whole
 * and held to the limits, and what an admitted body holds (its memory reservation, the large-body permit)
 * is given back when its request completes, however it ends.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "convolution.limits.body-reads=non-blocking", "server.tomcat.threads.max=4", "server.tomcat.threads.min-spare=1",
    "spring.threads.virtual.enabled=false", "convolution.limits.max-body-bytes=300000", "convolution.limits.body-timeout=3s",
    "convolution.concurrency.max-computations=1"})
class NonBlockingBodiesTest {
    private static final String SEED = "{\"signal\":[2,1,3,5,4],\"kernel\":[1,-1],\"mode\":\"valid\"}";
    private static final String HEAD = "POST /api/v1/signals/convolve HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n";

    @LocalServerPort
    int port;
    @Autowired
    MemoryAdmission memory;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> post(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/signals/convolve"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void tenTimesMoreSlowBodiesThanRequestThreadsDoNotKeepOthersWaiting() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                Socket s = new Socket("localhost", port);
                s.getOutputStream().write((HEAD + "Content-Length: 1000\r\n\r\n{\"signal\": [1,").getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                slow.add(s);
            }
            Thread.sleep(300); // every one of them has reached the service and is waiting for the rest of its body
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> r = post(SEED);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).contains("\"output\":[-1,2,2,-1]");
            }
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
        awaitNothingReserved();
    }

    @Test
    void aBodyArrivingInManyPiecesIsReadWhole() throws Exception {
        String response = exchange(HEAD + "Connection: close\r\nContent-Length: " + SEED.length() + "\r\n\r\n", pieces(SEED, 5), 20);
        assertThat(response).startsWith("HTTP/1.1 200").contains("\"output\":[-1,2,2,-1]");
        awaitNothingReserved();
    }

    @Test
    void aChunkedBodyIsReadWholeAndHeldToTheByteLimit() throws Exception {
        List<String> chunks = pieces(SEED, 7).stream().map(p -> Integer.toHexString(p.length()) + "\r\n" + p + "\r\n")
                .collect(Collectors.toList());
        chunks.add("0\r\n\r\n");
        String ok = exchange(HEAD + "Connection: close\r\nTransfer-Encoding: chunked\r\n\r\n", chunks, 5);
        assertThat(ok).startsWith("HTTP/1.1 200").contains("\"output\":[-1,2,2,-1]");

        String big = "{\"signal\":[" + "1,".repeat(160_000) + "1],\"kernel\":[1]}";
        List<String> bigChunks = pieces(big, 64 * 1024).stream().map(p -> Integer.toHexString(p.length()) + "\r\n" + p + "\r\n")
                .collect(Collectors.toList());
        bigChunks.add("0\r\n\r\n");
        String refused = exchange(HEAD + "Transfer-Encoding: chunked\r\n\r\n", bigChunks, 0);
        assertThat(refused).startsWith("HTTP/1.1 413").contains("300000 bytes").contains("\"field\":\"body\"");
        awaitNothingReserved();
    }

    @Test
    void aBodyTooSlowGets408AndGivesBackItsReservation() throws Exception {
        try (Socket s = new Socket("localhost", port)) {
            s.setSoTimeout(8_000);
            s.getOutputStream().write((HEAD + "Content-Length: 100\r\n\r\n{\"signal\": [").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 408").contains("urn:convolution:problem:body-timeout").contains("3000 ms");
        }
        awaitNothingReserved();
    }

    @Test
    void aClientLeavingMidBodyGivesBackItsLargeBodyPermitAndReservation() throws Exception {
        String large = "{\"signal\":[" + "1,".repeat(40_000) + "1],\"kernel\":[1,-1],\"mode\":\"valid\"}"; // over 64 KiB: not light
        try (Socket s = new Socket("localhost", port)) {
            s.getOutputStream().write((HEAD + "Content-Length: " + large.length() + "\r\n\r\n" + large.substring(0, 1000))
                    .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            Thread.sleep(300);
        }
        awaitNothingReserved();
        // the one large-body permit (max-computations=1) is free again: a large body is admitted and computed
        HttpResponse<String> r = post(large);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body().contains("\"output\":[0,0,") && r.body().contains("\"shape\":[40000]")).as("the large result").isTrue();
        HttpResponse<String> again = post(large);
        assertThat(again.statusCode()).isEqualTo(200);
        awaitNothingReserved();
    }

    private static List<String> pieces(String s, int size) {
        return IntStream.range(0, (s.length() + size - 1) / size).mapToObj(i -> s.substring(i * size, Math.min(s.length(), (i + 1) * size)))
                .collect(Collectors.toList());
    }

    /** Sends the head, then each piece with a pause between them, and reads the whole answer (the server closes). */
    private String exchange(String head, List<String> pieces, long pauseMillis) throws Exception {
        try (Socket s = new Socket("localhost", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            try {
                for (String p : pieces) {
                    Thread.sleep(pauseMillis);
                    out.write(p.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (java.io.IOException closedEarly) {
                // a refused body: the service answered and closed before all of it was sent
            }
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The memory reservations of finished requests are given back (completion runs just after the response is sent). */
    private void awaitNothingReserved() throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (memory.used() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(memory.used()).as("heap still reserved by finished requests").isZero();
    }
}
