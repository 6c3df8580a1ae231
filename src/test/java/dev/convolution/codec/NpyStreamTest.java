package dev.convolution.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.convolution.core.error.ConvolutionException;
import dev.convolution.core.error.InvalidRequestException;
import dev.convolution.core.error.LimitExceededException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@code .npy} file read from a stream, row by row or whole, against {@link Npy#read} of the same bytes: numpy's own
 * files ({@code src/test/resources/npy}) and files made here of every dtype, byte order, format version and rank 1 to 4,
 * arriving in small random pieces.
 */
class NpyStreamTest {
    static final String PART = "input";
    static final long NO_LIMIT = Long.MAX_VALUE;
    static final String LIMIT = "convolution.limits.max-streamed-bytes";
    /** Every dtype read, as numpy writes its descriptor with the byte order left out. */
    static final List<String> CODES = List.of("f8", "f4", "i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8", "b1", "c8", "c16");

    /** Bytes handed out in pieces of 1 to {@code maxPiece}, at random (not a ByteArrayInputStream: its readNBytes reads once). */
    static InputStream pieces(byte[] bytes, Random random, int maxPiece) {
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        return new InputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, Math.min(len, 1 + random.nextInt(maxPiece)));
            }
        };
    }

    /** A .npy file: magic, version, header length, the dict padded with spaces to 64 bytes and a newline, then data. */
    static byte[] npy(int major, String descr, boolean fortran, String shape, byte[] data) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape + ", }";
        int prefix = major == 1 ? 10 : 12;
        byte[] text = dict.getBytes(StandardCharsets.UTF_8);
        int padding = 64 - (prefix + text.length + 1) % 64;
        int length = text.length + padding + 1;
        ByteBuffer b = ByteBuffer.allocate(prefix + length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            b.putShort((short) length);
        } else {
            b.putInt(length);
        }
        b.put(text).put(" ".repeat(padding).getBytes(StandardCharsets.ISO_8859_1)).put((byte) '\n').put(data);
        return b.array();
    }

    static String repr(int[] shape) {
        return Npy.repr(Arrays.stream(shape).boxed().toArray());
    }

    /** {@code n} random items of a dtype that {@link Npy#read} accepts, in the byte order given. */
    static byte[] data(String code, ByteOrder order, int n, Random r) {
        int size = Integer.parseInt(code.substring(1));
        ByteBuffer b = ByteBuffer.allocate(n * size).order(order);
        for (int i = 0; i < n; i++) {
            switch (code) {
                case "f8" -> b.putDouble(r.nextGaussian() * 1e3);
                case "f4" -> b.putFloat((float) (r.nextGaussian() * 1e3));
                case "c16" -> b.putDouble(r.nextGaussian()).putDouble(r.nextGaussian() * 1e-300);
                case "c8" -> b.putFloat((float) r.nextGaussian()).putFloat(Float.MIN_VALUE * r.nextInt(5));
                case "b1" -> b.put((byte) r.nextInt(2));
                case "i1", "u1" -> b.put((byte) r.nextInt());
                case "i2", "u2" -> b.putShort((short) r.nextInt());
                case "i4", "u4" -> b.putInt(r.nextInt());
                case "i8" -> b.putLong(r.nextLong() >> 10);
                case "u8" -> b.putLong(r.nextLong() >>> 11);
                default -> throw new IllegalArgumentException(code);
            }
        }
        return b.array();
    }

    /** The rows of a C-order file read one by one, concatenated: {re, im (null for a real file)}. */
    static double[][] rows(NpyStream s) throws IOException {
        int n = s.rowSize();
        int rows = s.shape()[0];
        boolean complex = s.type().isComplex();
        double[] re = new double[rows * n];
        double[] im = complex ? new double[rows * n] : null;
        double[] rowRe = new double[n];
        double[] rowIm = new double[n];
        for (int r = 0; r < rows; r++) {
            s.readRow(rowRe, complex ? rowIm : null);
            System.arraycopy(rowRe, 0, re, r * n, n);
            if (complex) {
                System.arraycopy(rowIm, 0, im, r * n, n);
            }
        }
        return new double[][] {re, im};
    }

    static long[] bits(double[] v) {
        return v == null ? null : Arrays.stream(v).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    static String field(Throwable t) {
        return ((ConvolutionException) t).violations().get(0).field();
    }

    /** Rows read from the file in random pieces equal {@link Npy#read}, bit for bit; and so does {@code readWhole}. */
    static void assertReadsAsNpyRead(byte[] file, Random r, String what) throws IOException {
        NpyArray whole = Npy.read(PART, file, NO_LIMIT);
        NpyStream s = NpyStream.open(PART, pieces(file, r, 1 + r.nextInt(40)), NO_LIMIT, LIMIT);
        assertThat(s.shape()).as("shape of %s", what).containsExactly(whole.shape());
        assertThat(s.type()).as("type of %s", what).isEqualTo(whole.type());
        assertThat(s.dataBytes()).isEqualTo((long) whole.values().length * s.itemSize());
        if (!s.fortranOrder()) {
            double[][] rows = rows(s);
            assertThat(bits(rows[0])).as("rows of %s", what).isEqualTo(bits(whole.values()));
            assertThat(bits(rows[1])).as("imaginary parts of the rows of %s", what).isEqualTo(bits(whole.imag()));
        }
        NpyArray streamed = NpyStream.open(PART, pieces(file, r, 1 + r.nextInt(40)), NO_LIMIT, LIMIT).readWhole(NO_LIMIT);
        assertThat(streamed.shape()).containsExactly(whole.shape());
        assertThat(bits(streamed.values())).as("readWhole of %s", what).isEqualTo(bits(whole.values()));
        assertThat(bits(streamed.imag())).as("readWhole's imaginary parts of %s", what).isEqualTo(bits(whole.imag()));
    }

    static Stream<String> numpyFiles() {
        try (InputStream in = NpyStreamTest.class.getResourceAsStream("/npy/manifest.json")) {
            List<String> files = new ArrayList<>();
            for (JsonNode e : JsonMapper.builder().build().readTree(in).get("files")) {
                if (e.get("kind").asString().equals("read")) {
                    files.add(e.get("file").asString());
                }
            }
            return files.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] resource(String file) throws IOException {
        try (InputStream in = NpyStreamTest.class.getResourceAsStream("/npy/" + file)) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("numpyFiles")
    void readsNumpysOwnFilesAsNpyReadDoesOrRefusesTheShapesItDoesNotStream(String file) throws IOException {
        byte[] bytes = resource(file);
        int[] shape = Npy.read(PART, bytes, NO_LIMIT).shape();
        if (shape.length == 0 || shape.length > 4 || Arrays.stream(shape).anyMatch(d -> d == 0)) {
            assertThat(catchThrowable(() -> NpyStream.open(PART, new ByteArrayInputStream(bytes), NO_LIMIT, LIMIT)))
                    .as("%s of shape %s", file, Arrays.toString(shape)).isInstanceOf(InvalidRequestException.class);
        } else {
            assertReadsAsNpyRead(bytes, new Random(file.hashCode()), file);
        }
    }

    @Test
    void readsEveryDtypeByteOrderVersionAndRankAsNpyReadDoes() throws IOException {
        Random r = new Random(7);
        int files = 0;
        for (String code : CODES) {
            for (String order : code.endsWith("1") ? List.of("|", "<", ">") : List.of("<", ">")) {
                for (int major = 1; major <= 3; major++) {
                    for (int rank = 1; rank <= 4; rank++) {
                        int[] shape = new int[rank];
                        int n = 1;
                        for (int a = 0; a < rank; a++) {
                            shape[a] = 1 + r.nextInt(rank < 3 ? 9 : 4);
                            n *= shape[a];
                        }
                        ByteOrder bo = order.equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
                        boolean fortran = r.nextInt(3) == 0;
                        byte[] file = npy(major, order + code, fortran, repr(shape), data(code, bo, n, r));
                        assertReadsAsNpyRead(file, r, order + code + " v" + major + " " + repr(shape) + (fortran ? " F" : " C"));
                        files++;
                    }
                }
            }
        }
        assertThat(files).as("29 dtypes and byte orders, 3 versions, 4 ranks").isEqualTo(29 * 3 * 4);
    }

    @Test
    void aRowFileReadsRowsOfTheProductOfTheOtherAxes() throws IOException {
        byte[] file = npy(1, "<i2", false, "(3, 4, 5)", data("i2", ByteOrder.LITTLE_ENDIAN, 60, new Random(1)));
        NpyStream s = NpyStream.open(PART, new ByteArrayInputStream(file), NO_LIMIT, LIMIT);
        assertThat(s.rowSize()).isEqualTo(20);
        assertThat(s.itemSize()).isEqualTo(2);
        assertThat(s.dataBytes()).isEqualTo(120);
        assertThat(s.fortranOrder()).isFalse();
        NpyStream fortran = NpyStream.open(PART, new ByteArrayInputStream(npy(1, "<i2", true, "(3, 4, 5)", new byte[120])), NO_LIMIT, LIMIT);
        assertThat(fortran.fortranOrder()).isTrue();
        assertThat(catchThrowable(() -> fortran.readRow(new double[20], null))).isInstanceOf(IllegalStateException.class);
        NpyStream column = NpyStream.open(PART, new ByteArrayInputStream(npy(1, "<i2", true, "(3,)", new byte[6])), NO_LIMIT, LIMIT);
        assertThat(column.fortranOrder()).as("one axis: Fortran order is C order").isFalse();
    }

    @Test
    void refusesDataThatEndsWithinARowNamingThePartAndTheBytesThatArrived() throws IOException {
        byte[] full = npy(1, "<f8", false, "(3, 4)", data("f8", ByteOrder.LITTLE_ENDIAN, 12, new Random(2)));
        byte[] cut = Arrays.copyOf(full, full.length - 96 + 40); // one row of 32 bytes and 8 of the next
        NpyStream s = NpyStream.open(PART, pieces(cut, new Random(3), 5), NO_LIMIT, LIMIT);
        double[] row = new double[4];
        s.readRow(row, null);
        Throwable t = catchThrowable(() -> s.readRow(row, null));
        assertThat(t).isInstanceOf(InvalidRequestException.class)
                .hasMessage("the part 'input' is truncated: its data ends after 40 of the 96 bytes its header declares");
        assertThat(field(t)).isEqualTo(PART);
        NpyStream empty = NpyStream.open(PART, new ByteArrayInputStream(Arrays.copyOf(full, full.length - 96)), NO_LIMIT, LIMIT);
        assertThat(catchThrowable(() -> empty.readRow(row, null)))
                .hasMessage("the part 'input' is truncated: its data ends after 0 of the 96 bytes its header declares");
    }

    /** A value put at a position of a file of shape (4, 3, 5) (row size 15) of random valid items. */
    static byte[] withValue(String descr, int flat, byte[] item, long seed) {
        String code = descr.substring(1);
        int size = item.length;
        byte[] data = data(code, descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN, 60, new Random(seed));
        System.arraycopy(item, 0, data, flat * size, size);
        return npy(1, descr, false, "(4, 3, 5)", data);
    }

    static byte[] item(int size, ByteOrder order, java.util.function.Consumer<ByteBuffer> put) {
        ByteBuffer b = ByteBuffer.allocate(size).order(order);
        put.accept(b);
        return b.array();
    }

    @Test
    void namesABadValueInARowByItsFlatIndexInTheWholeArrayAsNpyReadDoes() throws IOException {
        ByteOrder le = ByteOrder.LITTLE_ENDIAN;
        ByteOrder be = ByteOrder.BIG_ENDIAN;
        record Bad(String descr, byte[] item) {
        }
        List<Bad> bads = List.of(new Bad("<f8", item(8, le, b -> b.putDouble(Double.NaN))),
                new Bad(">f8", item(8, be, b -> b.putDouble(Double.NEGATIVE_INFINITY))),
                new Bad("<f4", item(4, le, b -> b.putFloat(Float.POSITIVE_INFINITY))),
                new Bad("<i8", item(8, le, b -> b.putLong((1L << 53) + 1))),
                new Bad(">i8", item(8, be, b -> b.putLong(-(1L << 53) - 1))),
                new Bad("<u8", item(8, le, b -> b.putLong(-1L))),
                new Bad("|b1", new byte[] {2}),
                new Bad("<c16", item(16, le, b -> b.putDouble(1).putDouble(Double.NaN))),
                new Bad(">c8", item(8, be, b -> b.putFloat(Float.NaN).putFloat(0))));
        Random r = new Random(11);
        for (Bad bad : bads) {
            for (int flat : new int[] {0, 14, 15, 37, 59}) {
                byte[] file = withValue(bad.descr(), flat, bad.item(), flat);
                Throwable expected = catchThrowable(() -> Npy.read(PART, file, NO_LIMIT));
                assertThat(expected).as("Npy.read of %s at %d", bad.descr(), flat).isInstanceOf(InvalidRequestException.class)
                        .hasMessageContaining("flat index " + flat);
                NpyStream s = NpyStream.open(PART, pieces(file, r, 7), NO_LIMIT, LIMIT);
                double[] re = new double[15];
                double[] im = new double[15];
                for (int row = 0; row < flat / 15; row++) {
                    s.readRow(re, im); // the rows before it are read
                }
                Throwable t = catchThrowable(() -> s.readRow(re, im));
                assertThat(t).as("%s at flat index %d, in row %d", bad.descr(), flat, flat / 15).isInstanceOf(InvalidRequestException.class)
                        .hasMessage(expected.getMessage());
                assertThat(field(t)).isEqualTo(PART);
            }
        }
    }

    @Test
    void refusesAHeaderDeclaringMoreDataThanTheLimitNamingThePartAndTheLimit() throws IOException {
        byte[] file = npy(1, "<f4", false, "(1000, 1000, 3)", new byte[0]);
        Throwable t = catchThrowable(() -> NpyStream.open(PART, new ByteArrayInputStream(file), 11_999_999, LIMIT));
        assertThat(t).isInstanceOf(LimitExceededException.class).hasMessage("the part 'input' has 12000000 bytes of data (shape "
                + "(1000, 1000, 3), float32), more than the limit of 11999999 (convolution.limits.max-streamed-bytes)");
        assertThat(field(t)).isEqualTo(PART);
        assertThat(NpyStream.open(PART, new ByteArrayInputStream(file), 12_000_000, LIMIT).dataBytes()).isEqualTo(12_000_000);
        byte[] huge = npy(2, "<c16", false, "(4294967296, 4294967296)", new byte[0]);
        assertThat(catchThrowable(() -> NpyStream.open("kernel", new ByteArrayInputStream(huge), 64L << 30, "some.limit")))
                .isInstanceOf(LimitExceededException.class).hasMessageContaining("the part 'kernel' has 295147905179352825856 bytes")
                .hasMessageEndingWith("more than the limit of 68719476736 (some.limit)");
    }
}
