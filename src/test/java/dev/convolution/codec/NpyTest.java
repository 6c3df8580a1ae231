package dev.convolution.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.convolution.core.error.ConvolutionException;
import dev.convolution.core.error.InvalidRequestException;
import dev.convolution.core.error.LimitExceededException;
import dev.convolution.core.type.ElementType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code .npy} reader and writer against numpy's own files ({@code scripts/generate_npy_fixtures.py} writes them
 * and {@code src/test/resources/npy/manifest.json} says what numpy reads from each, or what must be refused), plus the
 * element limit checked before allocation, random round trips and the writer's choice of dtype.
 */
class NpyTest {
    private static final String PART = "input";
    /** Where {@link #embedded} puts a file: an odd place, so that no offset into the buffer passes for one into the file. */
    private static final int EMBED_OFFSET = 37;

    /** One manifest entry: a file numpy wrote and what it holds, or the refusal it must meet. */
    record Entry(String file, String kind, String what, int[] shape, double[] values, String dtype, String exception,
            String message, double[] imag) {
        byte[] bytes() {
            return resource("/npy/" + file);
        }

        @Override
        public String toString() {
            return file + " (" + what + ")";
        }
    }

    private static final JsonNode MANIFEST = manifest();
    private static final long MAX_ELEMENTS = MANIFEST.get("maxElements").asLong();

    private static JsonNode manifest() {
        try (InputStream in = NpyTest.class.getResourceAsStream("/npy/manifest.json")) {
            return JsonMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] resource(String path) {
        try (InputStream in = NpyTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing: run scripts/generate_npy_fixtures.py");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double[] doubles(JsonNode list) {
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i).asDouble();
        }
        return out;
    }

    private static List<Entry> entries() {
        List<Entry> all = new ArrayList<>();
        for (JsonNode e : MANIFEST.get("files")) {
            int[] shape = null;
            double[] values = null;
            if (e.has("shape")) {
                shape = new int[e.get("shape").size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = e.get("shape").get(i).asInt();
                }
                values = new double[e.get("values").size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = e.get("values").get(i).asDouble();
                }
            }
            all.add(new Entry(e.get("file").asString(), e.get("kind").asString(), e.get("what").asString(), shape, values,
                    e.has("dtype") ? e.get("dtype").asString() : null, e.has("exception") ? e.get("exception").asString() : null,
                    e.has("message") ? e.get("message").asString() : null, e.has("imag") ? doubles(e.get("imag")) : null));
        }
        return all;
    }

    private static Stream<Arguments> ofKind(String kind) {
        return entries().stream().filter(e -> e.kind().equals(kind)).map(e -> Arguments.of(e.file(), e));
    }

    static Stream<Arguments> readable() {
        return ofKind("read");
    }

    static Stream<Arguments> refused() {
        return ofKind("error");
    }

    static Stream<Arguments> written() {
        return ofKind("write");
    }

