package dev.convolution.api.convolution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convolution.api.wire.StrictJson;
import dev.convolution.api.wire.WireReading;
import dev.convolution.config.JacksonConfiguration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fast reading of JSON bodies ({@link WireReading}) against Jackson's own, on random request bodies of every array
 * family, whole and broken: the same request record (every number bit for bit), or the same refusal (its type, its
 * message and its field path).
 */
class JsonBodiesBothWaysTest {
    private static final JsonMapper JSON = JacksonConfiguration.strict(JsonMapper.builder()).addModule(StrictJson.module()).build();
    private static final int[] LENGTHS = {1, 3, 63, 64, 65, 130};
    private static final String[] BREAKS = {"\"x\"", "1e999", "-1e400", "null", "true", "[1, 2]", "{}", "NaN", "01", "1.", ".5", "+1",
        "1 2", "", "2147483648"};

    @Test
    void signalsImagesAndArraysReadAlikeWholeAndBroken() {
        Random rnd = new Random(2027);
        int refused = 0;
        for (int round = 0; round < 1500; round++) {
            boolean broken = rnd.nextInt(3) == 0;
            switch (round % 3) {
                case 0 -> refused += compare(SignalCorrelationRequest.class, signalBody(rnd, broken)) ? 0 : 1;
                case 1 -> refused += compare(ImageConvolutionRequest.class, imageBody(rnd, broken)) ? 0 : 1;
                default -> refused += compare(ArrayCorrelationRequest.class, arrayBody(rnd, broken)) ? 0 : 1;
            }
        }
        assertThat(refused).as("bodies refused both ways").isBetween(200, 1300);
    }

    @Test
    void aFieldThatIsNotAnArrayOfDataAndHoldsManyNumbersIsReadByJacksonAlone() {
        String body = "{\"signal\": " + numbers(new Random(1), 70, false) + ", \"kernel\": [1, 2], \"stride\": "
                + numbers(new Random(2), 70, false) + "}";
        compare(SignalConvolutionRequest.class, body);
    }

    /** Reads the body both ways; true when both read it, false when both refused it alike. */
    private static boolean compare(Class<?> type, String body) {
        ObjectReader reader = JSON.readerFor(type);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Object plain;
        RuntimeException plainError = null;
        try {
            plain = reader.readValue(bytes);
        } catch (RuntimeException e) {
            plain = null;
            plainError = e;
        }
        Object fast;
        RuntimeException fastError = null;
        try {
            fast = WireReading.read(reader, bytes);
        } catch (RuntimeException e) {
            fast = null;
            fastError = e;
        }
        String where = body.length() > 300 ? body.substring(0, 300) + "…" : body;
        if (plainError != null) {
            assertThat(fastError).as("refused: %s", where).isNotNull().hasSameClassAs(plainError);
            assertThat(fastError.getMessage()).as("message for %s", where).isEqualTo(plainError.getMessage());
            if (plainError instanceof DatabindException d) {
                assertThat(((DatabindException) fastError).getPathReference()).isEqualTo(d.getPathReference());
            }
            return false;
        }
        assertThat(fastError).as("read: %s", where).isNull();
        assertThat(fast).as(where).usingRecursiveComparison().withStrictTypeChecking().isEqualTo(plain);
        return true;
    }

    private static String signalBody(Random rnd, boolean broken) {
        String signal = rnd.nextInt(4) == 0
                ? "{\"re\": " + numbers(rnd, 70, broken && rnd.nextBoolean()) + ", \"im\": " + numbers(rnd, 70, false) + "}"
                : numbers(rnd, LENGTHS[rnd.nextInt(LENGTHS.length)], broken);
        return "{\"signal\": " + signal + ", \"kernel\": " + numbers(rnd, 1 + rnd.nextInt(5), false) + ", \"mode\": \"same\""
                + (broken && rnd.nextInt(4) == 0 ? ", \"unknown\": 1" : "") + (broken && rnd.nextInt(4) == 0 ? ", \"mode\": \"full\"" : "")
                + "}" + (broken && rnd.nextInt(5) == 0 ? " [1]" : "");
    }

    private static String imageBody(Random rnd, boolean broken) {
        int rows = 1 + rnd.nextInt(4);
        int cols = LENGTHS[rnd.nextInt(LENGTHS.length)];
        List<String> r = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            r.add(numbers(rnd, broken && rnd.nextInt(3) == 0 ? cols + 1 : cols, broken && rnd.nextInt(rows) == 0));
        }
        return "{\"image\": [" + String.join(", ", r) + "], \"kernel\": [[1, 2], [3, 4]], \"stride\": [1, 2]}";
    }

    private static String arrayBody(Random rnd, boolean broken) {
        int rank = 1 + rnd.nextInt(broken ? 6 : 4);
        return "{\"input\": " + nested(rnd, rank, broken) + ", \"kernel\": " + nested(rnd, 1 + rnd.nextInt(3), false)
                + ", \"boundary\": \"reflect\"}";
    }

    private static String nested(Random rnd, int rank, boolean broken) {
        if (rank == 1) {
            return numbers(rnd, LENGTHS[rnd.nextInt(LENGTHS.length)], broken);
        }
        int n = 1 + rnd.nextInt(3);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            parts.add(nested(rnd, rank - 1, broken && rnd.nextInt(n) == 0));
        }
        return "[" + String.join(",", parts) + "]";
    }

    /** An array of n numbers in varied forms; broken, one element is something a number array must not hold. */
    private static String numbers(Random rnd, int n, boolean broken) {
        List<String> v = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            v.add(switch (rnd.nextInt(5)) {
                case 0 -> Double.toString(rnd.nextGaussian());
                case 1 -> Integer.toString(rnd.nextInt(2001) - 1000);
                case 2 -> rnd.nextBoolean() ? "-0" : "-0.0";
                case 3 -> String.format(java.util.Locale.ROOT, "%.17e", rnd.nextDouble() * 1e-300);
                default -> Long.toString(rnd.nextLong());
            });
        }
        if (broken) {
            v.set(rnd.nextInt(n), BREAKS[rnd.nextInt(BREAKS.length)]);
        }
        return "[" + String.join(rnd.nextBoolean() ? "," : ", ", v) + "]";
    }
}
