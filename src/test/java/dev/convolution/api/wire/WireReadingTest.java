package dev.convolution.api.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convolution.codec.JsonNumberArrays;
import dev.convolution.codec.NumberLeaves;
import dev.convolution.config.JacksonConfiguration;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/** Every reader of an array of data takes the arrays the scan read (no fallback to Jackson alone), to the same value. */
class WireReadingTest {
    private static final JsonMapper JSON = JacksonConfiguration.strict(JsonMapper.builder()).addModule(StrictJson.module()).build();

    @ParameterizedTest
    @ValueSource(strings = {"1d", "rows", "nested1", "nested2", "nested4", "complexNested", "mixed"})
    void eachArrayReaderTakesTheScannedArraysAndReadsTheSameValue(String form) {
        Random rnd = new Random(form.hashCode());
        String row = "[" + IntStream.range(0, 100).mapToObj(i -> Double.toString(rnd.nextGaussian())).collect(Collectors.joining(",")) + "]";
        String short1 = "[1, 2.5, -0.0]";
        String text;
        Class<?> type;
        switch (form) {
            case "1d" -> {
                text = row;
                type = double[].class;
            }
            case "rows" -> {
                text = "[" + row + "," + row + "]";
                type = double[][].class;
            }
            case "nested1" -> {
                text = row;
                type = NestedArray.class;
            }
            case "nested2" -> {
                text = "[" + row + ", " + row + "]";
                type = NestedArray.class;
            }
            case "nested4" -> {
                text = "[[[" + row + "]], [[" + row + "]]]";
                type = NestedArray.class;
            }
            case "complexNested" -> {
                text = "{\"re\": [" + row + "], \"im\": [" + row + "]}";
                type = NestedArray.class;
            }
            default -> {
                text = "[" + row + ", " + short1 + "]"; // a short leaf stays for Jackson, beside a scanned one
                type = NestedArray.class;
            }
        }
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        ObjectReader reader = JSON.readerFor(type);
        NumberLeaves leaves = JsonNumberArrays.scan(body, WireReading.MIN_NUMBERS);
        assertThat(leaves).isNotNull();
        Object scanned = WireReading.readScanned(reader, leaves);
        assertThat(scanned).as("read from the scan, every leaf taken").isNotNull();
        assertThat(scanned).usingRecursiveComparison().withStrictTypeChecking().isEqualTo(reader.readValue(body));
        assertThat(WireReading.<Object>read(reader, body)).usingRecursiveComparison().isEqualTo(scanned);
    }
}