    /** The bits of each value, so that -0.0 and 0.0 differ and equal doubles compare exactly. */
    private static long[] bits(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    @Test
    void theFixturesCoverEveryDtypeByteOrderLayoutAndVersion() {
        Set<String> files = entries().stream().map(Entry::file).collect(Collectors.toCollection(TreeSet::new));
        for (String code : List.of("f8", "f4", "i2", "i4", "i8", "u2", "u4", "u8")) {
            for (String order : List.of("le", "be")) {
                assertThat(files).contains(code + "_" + order + "_c.npy", code + "_" + order + "_f.npy");
            }
        }
        for (String code : List.of("i1", "u1", "b1")) {
            assertThat(files).contains(code + "_na_c.npy", code + "_na_f.npy");
        }
        assertThat(files).contains("f8_le_c_v2.npy", "f8_le_c_v3.npy", "i2_be_f_v2.npy", "i2_be_f_v3.npy");
        Set<String> kinds = entries().stream().map(Entry::kind).collect(Collectors.toSet());
        assertThat(kinds).containsExactlyInAnyOrder("read", "error", "write");
        assertThat(entries().stream().filter(e -> e.kind().equals("read")).map(e -> e.shape().length).collect(Collectors.toSet()))
                .as("ranks read").contains(0, 1, 2, 3, 4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readable")
    void readsWhatNumpyReadsFromItsOwnFiles(String file, Entry e) {
        NpyArray a = Npy.read(PART, e.bytes(), MAX_ELEMENTS);
        assertThat(a.shape()).as("shape of %s", e).containsExactly(e.shape());
        assertThat(bits(a.values())).as("values of %s, bit for bit, in C order", e).isEqualTo(bits(e.values()));
        if (e.imag() == null) {
            assertThat(a.imag()).as("a real file has no imaginary parts").isNull();
        } else {
            assertThat(a.type().isComplex()).as("type of %s", e).isTrue();
            assertThat(bits(a.imag())).as("imaginary parts of %s, bit for bit, in C order", e).isEqualTo(bits(e.imag()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readable")
    void readsAFileInPlaceInsideALargerBufferAsItReadsTheFileAlone(String file, Entry e) {
        byte[] buffer = embedded(e.bytes());
        NpyArray a = Npy.read(PART, buffer, EMBED_OFFSET, e.bytes().length, MAX_ELEMENTS);
        assertThat(a.shape()).as("shape of %s", e).containsExactly(e.shape());
        assertThat(bits(a.values())).as("values of %s read in place", e).isEqualTo(bits(e.values()));
        if (e.imag() != null) {
            assertThat(bits(a.imag())).as("imaginary parts of %s read in place", e).isEqualTo(bits(e.imag()));
        }
        assertThat(Npy.isNpy(buffer, EMBED_OFFSET, e.bytes().length)).isTrue();
        assertThat(Npy.isNpy(buffer, 0, buffer.length)).as("the bytes before the file are not a .npy file").isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesAFileInPlaceInsideALargerBufferWithTheMessageOfTheFileAlone(String file, Entry e) {
        Throwable alone = catchThrowable(() -> Npy.read(PART, e.bytes(), MAX_ELEMENTS));
        Throwable inPlace = catchThrowable(() -> Npy.read(PART, embedded(e.bytes()), EMBED_OFFSET, e.bytes().length, MAX_ELEMENTS));
        assertThat(inPlace).as("%s", e).isNotNull().hasSameClassAs(alone).hasMessage(alone.getMessage());
    }

    /** The file between bytes that would pass for .npy bytes or data if they were read: a read must stay inside it. */
    private static byte[] embedded(byte[] file) {
        byte[] buffer = new byte[EMBED_OFFSET + file.length + 64];
        java.util.Arrays.fill(buffer, (byte) 0x7f);
        byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
        System.arraycopy(magic, 0, buffer, 1, magic.length);
        System.arraycopy(file, 0, buffer, EMBED_OFFSET, file.length);
        return buffer;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesMalformedOrUnsupportedFilesNamingThePartAndTheFault(String file, Entry e) {
        Throwable thrown = catchThrowable(() -> Npy.read(PART, e.bytes(), MAX_ELEMENTS));
        assertThat(thrown).as("%s", e).isInstanceOf(e.exception().equals("limit") ? LimitExceededException.class
                : InvalidRequestException.class);
        assertThat(thrown.getMessage()).as("%s", e).startsWith("the part 'input' ").contains(e.message());
        ConvolutionException c = (ConvolutionException) thrown;
        assertThat(c.violations()).as("%s", e).hasSize(1);
        assertThat(c.violations().get(0).field()).isEqualTo(PART);
        assertThat(c.violations().get(0).message()).isEqualTo(thrown.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("written")
    void writesTheBytesNumpySaveWrites(String file, Entry e) throws IOException {
        byte[] numpy = e.bytes();
        assertThat(Npy.dtypeFor(e.values())).as("dtype of %s", e).isEqualTo(e.dtype());
        assertThat(Npy.write(e.shape(), e.values())).as("%s", e).containsExactly(numpy);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(e.shape(), e.values(), out);
        assertThat(out.toByteArray()).as("%s through a stream", e).containsExactly(numpy);
        assertThat(Npy.length(e.shape(), e.values().length)).as("the length said before writing %s", e).isEqualTo(numpy.length);
        NpyArray back = Npy.read(PART, numpy, Long.MAX_VALUE);
        assertThat(back.shape()).containsExactly(e.shape());
        assertThat(bits(back.values())).isEqualTo(bits(e.values()));
    }

    /** A version-1.0 file whose header claims the shape and that holds the given data bytes. */
    private static byte[] claiming(String shape, int dataBytes) {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': " + shape + ", }";
        int padding = 64 - (10 + dict.length() + 1) % 64;
        byte[] header = (dict + " ".repeat(padding) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] file = new byte[10 + header.length + dataBytes];
        byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length, (byte) (header.length >>> 8)};
        System.arraycopy(magic, 0, file, 0, 10);
        System.arraycopy(header, 0, file, 10, header.length);
        return file;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"c16_le_c.npy", "c8_le_c.npy"})
    void writesComplexFilesAsNumpySaveDoes(String file) throws IOException {
        Entry e = entries().stream().filter(x -> x.file().equals(file)).findFirst().orElseThrow();
        ElementType type = file.startsWith("c16") ? ElementType.COMPLEX128 : ElementType.COMPLEX64;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.writeComplex(e.shape(), e.values(), e.imag(), type, out);
        assertThat(out.toByteArray()).as("np.save's bytes of %s", e).containsExactly(e.bytes());
        assertThat(Npy.length(e.shape(), e.values().length, type)).isEqualTo(e.bytes().length);
        NpyArray back = Npy.read(PART, out.toByteArray(), MAX_ELEMENTS);
        assertThat(back.type()).isEqualTo(type);
        assertThat(bits(back.imag())).isEqualTo(bits(e.imag()));
    }

    @Test
    void theElementLimitIsCheckedFromTheHeaderBeforeAnythingIsAllocated() {
        byte[] trillion = claiming("(1000000, 1000000)", 0);
        assertThatThrownBy(() -> Npy.read(PART, trillion, 1 << 24)).isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("the part 'input'").hasMessageContaining("1000000000000 elements")
                .hasMessageContaining("the limit of 16777216 elements");
        // Without a limit the same header is refused as truncated, still before allocating 8 TB.
        assertThatThrownBy(() -> Npy.read(PART, trillion, Long.MAX_VALUE)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("is truncated: the header says 1000000000000 float64 values");
        // A product beyond any long is a limit, not an overflow.
        byte[] beyondLong = claiming("(1099511627776, 1099511627776, 1099511627776)", 0);
        assertThatThrownBy(() -> Npy.read(PART, beyondLong, Long.MAX_VALUE)).isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("1329227995784915872903807060280344576 elements");
    }

    @Test
    void anArrayAtTheLimitIsRead() {
        byte[] file = Npy.write(new int[] {4, 5}, new double[20]);
        assertThat(Npy.read(PART, file, 20).shape()).containsExactly(4, 5);
        assertThatThrownBy(() -> Npy.read(PART, file, 19)).isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("has 20 elements (shape (4, 5)), more than the limit of 19 elements");
    }

    @Test
    void aZeroSizeArrayWithAnAxisTooLongForAnIntIsALimit() {
        byte[] file = claiming("(0, 3000000000)", 0);
        assertThatThrownBy(() -> Npy.read(PART, file, Long.MAX_VALUE)).isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("an axis of length 3000000000");
    }

    static LongStream seeds() {
        return LongStream.range(1, 41);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void writtenArraysOfRanksOneToFourReadBackBitForBit(long seed) throws IOException {
        Random rnd = new Random(seed);
        int rank = 1 + rnd.nextInt(4);
        int[] shape = new int[rank];
        int size = 1;
        for (int a = 0; a < rank; a++) {
            shape[a] = 1 + rnd.nextInt(rank == 1 ? 20000 : 12);
            size *= shape[a];
        }
        boolean integers = rnd.nextBoolean();
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = integers ? rnd.nextInt(2001) - 1000 : rnd.nextGaussian() * Math.pow(10, rnd.nextInt(41) - 20);
        }
        if (integers && rnd.nextBoolean()) {
            values[rnd.nextInt(size)] = rnd.nextBoolean() ? 0x1p53 : -0x1p53;
        }
        if (!integers && rnd.nextBoolean()) {
            values[rnd.nextInt(size)] = -0.0;
        }
        byte[] file = Npy.write(shape, values);
        assertThat(new String(file, 10, file.length - 10, StandardCharsets.ISO_8859_1))
                .startsWith("{'descr': '" + (integers ? "<i8" : "<f8") + "', 'fortran_order': False, 'shape': (");
        assertThat((10 + (file[8] & 0xff) + ((file[9] & 0xff) << 8)) % 64).as("data aligned to 64 bytes").isZero();
        NpyArray back = Npy.read(PART, file, size);
        assertThat(back.shape()).containsExactly(shape);
        assertThat(bits(back.values())).isEqualTo(bits(values));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(shape, values, out);
        assertThat(out.toByteArray()).isEqualTo(file);
    }

    @Test
    void aMegabyteArrayReadsBackAndStreamsInPieces() throws IOException {
        Random rnd = new Random(7);
        double[] values = new double[1024 * 1024];
        for (int i = 0; i < values.length; i++) {
            values[i] = rnd.nextDouble() - 0.5;
        }
        int[] shape = {1024, 1024};
        byte[] file = Npy.write(shape, values);
        assertThat(file).hasSize(128 + 8 * values.length);
        assertThat(bits(Npy.read(PART, file, values.length).values())).isEqualTo(bits(values));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(shape, values, out);
        assertThat(out.toByteArray()).isEqualTo(file);
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.rint(values[i] * 1e6);
        }
        assertThat(Npy.dtypeFor(values)).isEqualTo("<i8");
        byte[] ints = Npy.write(shape, values);
        assertThat(bits(Npy.read(PART, ints, values.length).values())).isEqualTo(bits(values));
    }

    @Test
    void fortranOrderIsPutInCOrderForAnyRank() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 200; trial++) {
            int rank = 1 + rnd.nextInt(6);
            int[] shape = new int[rank];
            int size = 1;
            for (int a = 0; a < rank; a++) {
                shape[a] = 1 + rnd.nextInt(4);
                size *= shape[a];
            }
            double[] f = new double[size];
            for (int i = 0; i < size; i++) {
                f[i] = i;
            }
            double[] c = NpyValues.fortranToC(f, shape);
            for (int ci = 0; ci < size; ci++) {
                int rest = ci;
                int fi = 0;
                int[] index = new int[rank];
                for (int a = rank - 1; a >= 0; a--) {
                    index[a] = rest % shape[a];
                    rest /= shape[a];
                }
                for (int a = rank - 1; a >= 0; a--) {
                    fi = fi * shape[a] + index[a];
                }
                assertThat(c[ci]).as("C index %d of shape %s", ci, Arrays.toString(shape)).isEqualTo(fi);
            }
        }
    }

    @Test
    void dtypeForChoosesInt64OnlyForExactIntegersWithinTwoToThe53AndNoNegativeZero() {
        assertThat(Npy.dtypeFor(new double[] {0, 1, -1, 1e15, 0x1p53, -0x1p53})).isEqualTo("<i8");
        assertThat(Npy.dtypeFor(new double[] {})).isEqualTo("<i8");
        assertThat(Npy.dtypeFor(new double[] {1, 0.5})).isEqualTo("<f8");
        assertThat(Npy.dtypeFor(new double[] {1, -0.0})).isEqualTo("<f8");
        assertThat(Npy.dtypeFor(new double[] {0x1p53 + 2})).isEqualTo("<f8");
        assertThat(Npy.dtypeFor(new double[] {-0x1p53 - 2})).isEqualTo("<f8");
        assertThat(Npy.dtypeFor(new double[] {Double.NaN})).isEqualTo("<f8");
        assertThat(Npy.dtypeFor(new double[] {Double.POSITIVE_INFINITY})).isEqualTo("<f8");
        assertThat(Npy.dtypeFor(new double[] {Double.MIN_VALUE})).isEqualTo("<f8");
    }

    @Test
    void writeRefusesAShapeThatDoesNotMatchTheValues() {
        assertThatThrownBy(() -> Npy.write(new int[] {2, 3}, new double[5])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Npy.write(new int[] {-1}, new double[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Npy.write(new int[] {}, new double[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
