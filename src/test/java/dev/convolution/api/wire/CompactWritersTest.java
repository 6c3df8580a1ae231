package dev.convolution.api.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convolution.codec.NumberTextTest;
import dev.convolution.codec.Spread;
import dev.convolution.config.JacksonConfiguration;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Arrays written as runs into the generator's buffer ({@link CompactWriters.Run}) are the bytes the generator writes number by
 * number ({@link CompactWriters#writeNumber}), through a byte generator and a character one, across buffer boundaries; and
 * arrays formatted ahead ({@link CompactWriters.Copied}) are the bytes of the runs, in tiny windows and the service's own.
 */
class CompactWritersTest {
    private static final JsonMapper JSON = JacksonConfiguration.strict(JsonMapper.builder()).addModule(StrictJson.module()).build();
    /** Every array written as runs, however large. */
    private static final JsonMapper RUNS = mapper(new CompactWriters.Ahead(Spread.SERIAL, Integer.MAX_VALUE, 1, 1));

    /** The service's mapper with its writers formatting ahead as {@code ahead} says. */
    private static JsonMapper mapper(CompactWriters.Ahead ahead) {
        SimpleModule writers = new SimpleModule("writers-under-test");
        CompactWriters.register(writers, ahead);
        return JacksonConfiguration.strict(JsonMapper.builder()).addModule(StrictJson.module()).addModule(writers).build();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void arraysFormattedAheadAreTheBytesOfRuns(int seed) {
        Random rnd = new Random(seed);
        int[] shape = new int[1 + rnd.nextInt(4)];
        int n = 1;
        for (int d = 0; d < shape.length; d++) {
            shape[d] = rnd.nextInt(8) == 0 ? rnd.nextInt(2) : 1 + rnd.nextInt(shape.length == 1 ? 3000 : 14);
            n *= shape[d];
        }
        double[] v = NumberTextTest.values(rnd, n);
        AtomicInteger calls = new AtomicInteger();
        int window = 1 + rnd.nextInt(40);
        CompactWriters.Ahead[] aheads = {
            new CompactWriters.Ahead(Spread.SERIAL, 0, 7, 3),
            new CompactWriters.Ahead(NumberTextTest.pool(calls), 0, window, 1 + rnd.nextInt(window)),
            new CompactWriters.Ahead(NumberTextTest.pool(calls), 0, 1, 1),
        };
        for (CompactWriters.Ahead ahead : aheads) {
            JsonMapper json = mapper(ahead);
            for (boolean float32 : new boolean[] {false, true}) {
                NestedValues values = new NestedValues(shape, v, float32);
                String what = "shape " + Arrays.toString(shape) + ", window " + ahead.window() + ", part " + ahead.part() + ", float32 " + float32;
                byte[] expected = RUNS.writeValueAsBytes(values);
                assertThat(json.writeValueAsBytes(values)).as("bytes, %s", what).isEqualTo(expected);
                assertThat(json.writeValueAsString(values)).as("chars, %s", what).isEqualTo(new String(expected, StandardCharsets.UTF_8));
            }
            if (shape.length == 1) {
                assertThat(json.writeValueAsString(v)).as("double[]").isEqualTo(RUNS.writeValueAsString(v));
            }
            if (shape.length == 2) {
                double[][] rows = new double[shape[0]][];
                for (int r = 0; r < shape[0]; r++) {
                    rows[r] = Arrays.copyOfRange(v, r * shape[1], (r + 1) * shape[1]);
                }
                assertThat(json.writeValueAsBytes(rows)).as("double[][]").isEqualTo(RUNS.writeValueAsBytes(rows));
            }
        }
        assertThat(calls.get()).as("windows spread on the pool").isEqualTo(windows(shape, window) + windows(shape, 1));
    }

    /**
     * Windows formatted for one seed's writes in windows of {@code w} numbers: the nested array four times (bytes and
     * characters, float64 and float32), a double[] once for rank 1, a double[][] once for rank 2 (each row its own text).
     */
    private static int windows(int[] shape, int w) {
        int n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        int each = (n + w - 1) / w;
        return 4 * each + (shape.length == 1 ? each : 0) + (shape.length == 2 ? shape[0] * ((shape[1] + w - 1) / w) : 0);
    }

    /**
     * Large arrays in the service's own windows and parts, on its pool and on the test's, streamed to bytes and characters;
     * an array of integers (even in float32: ±10^6 is within ±2^24) is written as runs.
     */
    @Test
    void largeArraysInTheServiceWindowsAreTheBytesOfRuns() {
        Random rnd = new Random(5);
        AtomicInteger calls = new AtomicInteger();
        JsonMapper pool = mapper(new CompactWriters.Ahead(NumberTextTest.pool(calls), 1 << 15, 1 << 15, 1 << 12));
        for (int[] shape : new int[][] {{1_000_003}, {3, 70, 333}, {8, 64, 9, 9}, {100, 327}, {40_000}, {32_767}, {200, 201}}) {
            int n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
            boolean integers = shape[0] == 200;
            double[] v = integers ? rnd.ints(n, -1_000_000, 1_000_001).asDoubleStream().toArray() : NumberTextTest.values(rnd, n);
            for (boolean float32 : new boolean[] {false, true}) {
                NestedValues values = new NestedValues(shape, v, float32);
                byte[] expected = RUNS.writeValueAsBytes(values);
                String what = Arrays.toString(shape) + ", float32 " + float32;
                int before = calls.get();
                assertThat(pool.writeValueAsBytes(values)).as("bytes, %s", what).isEqualTo(expected);
                assertThat(calls.get() > before).as("formatted ahead, %s", what).isEqualTo(n >= 1 << 15 && !integers);
                assertThat(JSON.writeValueAsBytes(values)).as("the service's mapper, %s", what).isEqualTo(expected);
                ByteArrayOutputStream stream = new ByteArrayOutputStream();
                JSON.writeValue(stream, values);
                assertThat(stream.toByteArray()).as("streamed, %s", what).isEqualTo(expected);
                StringWriter chars = new StringWriter();
                pool.writeValue(chars, values);
                assertThat(chars.toString()).as("chars, %s", what).isEqualTo(new String(expected, StandardCharsets.UTF_8));
            }
            if (shape.length == 1) {
                assertThat(JSON.writeValueAsBytes(v)).as("double[] %d", n).isEqualTo(RUNS.writeValueAsBytes(v));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 7, 333, 20_000})
    void runsWriteWhatTheGeneratorWritesNumberByNumber(int n) {
        Random rnd = new Random(n);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = switch (rnd.nextInt(9)) {
                case 0 -> rnd.nextGaussian();
                case 1 -> Double.longBitsToDouble(rnd.nextLong());
                case 2 -> rnd.nextInt(2001) - 1000;
                case 3 -> -0.0;
                case 4 -> rnd.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NaN;
                case 5 -> Math.scalb(1.0, rnd.nextInt(120) - 10);
                case 6 -> (float) rnd.nextGaussian();
                case 7 -> Double.MIN_VALUE * rnd.nextInt(100);
                default -> rnd.nextDouble() * 1e-3;
            };
        }
        int[] shape = n == 20_000 ? new int[] {100, 200} : new int[] {n};
        for (boolean float32 : new boolean[] {false, true}) {
            NestedValues values = new NestedValues(shape, v, float32);
            String expected = numberByNumber(shape, v, float32);
            assertThat(new String(JSON.writeValueAsBytes(values), StandardCharsets.UTF_8)).as("bytes, float32 %s", float32).isEqualTo(expected);
            assertThat(JSON.writeValueAsString(values)).as("chars, float32 %s", float32).isEqualTo(expected);
            if (!float32 && shape.length == 1) {
                assertThat(JSON.writeValueAsString(v)).isEqualTo(expected);
                assertThat(JSON.writeValueAsString(new double[][] {v, v})).isEqualTo("[" + expected + "," + expected + "]");
            }
        }
    }

    /** The reference: every number through the generator, as the writers did before runs. */
    private static String numberByNumber(int[] shape, double[] v, boolean float32) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            int cols = shape[shape.length - 1];
            if (shape.length == 2) {
                g.writeStartArray();
            }
            for (int r = 0; r < (shape.length == 2 ? shape[0] : 1); r++) {
                g.writeStartArray();
                for (int i = 0; i < cols; i++) {
                    double x = v[r * cols + i];
                    if (float32) {
                        CompactWriters.writeNumber(g, (float) x);
                    } else {
                        CompactWriters.writeNumber(g, x);
                    }
                }
                g.writeEndArray();
            }
            if (shape.length == 2) {
                g.writeEndArray();
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
