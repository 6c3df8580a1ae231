package dev.convolution.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The scanner against Jackson, the parser it stands in for: whatever array it reads, Jackson reads to the same doubles
 * (bit for bit), and whatever it leaves, Jackson either refuses or finds to be something other than finite numbers.
 */
class JsonNumberArraysTest {
    private static final JsonMapper JACKSON = JsonMapper.builder().build();

    /** Every JSON fixture of the test suite, its arrays read both ways. */
    static Stream<Path> fixtures() throws IOException {
        return Files.walk(Path.of("src/test/resources")).filter(f -> f.toString().endsWith(".json")).sorted();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void everyFixtureIsReadAsJacksonReadsIt(Path fixture) throws IOException {
        byte[] text = Files.readAllBytes(fixture);
        bothWays(text, 1);
    }

    @Test
    void randomNumbersInEveryFormAreReadToJacksonsDoubles() {
        Random rnd = new Random(27);
        for (int round = 0; round < 3000; round++) {
            StringBuilder s = new StringBuilder("{\"a\": [");
            int n = 1 + rnd.nextInt(40);
            for (int i = 0; i < n; i++) {
                s.append(i == 0 ? "" : rnd.nextInt(4) == 0 ? " , " : ",").append(randomNumber(rnd));
            }
            s.append("], \"b\": [[").append(randomNumber(rnd)).append("],[").append(randomNumber(rnd)).append(", ")
                    .append(randomNumber(rnd)).append("]]}");
            bothWays(s.toString().getBytes(StandardCharsets.UTF_8), 1);
        }
    }

    @Test
    void brokenArraysAreLeftForTheParser() {
        Random rnd = new Random(28);
        String[] breaks = {"", "-", "01", "1.", ".5", "+1", "1e", "1e+", "--1", "1..2", "0x10", "NaN", "Infinity", "-Infinity",
            "1e400", "-1e999", "\"1\"", "true", "null", "[1]", "{}", "1 2", "1,,2", ",1", "1,", "١", "1\u00a0", "1\f"};
        for (int round = 0; round < 2000; round++) {
            List<String> items = new ArrayList<>();
            int n = 1 + rnd.nextInt(8);
            for (int i = 0; i < n; i++) {
                items.add(randomNumber(rnd));
            }
            items.add(rnd.nextInt(items.size() + 1), breaks[rnd.nextInt(breaks.length)]);
            String text = "{\"x\": [" + String.join(",", items) + "]" + (rnd.nextBoolean() ? "}" : "");
            bothWays(text.getBytes(StandardCharsets.UTF_8), 1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"[\"[1,2]\", [3, 4]]", "{\"a\\\"[\": [1, 2], \"b\": \"]\"}", "[\"\\\\\", [5]]", "\"[1, 2]\"",
        "[1, 2", "[1, 2]]", "[ ]", "[\n\t1 ,\r\n 2 ]", "[-0, -0.0, 0e5, -0e-5, 0.000]", "[123456789012345678901234567890, 1e-400]",
        "[9007199254740993, 18446744073709551615, -9223372036854775809]",
        "[0.1e1, 1E2, 1e+2, 1e-2, 2.2250738585072011e-308, 4.9e-324, 1.7976931348623157e308, 1.7976931348623159e308]"})
    void stringsEdgesAndSignsAreReadAsJacksonReadsThem(String text) {
        bothWays(text.getBytes(StandardCharsets.UTF_8), 1);
    }

    @Test
    void anIntegerMinusZeroIsTheIntegerZeroAndAFloatMinusZeroKeepsItsSign() {
        NumberLeaves leaves = JsonNumberArrays.scan("[-0, -0.0, -0e0]".getBytes(StandardCharsets.UTF_8), 1);
        double[] v = leaves.take(0);
        assertThat(Double.doubleToRawLongBits(v[0])).isEqualTo(Double.doubleToRawLongBits(0.0));
        assertThat(Double.doubleToRawLongBits(v[1])).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(Double.doubleToRawLongBits(v[2])).isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void arraysShorterThanTheMinimumStayInTheText() {
        byte[] text = "{\"stride\": [1, 2], \"signal\": [1, 2, 3, 4]}".getBytes(StandardCharsets.UTF_8);
        NumberLeaves leaves = JsonNumberArrays.scan(text, 3);
        assertThat(new String(leaves.text(), 0, leaves.length(), StandardCharsets.UTF_8)).isEqualTo("{\"stride\": [1, 2], \"signal\": []}");
        assertThat(leaves.count()).isEqualTo(1);
        assertThat(leaves.take(28)).isNull(); // not where a leaf stands
        assertThat(leaves.take(29)).containsExactly(1, 2, 3, 4);
        assertThat(leaves.allTaken()).isTrue();
        assertThat(leaves.take(29)).isNull(); // once
        assertThat(JsonNumberArrays.scan("{\"a\": [1, 2]}".getBytes(StandardCharsets.UTF_8), 3)).isNull();
    }

    @Test
    void aTextInUtf16HasNoArrayTheScanReads() {
        assertThat(JsonNumberArrays.scan("[1, 2, 3]".getBytes(StandardCharsets.UTF_16LE), 1)).isNull();
        assertThat(JsonNumberArrays.scan("[1, 2, 3]".getBytes(StandardCharsets.UTF_16BE), 1)).isNull();
    }

    @Test
    void aMillionRandomDoublesInShortestFormAreReadExactly() {
        Random rnd = new Random(29);
        double[] want = new double[1_000_000];
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < want.length; i++) {
            want[i] = switch (i % 4) {
                case 0 -> rnd.nextGaussian();
                case 1 -> Double.longBitsToDouble(rnd.nextLong() & 0x7fefffffffffffffL) * (rnd.nextBoolean() ? 1 : -1);
                case 2 -> rnd.nextInt(2_000_001) - 1_000_000;
                default -> rnd.nextDouble() * Math.pow(10, rnd.nextInt(40) - 20);
            };
            s.append(i == 0 ? "" : ",").append(want[i] == Math.rint(want[i]) && Math.abs(want[i]) < 0x1p53 ? Long.toString((long) want[i])
                    : Double.toString(want[i]));
        }
        double[] got = JsonNumberArrays.scan(s.append(']').toString().getBytes(StandardCharsets.UTF_8), 1).take(0);
        for (int i = 0; i < want.length; i++) {
            if (Double.doubleToRawLongBits(got[i]) != Double.doubleToRawLongBits(want[i] == 0 ? 0.0 : want[i])) {
                assertThat(got[i]).as("element %d", i).isEqualTo(want[i]);
            }
        }
    }

    /**
     * The scan of {@code text} against Jackson: the text it leaves is the original with the cut arrays emptied, and each
     * cut array is, in document order, one of at least {@code minCount} elements that Jackson reads to the same finite
     * doubles, bit for bit; every other array is one Jackson finds to hold something else. A text Jackson refuses is
     * refused after the cut too (a leaf is a whole array, so whatever is wrong lies outside it).
     */
    private static void bothWays(byte[] text, int minCount) {
        String shown = new String(text, StandardCharsets.UTF_8);
        String where = shown.length() > 200 ? shown.substring(0, 200) + "…" : shown;
        NumberLeaves leaves = JsonNumberArrays.scan(text, minCount);
        JsonNode tree;
        try {
            tree = JACKSON.readTree(text);
        } catch (JacksonException e) {
            if (leaves != null) {
                byte[] rest = java.util.Arrays.copyOf(leaves.text(), leaves.length());
                assertThat(catchJackson(rest)).as("the rest of %s is refused as the text is", where).isTrue();
            }
            return;
        }
        List<double[]> expected = new ArrayList<>();
        JsonNode emptied = tree.deepCopy();
        collect(emptied, minCount, expected);
        if (expected.isEmpty()) {
            assertThat(leaves).as("no leaf in %s", where).isNull();
            return;
        }
        assertThat(leaves).as("leaves of %s", where).isNotNull();
        assertThat(leaves.count()).as("leaves of %s", where).isEqualTo(expected.size());
        byte[] rest = java.util.Arrays.copyOf(leaves.text(), leaves.length());
        assertThat(JACKSON.readTree(rest)).as("the rest of %s", where).isEqualTo(emptied);
        int k = 0;
        try (JsonParser p = JACKSON.createParser(rest)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t != JsonToken.START_ARRAY) {
                    continue;
                }
                double[] got = leaves.take(p.currentTokenLocation().getByteOffset());
                if (got == null) {
                    continue;
                }
                assertThat(p.nextToken()).isEqualTo(JsonToken.END_ARRAY);
                double[] want = expected.get(k++);
                assertThat(got.length).as("leaf %d of %s", k, where).isEqualTo(want.length);
                for (int i = 0; i < want.length; i++) {
                    assertThat(Double.doubleToRawLongBits(got[i])).as("leaf %d [%d] of %s: %s vs %s", k, i, where, got[i], want[i])
                            .isEqualTo(Double.doubleToRawLongBits(want[i]));
                }
            }
        }
        assertThat(k).as("leaves taken from %s", where).isEqualTo(expected.size());
        assertThat(leaves.allTaken()).isTrue();
    }

