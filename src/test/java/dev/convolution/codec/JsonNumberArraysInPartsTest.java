package dev.convolution.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A text scanned in parts at once gives exactly the one-part scan (same text left, same leaves where they stood, same
 * numbers bit for bit), wherever the parts start: between numbers, inside a number, inside a string that looks like
 * arrays of numbers, on an escaped quote.
 */
class JsonNumberArraysInPartsTest {
    private static final String[] SHORT = {"[\"[1,2]\", [3, 4]]", "{\"a\\\"[\": [1, 2], \"b\": \"]\"}", "[\"\\\\\", [5]]", "\"[1, 2]\"",
        "[1, 2", "[1, 2]]", "[ ]", "[\n\t1 ,\r\n 2 ]", "[-0, -0.0, 0e5, -0e-5, 0.000]", "{\"s\": \"[1, 2, 3] \\\" [4, 5, 6]\", \"x\": [7, 8, 9]}",
        "[[1.5, 2.5], [3.5, 4.5], \"[5, 6]\", [[7]], [8, 9, 10]]", "{\"a\": \"\\\\\", \"b\": [1, 2], \"c\": \"\\\"[3, 4]\\\"\", \"d\": [5]}",
        "[\"\", \"]\", \"[\", [1e5, 2E-3, -0.25], \"\\\"\"]", "{\"input\": [[1, 2, 3], [4, 5, 6]], \"kernel\": [[1, 0], [0, -1]], \"mode\": \"full\"}"};

    @Test
    void everySplitOfShortTextsInTwoOrThreePartsGivesTheOnePartScan() {
        for (String s : SHORT) {
            byte[] text = s.getBytes(StandardCharsets.UTF_8);
            NumberLeaves one = JsonNumberArrays.scan(text, 1);
            for (int a = 1; a < text.length; a++) {
                assertSame(JsonNumberArrays.scan(text, 1, new int[] {0, a}, Spread.SERIAL), one, s + " cut at " + a);
                for (int b = a + 1; b < text.length; b++) {
                    assertSame(JsonNumberArrays.scan(text, 1, new int[] {0, a, b}, Spread.SERIAL), one, s + " cut at " + a + ", " + b);
                }
            }
        }
    }

    @Test
    void randomTextsCutAtRandomPlacesInUpToEightPartsGiveTheOnePartScan() {
        Random rnd = new Random(41);
        for (int round = 0; round < 3000; round++) {
            byte[] text = randomText(rnd, 1 + rnd.nextInt(12)).getBytes(StandardCharsets.UTF_8);
            int minCount = 1 + rnd.nextInt(4);
            NumberLeaves one = JsonNumberArrays.scan(text, minCount);
            int parts = 2 + rnd.nextInt(7);
            int[] starts = IntStream.concat(IntStream.of(0), rnd.ints(parts - 1, 1, Math.max(2, text.length))).distinct().sorted().toArray();
            assertSame(JsonNumberArrays.scan(text, minCount, starts, Spread.SERIAL), one, new String(text, StandardCharsets.UTF_8)
                    + " in parts from " + Arrays.toString(starts));
        }
    }

    @Test
    void aLargeBodyScannedOnAPoolGivesTheOnePartScan() {
        Random rnd = new Random(42);
        StringBuilder s = new StringBuilder("{\"note\": \"[1, 2, 3, 4, 5, 6, 7, 8, 9] \\\"[1, 2]\", \"input\": [");
        for (int r = 0; r < 3000; r++) {
            s.append(r == 0 ? "[" : ", [");
            for (int i = 0; i < 100; i++) {
                s.append(i == 0 ? "" : ", ").append(rnd.nextGaussian());
            }
            s.append(']');
            if (r % 500 == 0) {
                s.append(", \"[").append(rnd.nextInt()).append(", 2, 3, 4, 5, 6, 7, 8, 9]\"");
            }
        }
        byte[] text = s.append("], \"kernel\": [[1, 2, 3]]}").toString().getBytes(StandardCharsets.UTF_8);
        assertThat(text.length).isGreaterThan(4 * JsonNumberArrays.PART_BYTES);
        assertThat(JsonNumberArrays.scan(text, 8).count()).isEqualTo(3000);
        assertScansOnAPoolAsInOnePart(text, 8, 2, 3, 4, 7);
    }

