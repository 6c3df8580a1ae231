package dev.convolution.web.http;

import dev.convolution.codec.Npy;
import dev.convolution.codec.Png;
import dev.convolution.config.WarmUpProperties;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Requests the service sends itself once it listens and before it reports ready: a few rounds of the kinds of work
 * callers bring (a 2D image in JSON and in {@code .npy}, a PNG picture, an N-d array, a long signal, a large kernel on the FFT path, a
 * CNN layer, a seed-sized request), through the whole stack on the loopback. Spring Boot reports readiness after the
 * application runners, so the first callers find the hot paths compiled: on two cores the JIT compilers otherwise
 * share the cores with the first requests, and a 1024² JSON request ran at twice its steady time for its first 10 to
 * 15 requests (docs/decisions.md, "Warm-up before readiness"). The rounds stop after {@code
 * convolution.warm-up.rounds} or {@code convolution.warm-up.max-time}, whichever comes first; a failure is logged and
 * never stops the start. It stops at the first request of a caller ({@link CallerTraffic}): behind a gateway that routes
 * to a replica as soon as it listens, callers' requests warm the same code, and would otherwise share the cores with
 * it. It runs only where a web server listens (not in MockMvc tests).
 */
@Component
class WarmUp implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(WarmUp.class);
    static final String REQUEST_ID_PREFIX = "warm-up-";

    private final ApplicationContext context;
    private final WarmUpProperties properties;
    private final Environment environment;
    private final CallerTraffic traffic;
    private volatile int requestsAnswered;

    WarmUp(ApplicationContext context, WarmUpProperties properties, Environment environment, CallerTraffic traffic) {
        this.context = context;
        this.properties = properties;
        this.environment = environment;
        this.traffic = traffic;
    }

    /** Requests answered with 200 by the last warm-up (for the tests). */
    int requestsAnswered() {
        return requestsAnswered;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.enabled() || properties.rounds() == 0 || !(context instanceof WebServerApplicationContext web)
                || web.getWebServer() == null || web.getWebServer().getPort() <= 0) {
            return;
        }
        long start = System.nanoTime();
        try {
            int answered = warm(URI.create("http://" + host() + ":" + web.getWebServer().getPort()), start);
            log.info("warm-up: {} requests answered in {} ms", answered, (System.nanoTime() - start) / 1_000_000);
        } catch (Exception e) {
            log.warn("warm-up stopped: {}", e.toString());
        }
    }

    /** Where the service listens, as seen from inside it: the loopback unless it is bound to one address. */
    private String host() throws Exception {
        String address = environment.getProperty("server.address", "");
        if (address.isBlank() || InetAddress.getByName(address).isAnyLocalAddress()) {
            return "127.0.0.1";
        }
        return address.contains(":") ? "[" + address + "]" : address;
    }

    private int warm(URI base, long start) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<HttpRequest> requests = requests(base);
        long deadline = start + properties.maxTime().toNanos();
        int answered = 0;
        for (int round = 0; round < properties.rounds(); round++) {
            for (HttpRequest request : requests) {
                if (System.nanoTime() >= deadline) {
                    return answered;
                }
                if (traffic.arrived()) {
                    log.info("warm-up: callers' requests arrived; stopped after {} requests", answered);
                    return answered;
                }
                HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    answered++;
                } else {
                    log.warn("warm-up: {} answered {}", request.uri().getPath(), r.statusCode());
                }
                requestsAnswered = answered;
            }
        }
        return answered;
    }

    private static List<HttpRequest> requests(URI base) {
        SplittableRandom random = new SplittableRandom(20261207);
        List<HttpRequest> requests = new ArrayList<>();
        double[] image = gaussian(random, 1024 * 1024);
        double[] kernel = gaussian(random, 9);
        requests.add(json(base, "/api/v1/images/convolve", "{\"image\":" + nested(image, 1024, 1024) + ",\"kernel\":"
                + nested(kernel, 3, 3) + ",\"mode\":\"same\"}"));
        requests.add(multipart(base, "/api/v1/images/convolve", "application/x-npy", List.of(
                new Part("image", "application/x-npy", Npy.write(new int[] {1024, 1024}, image)),
                new Part("kernel", "application/x-npy", Npy.write(new int[] {3, 3}, kernel)))));
        requests.add(multipart(base, "/api/v1/images/convolve", Png.MEDIA_TYPE, List.of(
                new Part("image", Png.MEDIA_TYPE, photo(random, 1024, 1024)),
                new Part("kernel", "application/json", "{\"name\":\"gaussian\",\"size\":5}".getBytes(StandardCharsets.US_ASCII)),
                new Part("options", "application/json", "{\"mode\":\"same\",\"boundary\":\"reflect\"}".getBytes(StandardCharsets.US_ASCII)))));
        requests.add(json(base, "/api/v1/arrays/convolve", "{\"input\":" + nested(gaussian(random, 16 * 64 * 64), 16, 64, 64)
                + ",\"kernel\":" + nested(gaussian(random, 27), 3, 3, 3) + ",\"mode\":\"same\",\"boundary\":\"reflect\"}"));
        requests.add(json(base, "/api/v1/signals/correlate", "{\"signal\":" + nested(gaussian(random, 65536), 65536) + ",\"kernel\":"
                + nested(gaussian(random, 33), 33) + "}"));
        requests.add(json(base, "/api/v1/images/convolve", "{\"image\":" + nested(gaussian(random, 256 * 256), 256, 256) + ",\"kernel\":"
                + nested(gaussian(random, 31 * 31), 31, 31) + ",\"method\":\"fft\"}"));
        requests.add(json(base, "/api/v1/layers/conv2d", "{\"input\":" + nested(gaussian(random, 2 * 16 * 28 * 28), 2, 16, 28, 28)
                + ",\"weight\":" + nested(gaussian(random, 16 * 16 * 9), 16, 16, 3, 3) + ",\"bias\":" + nested(gaussian(random, 16), 16)
                + ",\"padding\":1}"));
        requests.add(json(base, "/api/v1/signals/convolve", "{\"signal\":[2,1,3,5,4],\"kernel\":[1,-1],\"mode\":\"valid\"}"));
        return requests;
    }

    private static double[] gaussian(SplittableRandom random, int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            // Box–Muller: numbers with as many digits as a client's random data has
            values[i] = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
        }
        return values;
    }

    /**
     * {@code v} as Python's {@code json} writes it ({@code repr}): the shortest digits, plain for 10^-4 ≤ |v| < 10^16,
     * else scientific with a lower-case {@code e} and at least two exponent digits ({@code 1.5e-05}); most callers' JSON
     * comes from there, and the number reader's compiled code is shaped by the text it has met.
     */
    static String python(double v) {
        String java = Double.toString(v); // plain for 10^-3 ≤ |v| < 10^7, else 1.5E-5
        int e = java.indexOf('E');
        if (e < 0) {
            return java;
        }
        int exponent = Integer.parseInt(java.substring(e + 1));
        if (exponent >= -4 && exponent < 16) {
            String plain = new java.math.BigDecimal(java).toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String mantissa = java.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        int magnitude = Math.abs(exponent);
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + (magnitude < 10 ? "0" : "") + magnitude;
    }

    /** {@code values} as nested JSON arrays of {@code shape}, numbers as Python writes them ({@link #python}). */
    static String nested(double[] values, int... shape) {
        StringBuilder out = new StringBuilder(values.length * 21);
        nested(out, values, shape, 0, 0);
        return out.toString();
    }

    private static int nested(StringBuilder out, double[] values, int[] shape, int axis, int at) {
        out.append('[');
        for (int i = 0; i < shape[axis]; i++) {
            if (i > 0) {
                out.append(',');
            }
            if (axis == shape.length - 1) {
                out.append(python(values[at++]));
            } else {
                at = nested(out, values, shape, axis + 1, at);
            }
        }
        out.append(']');
        return at;
    }

    private static HttpRequest json(URI base, String path, String body) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json").header("Accept", "application/json")
                .header("X-Request-Id", REQUEST_ID_PREFIX + UUID.randomUUID()).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    /** An 8-bit RGB picture with smooth shapes and some noise, as a PNG, as a photograph compresses. */
    private static byte[] photo(SplittableRandom random, int width, int height) {
        double[][] planes = new double[3][width * height];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double v = 128 + 60 * Math.sin(x / 37.0 + c) + 40 * Math.cos(y / 23.0) + 8 * (random.nextDouble() - 0.5);
                    planes[c][y * width + x] = Math.max(0, Math.min(255, Math.rint(v)));
                }
            }
        }
        return Png.write(width, height, 8, planes);
    }

    private record Part(String name, String type, byte[] bytes) {
    }

    private static HttpRequest multipart(URI base, String path, String accept, List<Part> parts) {
        String boundary = "warm-up-" + UUID.randomUUID();
        List<byte[]> pieces = new ArrayList<>();
        for (Part p : parts) {
            pieces.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + p.name() + "\"; filename=\"" + p.name()
                    + "\"\r\nContent-Type: " + p.type() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            pieces.add(p.bytes());
            pieces.add("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        pieces.add(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", accept).header("X-Request-Id", REQUEST_ID_PREFIX + UUID.randomUUID())
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(concat(pieces.toArray(byte[][]::new))))
                .build();
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