    private static boolean catchJackson(byte[] text) {
        try {
            JACKSON.readTree(text);
            return false;
        } catch (JacksonException e) {
            return true;
        }
    }

    /** In document order, the arrays of at least minCount finite numbers and nothing else, emptied in the tree. */
    private static void collect(JsonNode node, int minCount, List<double[]> out) {
        if (node instanceof ArrayNode a) {
            boolean numbers = !a.isEmpty();
            for (JsonNode e : a) {
                numbers &= e.isNumber() && Double.isFinite(e.doubleValue());
            }
            if (numbers && a.size() >= minCount) {
                double[] v = new double[a.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = a.get(i).doubleValue();
                }
                out.add(v);
                a.removeAll();
                return;
            }
            for (JsonNode e : a) {
                collect(e, minCount, out);
            }
        } else if (node instanceof ObjectNode o) {
            for (JsonNode e : o.values()) {
                collect(e, minCount, out);
            }
        }
    }

    /** The exact decimal of v, when it is no longer than the scan reads (longer numbers are left to the parser). */
    private static String plain(double v) {
        String s = new java.math.BigDecimal(v).toPlainString();
        return s.length() <= 1000 ? s : Double.toString(v);
    }

    @Test
    void aNumberLongerThanAThousandCharactersIsLeftForTheParser() {
        String longNumber = "0." + "0".repeat(1200) + "1";
        assertThat(JsonNumberArrays.scan(("[1, " + longNumber + "]").getBytes(StandardCharsets.UTF_8), 1)).isNull();
    }

    private static String randomNumber(Random rnd) {
        double v = switch (rnd.nextInt(5)) {
            case 0 -> rnd.nextGaussian();
            case 1 -> Double.longBitsToDouble(rnd.nextLong());
            case 2 -> rnd.nextInt(2001) - 1000;
            case 3 -> rnd.nextDouble() * Math.pow(10, rnd.nextInt(60) - 30);
            default -> Double.MIN_VALUE * rnd.nextInt(1000);
        };
        if (!Double.isFinite(v)) {
            v = 1.5;
        }
        return switch (rnd.nextInt(8)) {
            case 0 -> Long.toString((long) v);
            case 1 -> String.format(Locale.ROOT, "%.17g", v).replace("+", "");
            case 2 -> String.format(Locale.ROOT, "%.20e", v);
            case 3 -> String.format(Locale.ROOT, "%." + rnd.nextInt(25) + "E", v);
            case 4 -> plain(v);
            case 5 -> rnd.nextBoolean() ? "-0" : "-0.0";
            default -> Double.toString(v).replace("E", rnd.nextBoolean() ? "e" : "E+").replace("E+-", "E-");
        };
    }
}