    @Test
    void aMillionNumbersInOneArrayScannedOnAPoolGiveTheOnePartScan() {
        Random rnd = new Random(43);
        StringBuilder s = new StringBuilder("{\"signal\": [");
        for (int i = 0; i < 1_000_000; i++) {
            s.append(i == 0 ? "" : i % 7 == 0 ? " ,\n " : ",").append(i % 3 == 0 ? Integer.toString(rnd.nextInt()) : Double.toString(rnd.nextGaussian()));
        }
        byte[] text = s.append("], \"kernel\": [1, 2, 3]}").toString().getBytes(StandardCharsets.UTF_8);
        assertThat(JsonNumberArrays.scan(text, 2).count()).isEqualTo(2);
        assertScansOnAPoolAsInOnePart(text, 2, 2, 3, 8);
    }

    /** The text scanned in each number of parts on a pool of four threads gives the one-part scan. */
    private static void assertScansOnAPoolAsInOnePart(byte[] text, int minCount, int... parts) {
        NumberLeaves one = JsonNumberArrays.scan(text, minCount);
        ForkJoinPool pool = new ForkJoinPool(4);
        try {
            for (int p : parts) {
                assertSame(JsonNumberArrays.scan(text, minCount, p, onPool(pool)), one, p + " parts on a pool");
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void textsScannedWhileTheyArriveGiveTheOnePartScan() {
        Random rnd = new Random(44);
        ForkJoinPool pool = new ForkJoinPool(3);
        try {
            Spread spread = onPool(pool);
            for (int round = 0; round < 60; round++) {
                StringBuilder s = new StringBuilder("[");
                int items = 50 + rnd.nextInt(400);
                for (int i = 0; i < items; i++) {
                    s.append(i == 0 ? "" : ", ").append(rnd.nextInt(10) == 0 ? longRow(rnd) : randomText(rnd, 1 + rnd.nextInt(12)));
                }
                byte[] text = s.append(']').toString().getBytes(StandardCharsets.UTF_8);
                int minCount = 1 + rnd.nextInt(4);
                int partBytes = 1 + rnd.nextInt(Math.max(1, text.length / 3));
                // parts started with a few bytes past their end (their readings run out of bytes), or more, or the service's
                int ahead = switch (rnd.nextInt(3)) {
                    case 0 -> 1 + rnd.nextInt(32);
                    case 1 -> 1 + rnd.nextInt(4 * JsonNumberReader.NEAR);
                    default -> JsonNumberArrays.Arriving.AHEAD;
                };
                NumberLeaves one = JsonNumberArrays.scan(text, minCount);
                assertSame(arriving(text, minCount, 1 + rnd.nextInt(8), spread, partBytes, ahead, rnd), one,
                        "round " + round + ", parts of " + partBytes + " bytes, " + ahead + " ahead");
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aMillionNumbersInOneArrayScannedWhileTheyArriveGiveTheOnePartScan() {
        Random rnd = new Random(45);
        StringBuilder s = new StringBuilder("{\"note\": \"[1, 2, 3]\", \"signal\": [");
        for (int i = 0; i < 1_000_000; i++) {
            s.append(i == 0 ? "" : ",").append(rnd.nextGaussian());
        }
        byte[] text = s.append("], \"rows\": [").append(longRow(rnd)).append(", ").append(longRow(rnd)).append("]}").toString()
                .getBytes(StandardCharsets.UTF_8);
        NumberLeaves one = JsonNumberArrays.scan(text, 8);
        ForkJoinPool pool = new ForkJoinPool(3);
        try {
            for (int parts : new int[] {2, 8, 16}) {
                assertSame(arriving(text, 8, parts, onPool(pool), JsonNumberArrays.PART_BYTES, JsonNumberArrays.Arriving.AHEAD, rnd), one,
                        parts + " parts while arriving");
            }
        } finally {
            pool.shutdown();
        }
    }

    /**
     * The text arriving into a fresh array in pieces of random size (in some texts a few bytes at a time, so that parts
     * start just as their bytes are in), the bytes not yet arrived all '9' (a reading past
     * what has arrived would read them as digits); the scan told after each piece, then finished.
     */
    private static NumberLeaves arriving(byte[] text, int minCount, int parts, Spread spread, int partBytes, int ahead, Random rnd) {
        byte[] into = new byte[text.length];
        Arrays.fill(into, (byte) '9');
        JsonNumberArrays.Arriving scan = new JsonNumberArrays.Arriving(into, minCount, parts, spread, partBytes, ahead);
        int at = 0;
        int piece = rnd.nextBoolean() ? 64 : Math.max(1, text.length / 20);
        while (at < text.length) {
            int n = Math.min(text.length - at, 1 + rnd.nextInt(piece));
            System.arraycopy(text, at, into, at, n);
            at += n;
            scan.arrived(at);
        }
        return scan.finish();
    }

    private static Spread onPool(ForkJoinPool pool) {
        return new Spread() {
            @Override
            public void forEach(int count, java.util.function.IntConsumer task) {
                fork(count, task).run();
            }

            @Override
            public Runnable fork(int count, java.util.function.IntConsumer task) {
                var f = pool.submit(() -> IntStream.range(0, count).parallel().forEach(task));
                return f::join;
            }
        };
    }

    private static String longRow(Random rnd) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0, n = 100 + rnd.nextInt(3000); i < n; i++) {
            s.append(i == 0 ? "" : rnd.nextInt(50) == 0 ? " ,  " : ",").append(rnd.nextInt(3) == 0 ? Integer.toString(rnd.nextInt()) : Double.toString(rnd.nextGaussian()));
        }
        return s.append(']').toString();
    }

    @Test
    void aShortTextIsScannedInOnePartWhateverTheParts() {
        byte[] text = "[1, 2, 3]".getBytes(StandardCharsets.UTF_8);
        Spread refusing = (count, task) -> {
            throw new AssertionError("a short text was spread");
        };
        assertSame(JsonNumberArrays.scan(text, 1, 8, refusing), JsonNumberArrays.scan(text, 1), "a short text");
    }

    /** Objects, strings that look like arrays (with escapes), nested arrays and arrays of numbers in every form. */
    private static String randomText(Random rnd, int items) {
        StringBuilder s = new StringBuilder(rnd.nextBoolean() ? "[" : "{");
        boolean object = s.charAt(0) == '{';
        for (int i = 0; i < items; i++) {
            s.append(i == 0 ? "" : rnd.nextBoolean() ? ", " : ",");
            if (object) {
                s.append('"').append(rnd.nextBoolean() ? "k" + i : "k\\\"[" + i).append("\": ");
            }
            switch (rnd.nextInt(5)) {
                case 0 -> s.append("\"").append(rnd.nextBoolean() ? "[1, 2, 3]" : "\\\\").append(rnd.nextBoolean() ? "\\\"[4, 5.5]" : "")
                        .append("\"");
                case 1 -> s.append("[[").append(numbers(rnd)).append("], [").append(numbers(rnd)).append("]]");
                case 2 -> s.append("[").append(numbers(rnd)).append(rnd.nextInt(8) == 0 ? ", \"x\"" : "").append("]");
                case 3 -> s.append(rnd.nextBoolean() ? "true" : "-12.5e3");
                default -> s.append("[").append(numbers(rnd)).append("]");
            }
        }
        return s.append(object ? "}" : "]").toString();
    }

    private static String numbers(Random rnd) {
        StringBuilder s = new StringBuilder();
        int n = 1 + rnd.nextInt(12);
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "" : rnd.nextBoolean() ? ", " : ",");
            s.append(switch (rnd.nextInt(4)) {
                case 0 -> Integer.toString(rnd.nextInt(2001) - 1000);
                case 1 -> Double.toString(rnd.nextGaussian());
                case 2 -> rnd.nextDouble() + "e" + (rnd.nextInt(41) - 20);
                default -> "-0.0";
            });
        }
        return s.toString();
    }

    private static void assertSame(NumberLeaves got, NumberLeaves want, String where) {
        if (want == null) {
            assertThat(got).as(where).isNull();
            return;
        }
        assertThat(got).as(where).isNotNull();
        assertThat(got.length()).as("length of the rest of %s", where).isEqualTo(want.length());
        assertThat(Arrays.copyOf(got.text(), got.length())).as("the rest of %s", where).isEqualTo(Arrays.copyOf(want.text(), want.length()));
        assertThat(got.count()).as("leaves of %s", where).isEqualTo(want.count());
        for (int l = 0; l < want.count(); l++) {
            assertThat(got.offset(l)).as("offset of leaf %d of %s", l, where).isEqualTo(want.offset(l));
            long[] g = Arrays.stream(got.values(l)).mapToLong(Double::doubleToRawLongBits).toArray();
            long[] w = Arrays.stream(want.values(l)).mapToLong(Double::doubleToRawLongBits).toArray();
            assertThat(g).as("leaf %d of %s", l, where).isEqualTo(w);
        }
    }
}
