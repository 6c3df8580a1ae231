package dev.convolution.codec;

import static dev.convolution.codec.NpyStreamTest.LIMIT;
import static dev.convolution.codec.NpyStreamTest.NO_LIMIT;
import static dev.convolution.codec.NpyStreamTest.PART;
import static dev.convolution.codec.NpyStreamTest.field;
import static dev.convolution.codec.NpyStreamTest.npy;
import static dev.convolution.codec.NpyStreamTest.pieces;
import static dev.convolution.codec.NpyStreamTest.resource;
import static dev.convolution.codec.NpyStreamTest.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.convolution.core.error.InvalidRequestException;
import dev.convolution.core.error.LimitExceededException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@code .npy} file read from a stream refuses what {@link Npy#read} refuses with the same exception, field and message
 * (numpy's broken files, and headers cut or mangled here), and refuses the shapes it does not stream.
 */
class NpyStreamRefusalsTest {
    private static final long MAX_ELEMENTS = 1_000_000;
    /** Files whose shape a streamed input does not take at all (rank 0 or over 4, a zero-length axis). */
    private static final Set<String> NOT_STREAMED = Set.of("rank_33.npy", "truncated_scalar.npy", "trailing_zero_size.npy");

    static Stream<String> brokenFiles() {
        try (InputStream in = NpyStreamRefusalsTest.class.getResourceAsStream("/npy/manifest.json")) {
            List<String> files = new ArrayList<>();
            for (JsonNode e : JsonMapper.builder().build().readTree(in).get("files")) {
                if (e.get("kind").asString().equals("error") && !NOT_STREAMED.contains(e.get("file").asString())) {
                    files.add(e.get("file").asString());
                }
            }
            return files.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertSameRefusal(Throwable streamed, Throwable expected, String what) {
        assertThat(expected).as("Npy.read of %s", what).isInstanceOfAny(InvalidRequestException.class, LimitExceededException.class);
        assertThat(streamed).as("%s streamed", what).hasSameClassAs(expected).hasMessage(expected.getMessage());
        assertThat(field(streamed)).isEqualTo(field(expected)).isEqualTo(PART);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void refusesNumpysBrokenFilesReadWholeAsNpyReadDoes(String file) throws IOException {
        byte[] bytes = resource(file);
        Throwable expected = catchThrowable(() -> Npy.read(PART, bytes, MAX_ELEMENTS));
        Throwable streamed = catchThrowable(() -> NpyStream.open(PART, pieces(bytes, new Random(1), 3), NO_LIMIT, LIMIT)
                .readWhole(MAX_ELEMENTS));
        assertSameRefusal(streamed, expected, file);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void refusesNumpysBrokenFilesReadByRowsAsNpyReadDoesButForTheDataLength(String file) throws IOException {
        byte[] bytes = resource(file);
        Throwable expected = catchThrowable(() -> Npy.read(PART, bytes, NO_LIMIT));
        Throwable streamed = file.equals("limit_huge_shape.npy") ? null : catchThrowable(() -> {
            NpyStream s = NpyStream.open(PART, pieces(bytes, new Random(2), 5), NO_LIMIT, LIMIT);
            if (s.fortranOrder()) {
                s.readWhole(NO_LIMIT);
            } else {
                rows(s);
            }
        });
        if (file.equals("truncated_data.npy")) {
            assertThat(streamed).hasMessage("the part 'input' is truncated: its data ends after 40 of the 48 bytes its header declares");
        } else if (file.equals("trailing_bytes.npy")) {
            assertThat(streamed).as("rows end where the data does: StreamedInput.finish() finds the trailing bytes").isNull();
        } else if (file.equals("limit_huge_shape.npy")) {
            Throwable limited = catchThrowable(() -> NpyStream.open(PART, new ByteArrayInputStream(bytes), 64L << 30, LIMIT));
            assertThat(limited).as("8 TB of data declared: refused by the streamed limit, from the header alone")
                    .isInstanceOf(LimitExceededException.class).hasMessage("the part 'input' has 8000000000000 bytes of data (shape "
                            + "(1000000, 1000000), float64), more than the limit of 68719476736 (" + LIMIT + ")");
        } else {
            assertSameRefusal(streamed, expected, file);
        }
    }

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private static byte[] bytes(Object... pieces) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Object p : pieces) {
            out.writeBytes(p instanceof byte[] b ? b : p instanceof Integer i ? new byte[] {i.byteValue()}
                    : ((String) p).getBytes(StandardCharsets.ISO_8859_1));
        }
        return out.toByteArray();
    }

    static Stream<byte[]> mangledHeaders() {
        byte[] good = npy(1, "<f8", false, "(2, 3)", new byte[48]);
        byte[] v2 = npy(2, "<f8", false, "(2, 3)", new byte[48]);
        List<byte[]> cases = new ArrayList<>();
        for (int cut : new int[] {0, 1, 3, 6, 7, 8, 9, 10, 11, 40, good.length - 49}) {
            cases.add(Arrays.copyOf(good, cut)); // empty, inside the magic, the version, the length, the header
        }
        for (int cut : new int[] {8, 9, 10, 11, 12, 13, 60}) {
            cases.add(Arrays.copyOf(v2, cut));
        }
        cases.add(bytes("\u0089PNG\r\n\u001a\n", good));
        cases.add(bytes((Object) "\u0093NUMPX"));
        cases.add(bytes((Object) "\u0093NUM"));
        cases.add(bytes("x", good));
        for (int[] version : new int[][] {{1, 1}, {0, 0}, {4, 0}, {2, 1}, {255, 0}}) {
            byte[] b = good.clone();
            b[6] = (byte) version[0];
            b[7] = (byte) version[1];
            cases.add(b);
        }
        cases.add(bytes(MAGIC, 1, 0, 200, 0, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }"));
        cases.add(bytes(MAGIC, 3, 0, 8, 0, 0, 0, 0xff, 0xfe, "{}     \n"));
        cases.add(npy(1, "<f8', 'x': (", false, "(2,)", new byte[16]));
        cases.add(npy(1, "<f2", false, "(2,)", new byte[4]));
        cases.add(npy(1, "f8", false, "(2,)", new byte[16]));
        cases.add(npy(3, "<f8", false, "(2, -3)", new byte[16]));
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("mangledHeaders")
    void refusesABadMagicVersionOrHeaderAsNpyReadDoes(byte[] file) {
        Throwable expected = catchThrowable(() -> Npy.read(PART, file, MAX_ELEMENTS));
        for (int maxPiece : new int[] {1, 3, 1000}) {
            Throwable streamed = catchThrowable(() -> NpyStream.open(PART, pieces(file, new Random(maxPiece), maxPiece), NO_LIMIT, LIMIT)
                    .readWhole(MAX_ELEMENTS));
            assertSameRefusal(streamed, expected, new String(file, StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void refusesTheShapesAStreamedInputDoesNotHave() {
        assertThat(openFailure(npy(1, "<f8", false, "()", new byte[8])))
                .hasMessage("the part 'input' has 0 axes (shape ()); a streamed input has 1 to 4");
        assertThat(openFailure(npy(1, "<f8", false, "(1, 2, 1, 2, 1)", new byte[32])))
                .hasMessage("the part 'input' has 5 axes (shape (1, 2, 1, 2, 1)); a streamed input has 1 to 4");
        assertThat(openFailure(npy(1, "<f8", false, "(3, 0, 2)", new byte[0]))).hasMessage(
                "the part 'input' has an axis of length 0 (shape (3, 0, 2)); a streamed input's axes are 1 to 2147483647 long");
        assertThat(openFailure(npy(1, "<i8", false, "(0,)", new byte[0]))).hasMessageContaining("has an axis of length 0 (shape (0,))");
        assertThat(openFailure(npy(1, "|u1", false, "(2147483648,)", new byte[0])))
                .hasMessageContaining("has an axis of length 2147483648 (shape (2147483648,))");
    }

    private static Throwable openFailure(byte[] file) {
        Throwable t = catchThrowable(() -> NpyStream.open(PART, new ByteArrayInputStream(file), NO_LIMIT, LIMIT));
        assertThat(t).isInstanceOf(InvalidRequestException.class);
        assertThat(field(t)).isEqualTo(PART);
        return t;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void readWholeRefusesMoreThanTheElementLimitAsNpyReadDoes(boolean fortran) throws IOException {
        byte[] file = npy(1, "<f4", fortran, "(7, 11, 13)", new byte[7 * 11 * 13 * 4]);
        Throwable expected = catchThrowable(() -> Npy.read(PART, file, 1000));
        Throwable streamed = catchThrowable(() -> NpyStream.open(PART, new ByteArrayInputStream(file), NO_LIMIT, LIMIT).readWhole(1000));
        assertSameRefusal(streamed, expected, "1001 elements over a limit of 1000");
        assertThat(streamed).hasMessage("the part 'input' has 1001 elements (shape (7, 11, 13)), more than the limit of 1000 elements");
        NpyStream s = NpyStream.open(PART, new ByteArrayInputStream(file), NO_LIMIT, LIMIT);
        assertThat(catchThrowable(() -> s.requireElements(1000))).hasMessage(expected.getMessage());
        assertThat(s.readWhole(1001).values()).hasSize(1001);
    }

    @Test
    void readWholeRefusesBytesAfterTheDataAsNpyReadDoes() throws IOException {
        for (int extra : new int[] {1, 7, 100_000}) {
            byte[] file = npy(1, "<i4", true, "(2, 3)", new byte[24 + extra]);
            Throwable expected = catchThrowable(() -> Npy.read(PART, file, MAX_ELEMENTS));
            Throwable streamed = catchThrowable(() -> NpyStream.open(PART, pieces(file, new Random(extra), 9), NO_LIMIT, LIMIT)
                    .readWhole(MAX_ELEMENTS));
            assertSameRefusal(streamed, expected, extra + " trailing bytes");
            assertThat(streamed).hasMessage("the part 'input' has trailing bytes: the header says 6 int32 values (shape (2, 3), 24 "
                    + "bytes) but " + (24 + extra) + " bytes follow");
        }
    }

    @Test
    void readWholeAfterRowsIsRefused() throws IOException {
        NpyStream s = NpyStream.open(PART, new ByteArrayInputStream(npy(1, "<f8", false, "(2, 2)", new byte[32])), NO_LIMIT, LIMIT);
        s.readRow(new double[2], null);
        assertThat(catchThrowable(() -> s.readWhole(NO_LIMIT))).isInstanceOf(IllegalStateException.class);
    }
}
