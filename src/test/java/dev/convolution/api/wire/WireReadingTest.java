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

    /**
     * A body long enough to be scanned in a part a core, on the core's pool (a single row of 200,000 numbers and rows of
     * 300 in a volume), is read to exactly the value Jackson reads alone.
     */
    @ParameterizedTest
    @ValueSource(strings = {"1d", "nested3"})
    void aLongBodyScannedOnTheCoresIsReadAsJacksonReadsIt(String form) {
        Random rnd = new Random(31);
        boolean flat = form.equals("1d");
        int rows = flat ? 1 : 40 * 40;
        StringBuilder s = new StringBuilder(flat ? "" : "[");
        for (int r = 0; r < rows; r++) {
            s.append(flat ? "" : r % 40 == 0 ? (r == 0 ? "[" : "], [") : ", ").append('[');
            for (int i = 0, n = flat ? 200_000 : 300; i < n; i++) {
                s.append(i == 0 ? "" : ", ").append(i % 5 == 0 ? Integer.toString(rnd.nextInt(1000)) : Double.toString(rnd.nextGaussian()));
            }
            s.append(']');
        }
        byte[] body = s.append(flat ? "" : "]]").toString().getBytes(StandardCharsets.UTF_8);
        assertThat(body.length).as("long enough for parts").isGreaterThan(4 << 19);
        ObjectReader reader = JSON.readerFor(NestedArray.class);
        NumberLeaves leaves = JsonNumberArrays.scan(body, WireReading.MIN_NUMBERS, 2, dev.convolution.core.Convolver::spread);
        assertThat(leaves.count()).isEqualTo(rows);
        NestedArray plain = reader.readValue(body);
        NestedArray scanned = WireReading.readScanned(reader, leaves);
        assertThat(scanned).as("read from the scan in parts, every leaf taken").isNotNull();
        assertThat(scanned.value()).as("values, bit for bit").isEqualTo(plain.value());
        assertThat(scanned.type()).isEqualTo(plain.type());
        NestedArray read = WireReading.read(reader, body);
        assertThat(read.value()).as("the service's reading").isEqualTo(plain.value());
    }
}
