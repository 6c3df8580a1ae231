package dev.convolution.api.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convolution.config.JacksonConfiguration;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Arrays written as runs into the generator's buffer ({@link CompactWriters.Run}) are the bytes the generator writes number by
 * number ({@link CompactWriters#writeNumber}), through a byte generator and a character one, across buffer boundaries.
 */
class CompactWritersTest {
    private static final JsonMapper JSON = JacksonConfiguration.strict(JsonMapper.builder()).addModule(StrictJson.module()).build();

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
