package dev.convolution.web.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.convolution.codec.Npy;
import dev.convolution.codec.NpyArray;
import dev.convolution.core.Boundary;
import dev.convolution.core.Convolver;
import dev.convolution.core.Grid;
import dev.convolution.core.Limits;
import dev.convolution.core.Method;
import dev.convolution.core.Mode;
import dev.convolution.core.Operation;
import dev.convolution.core.Plan;
import dev.convolution.core.Shape;
import dev.convolution.core.Spec;
import dev.convolution.service.MemoryAdmission;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Streamed inputs through a real port (chunked bodies, answers read as they come): a C-order .npy input over the element
 * limit, as the last part of a multipart body of unknown length that asks for .npy, is computed as it arrives and equals
 * the whole array's computation; what the contract refuses is refused before anything is written; a failure after the
 * first byte leaves the answer short of its length on a closed connection; the service stays healthy and gives back its
 * memory. Platform threads and non-blocking reads (Java 17's way), which a streamed body must bypass.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "convolution.limits.max-input-elements=1000", "convolution.limits.max-body-bytes=100000",
    "convolution.limits.body-reads=non-blocking", "spring.threads.virtual.enabled=false", "server.tomcat.connection-timeout=2s",
    "convolution.limits.stream-block-bytes=8192"})
class StreamedBodiesTest {
    private static final String B = "StreamBoundary42";
    @LocalServerPort
    int port;
    @Autowired
    MemoryAdmission memory;

    /** A response read to its end: status, headers (lower case), the body bytes that came, and whether they were all. */
    record Answer(int status, Map<String, String> headers, byte[] body, boolean whole) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static byte[] part(String name, String type, byte[] content, boolean first) {
        String head = (first ? "" : "\r\n") + "--" + B + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                + (type.contains("npy") ? "; filename=\"" + name + ".npy\"" : "") + "\r\nContent-Type: " + type + "\r\n\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] body(String options, byte[] kernel, byte[] input, boolean close) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(part("options", "application/json", options.getBytes(StandardCharsets.UTF_8), true));
        out.writeBytes(part("kernel", "application/x-npy", kernel, false));
        out.writeBytes(part("input", "application/x-npy", input, false));
        if (close) {
            out.writeBytes(("\r\n--" + B + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        return out.toByteArray();
    }

    private Answer exchange(String path, byte[] body, int sendBytes, boolean finish) throws Exception {
        return exchange(path, body, sendBytes, finish, "application/x-npy");
    }

    /** Sends the body chunked from another thread (stopping after {@code sendBytes} when ≥ 0) and reads the answer. */
    private Answer exchange(String path, byte[] body, int sendBytes, boolean finish, String accept) throws Exception {
        try (Socket s = new Socket("localhost", port)) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: t\r\nAccept: " + accept + "\r\nContent-Type: multipart/form-data; boundary="
                    + B + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            int end = sendBytes < 0 ? body.length : sendBytes;
            Thread sender = new Thread(() -> {
                try {
                    for (int i = 0; i < end; i += 4096) {
                        int n = Math.min(4096, end - i);
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(body, i, n);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    if (finish) {
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                } catch (IOException e) {
                    // the service stopped reading: its answer says why
                }
            });
            sender.start();
            InputStream in = s.getInputStream();
            String status = line(in);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String l = line(in); !l.isEmpty(); l = line(in)) {
                int colon = l.indexOf(':');
                headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
            }
            long declared = Long.parseLong(headers.getOrDefault("content-length", "-1"));
            byte[] got;
            boolean whole;
            if (declared >= 0) {
                got = in.readNBytes((int) declared);
                whole = got.length == declared;
            } else {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                whole = false;
                for (String size = line(in); !size.isEmpty(); size = line(in)) {
                    int n = Integer.parseInt(size, 16);
                    if (n == 0) {
                        whole = true;
                        break;
                    }
                    b.writeBytes(in.readNBytes(n));
                    line(in);
                }
                got = b.toByteArray();
            }
            sender.join(20_000);
            return new Answer(Integer.parseInt(status.split(" ")[1]), headers, got, whole);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    private static double[] values(Random rnd, int n, boolean integers) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = integers ? rnd.nextInt(19) - 9 : rnd.nextGaussian();
        }
        return v;
    }

    private static byte[] npy(int[] shape, double[] values, dev.convolution.core.type.ElementType type) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(shape, values, type, out);
        return out.toByteArray();
    }

    private void awaitNothingReserved() throws InterruptedException {
        for (int i = 0; i < 100 && memory.used() > 0; i++) {
            Thread.sleep(50);
        }
        assertThat(memory.used()).as("heap reserved once the streams ended").isZero();
    }

    @Test
    void aLargeInputStreamsAndEqualsTheWholeArraysComputation() throws Exception {
        Random rnd = new Random(7);
        int[] dims = {40, 9, 7}; // 2,520 elements: over the limit of 1,000, so it streams
        int[] k = {3, 2, 3};
        double[] x = values(rnd, 40 * 9 * 7, false);
        double[] h = values(rnd, 18, false);
        String[][] cases = {{"same", "reflect", "1", "1"}, {"full", "symmetric", "2,1,1", "1,2,1"}, {"valid", "replicate", "3", "1"},
            {"same", "fill", "1", "2"}};
        for (String[] c : cases) {
            String options = "{\"mode\":\"" + c[0] + "\",\"boundary\":\"" + c[1] + "\",\"fillValue\":0.5,\"stride\":" + json(c[2])
                    + ",\"dilation\":" + json(c[3]) + ",\"method\":\"direct\"}";
            Answer a = exchange("/api/v1/arrays/convolve", body(options, npy(k, h, dev.convolution.core.type.ElementType.FLOAT64),
                    npy(dims, x, dev.convolution.core.type.ElementType.FLOAT64), true), -1, true);
            assertThat(a.status()).as(options).isEqualTo(200);
            assertThat(a.whole()).isTrue();
            assertThat(a.headers()).containsEntry("connection", "close").containsEntry("convolution-dtype", "float64")
                    .containsEntry("convolution-method", "direct").containsEntry("content-type", "application/x-npy");
            Spec spec = Spec.defaults(Operation.CONVOLUTION).withMode(Mode.valueOf(c[0].toUpperCase(Locale.ROOT)))
                    .withBoundary(Boundary.valueOf(c[1].equals("fill") ? "FILL" : c[1].toUpperCase(Locale.ROOT)), 0.5)
                    .withStride(axes(c[2])).withDilation(axes(c[3]));
            Plan plan = Plan.of(spec, Shape.of(dims), Shape.of(k), Limits.NONE);
            double[] expected = new Convolver().compute(plan, Grid.of(x, dims), Grid.of(h, k), Method.DIRECT).output();
            NpyArray got = Npy.read("answer", a.body(), Long.MAX_VALUE);
            assertThat(got.shape()).containsExactly(plan.outputShape());
            assertThat(a.headers()).containsEntry("convolution-shape", String.join(",",
                    java.util.Arrays.stream(plan.outputShape()).mapToObj(String::valueOf).toList()));
            for (int i = 0; i < expected.length; i++) {
                assertThat(got.values()[i]).as("%s at %d", options, i).isCloseTo(expected[i], within(1e-12));
            }
        }
        awaitNothingReserved();
    }

    private static String json(String perAxis) {
        return perAxis.contains(",") ? "[" + perAxis + "]" : perAxis;
    }

    private static int[] axes(String perAxis) {
        String[] p = perAxis.split(",");
        int[] v = new int[3];
        for (int a = 0; a < 3; a++) {
            v[a] = Integer.parseInt(p.length == 1 ? p[0] : p[a]);
        }
        return v;
    }

    @Test
    void integerAndFloat32InputsKeepTheirTypes() throws Exception {
        Random rnd = new Random(3);
        int[] dims = {30, 8, 6};
        double[] xi = values(rnd, 30 * 48, true);
        double[] hi = values(rnd, 27, true);
        Answer ints = exchange("/api/v1/arrays/correlate", body("{\"mode\":\"same\",\"boundary\":\"reflect\"}",
                npy(new int[] {3, 3, 3}, hi, dev.convolution.core.type.ElementType.INT64),
                npy(dims, xi, dev.convolution.core.type.ElementType.INT64), true), -1, true);
        assertThat(ints.status()).isEqualTo(200);
        assertThat(ints.headers()).containsEntry("convolution-dtype", "int64");
        NpyArray exact = Npy.read("answer", ints.body(), Long.MAX_VALUE);
        assertThat(exact.type()).isEqualTo(dev.convolution.core.type.ElementType.INT64);
        Spec spec = Spec.defaults(Operation.CROSS_CORRELATION).withMode(Mode.SAME).withBoundary(Boundary.REFLECT, 0);
        double[] expected = new Convolver().compute(Plan.of(spec, Shape.of(dims), Shape.of(3, 3, 3), Limits.NONE), Grid.of(xi, dims),
                Grid.of(hi, 3, 3, 3), Method.DIRECT).output();
        assertThat(exact.values()).containsExactly(expected);

        Answer floats = exchange("/api/v1/arrays/convolve", body("{\"mode\":\"same\",\"boundary\":\"reflect\"}",
                npy(new int[] {3, 3, 3}, values(rnd, 27, false), dev.convolution.core.type.ElementType.FLOAT32),
                npy(dims, values(rnd, 30 * 48, false), dev.convolution.core.type.ElementType.FLOAT32), true), -1, true);
        assertThat(floats.status()).isEqualTo(200);
        assertThat(floats.headers()).containsEntry("convolution-dtype", "float32");
        assertThat(Npy.read("answer", floats.body(), Long.MAX_VALUE).type()).isEqualTo(dev.convolution.core.type.ElementType.FLOAT32);
    }

    @Test
    void whatCannotStreamIsRefusedBeforeAnythingIsWritten() throws Exception {
        Random rnd = new Random(5);
        byte[] kernel = npy(new int[] {3, 3, 3}, values(rnd, 27, false), dev.convolution.core.type.ElementType.FLOAT64);
        byte[] input = npy(new int[] {40, 9, 7}, values(rnd, 2520, false), dev.convolution.core.type.ElementType.FLOAT64);
        Answer wrap = exchange("/api/v1/arrays/convolve", body("{\"mode\":\"same\",\"boundary\":\"wrap\"}", kernel, input, true), -1, true);
        assertThat(wrap.status()).isEqualTo(400);
        assertThat(wrap.text()).contains("\"field\":\"boundary\"").contains("axis 0");
        Answer mirrored = exchange("/api/v1/arrays/correlate", body("{\"correlationConvention\":\"mirrored\"}", kernel, input, true), -1, true);
        assertThat(mirrored.status()).isEqualTo(400);
        assertThat(mirrored.text()).contains("\"field\":\"convention\"");
        Answer traced = exchange("/api/v1/arrays/convolve", body("{\"trace\":{\"outputs\":[[0,0,0]]}}", kernel, input, true), -1, true);
        assertThat(traced.status()).isEqualTo(406);
        // the kernel after the input: nothing after a streamed input is read before the answer starts
        ByteArrayOutputStream late = new ByteArrayOutputStream();
        late.writeBytes(part("options", "application/json", "{}".getBytes(StandardCharsets.UTF_8), true));
        late.writeBytes(part("input", "application/x-npy", input, false));
        late.writeBytes(part("kernel", "application/x-npy", kernel, false));
        late.writeBytes(("\r\n--" + B + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        Answer kernelLast = exchange("/api/v1/arrays/convolve", late.toByteArray(), -1, true);
        assertThat(kernelLast.status()).isEqualTo(400);
        assertThat(kernelLast.text()).contains("\"field\":\"kernel\"").contains("must come before it");
        // JSON preferred: the answer would need the input whole, never the stand-in the record holds while it streams
        Answer json = exchange("/api/v1/arrays/convolve", body("{}", kernel, input, true), -1, true,
                "application/json, application/x-npy");
        assertThat(json.status()).isEqualTo(406);
        assertThat(json.text()).contains("Accept: application/x-npy alone");
        awaitNothingReserved();
    }

    @Test
    void aFailureAfterTheFirstByteLeavesTheAnswerShortAndTheServiceHealthy() throws Exception {
        Random rnd = new Random(9);
        byte[] kernel = npy(new int[] {3, 3, 3}, values(rnd, 27, false), dev.convolution.core.type.ElementType.FLOAT64);
        double[] x = values(rnd, 200 * 9 * 7, false);
        byte[] input = npy(new int[] {200, 9, 7}, x, dev.convolution.core.type.ElementType.FLOAT64);
        String options = "{\"mode\":\"same\",\"boundary\":\"reflect\"}";
        // a truncated part: the body closes properly, the input's data ends early
        byte[] whole = body(options, kernel, input, true);
        int cut = whole.length - input.length / 2;
        byte[] truncated = java.util.Arrays.copyOf(whole, cut + ("\r\n--" + B + "--\r\n").length());
        System.arraycopy(("\r\n--" + B + "--\r\n").getBytes(StandardCharsets.ISO_8859_1), 0, truncated, cut, ("\r\n--" + B + "--\r\n").length());
        assertShort(exchange("/api/v1/arrays/convolve", truncated, -1, true));
        // a value that is not finite far into the input
        x[150 * 63 + 5] = Double.NaN;
        assertShort(exchange("/api/v1/arrays/convolve", body(options, kernel, npy(new int[] {200, 9, 7}, x,
                dev.convolution.core.type.ElementType.FLOAT64), true), -1, true));
        // a part after the input
        byte[] after = body(options, kernel, input, false);
        byte[] extra = ("\r\n--" + B + "\r\nContent-Disposition: form-data; name=\"late\"\r\n\r\n{}\r\n--" + B + "--\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] withExtra = java.util.Arrays.copyOf(after, after.length + extra.length);
        System.arraycopy(extra, 0, withExtra, after.length, extra.length);
        assertShort(exchange("/api/v1/arrays/convolve", withExtra, -1, true));
        // a client that stops sending at half (the connection's read timeout, 2 s here, ends it)
        assertShort(exchange("/api/v1/arrays/convolve", whole, whole.length / 2 + whole.length / 4, false));
        assertThat(exchange("/api/v1/arrays/convolve", whole, -1, true).whole()).as("the service answers whole again").isTrue();
        awaitNothingReserved();
    }

    private static void assertShort(Answer a) {
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.headers()).containsEntry("connection", "close");
        assertThat(a.whole()).as("the answer ends short of its declared length").isFalse();
        assertThat((long) a.body().length).isLessThan(Long.parseLong(a.headers().get("content-length")));
    }

    @Test
    void aSmallOrFortranOrderInputInAStreamedBodyIsReadWholeAsAnyOther() throws Exception {
        Random rnd = new Random(11);
        double[] h = values(rnd, 9, false);
        double[] x = values(rnd, 10 * 12, false);
        byte[] kernel = npy(new int[] {3, 3}, h, dev.convolution.core.type.ElementType.FLOAT64);
        Answer small = exchange("/api/v1/arrays/convolve", body("{\"mode\":\"full\",\"boundary\":\"wrap\"}", kernel,
                npy(new int[] {10, 12}, x, dev.convolution.core.type.ElementType.FLOAT64), true), -1, true);
        assertThat(small.status()).isEqualTo(200);
        assertThat(small.headers()).doesNotContainKey("connection"); // the v2 answer: wrap is fine when the input is whole
        Spec spec = Spec.defaults(Operation.CONVOLUTION).withMode(Mode.FULL).withBoundary(Boundary.WRAP, 0);
        double[] expected = new Convolver().compute(Plan.of(spec, Shape.of(10, 12), Shape.of(3, 3), Limits.NONE), Grid.of(x, 10, 12),
                Grid.of(h, 3, 3), Method.AUTO).output();
        double[] got = Npy.read("answer", small.body(), Long.MAX_VALUE).values();
        for (int i = 0; i < expected.length; i++) {
            assertThat(got[i]).isCloseTo(expected[i], within(1e-12));
        }
        // Fortran order is read whole, so held to the element limit: 413 from its header
        byte[] fortran = npy(new int[] {50, 40}, values(rnd, 2000, false), dev.convolution.core.type.ElementType.FLOAT64);
        String text = new String(fortran, StandardCharsets.ISO_8859_1).replace("'fortran_order': False", "'fortran_order': True ");
        Answer f = exchange("/api/v1/arrays/convolve", body("{}", kernel, text.getBytes(StandardCharsets.ISO_8859_1), true), -1, true);
        assertThat(f.status()).isEqualTo(413);
        assertThat(f.text()).contains("\"field\":\"input\"").contains("more than the limit of 1000");
        awaitNothingReserved();
    }
}
