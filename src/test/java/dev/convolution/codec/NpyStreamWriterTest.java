package dev.convolution.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.convolution.core.type.ElementType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@code .npy} writer that writes a header and then values block by block: the bytes {@link Npy#write} and
 * {@link Npy#writeComplex} write for the whole array, its length known from the shape alone.
 */
class NpyStreamWriterTest {

    private static double[] values(ElementType type, int n, Random r) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = type == ElementType.INT64 ? (double) (r.nextLong() >> 12) : r.nextGaussian() * Math.pow(10, r.nextInt(20) - 10);
        }
        return v;
    }

    private static byte[] reference(int[] shape, double[] re, double[] im, ElementType type) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (type.isComplex()) {
            Npy.writeComplex(shape, re, im, type, out);
        } else {
            Npy.write(shape, re, type, out);
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @EnumSource(value = ElementType.class, names = {"FLOAT64", "INT64", "FLOAT32", "COMPLEX128", "COMPLEX64"})
    void writesInBlocksOfAnySizeTheBytesNpyWriteWritesForTheWholeArray(ElementType type) throws IOException {
        Random r = new Random(type.ordinal());
        for (int trial = 0; trial < 40; trial++) {
            int rank = 1 + trial % 4;
            int[] shape = new int[rank];
            int n = 1;
            for (int a = 0; a < rank; a++) {
                shape[a] = 1 + r.nextInt(trial < 4 ? 1 : rank == 1 ? 20_000 : rank == 2 ? 150 : 12);
                n *= shape[a];
            }
            double[] re = values(type, n, r);
            double[] im = type.isComplex() ? values(type, n, r) : null;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            NpyStream.Writer w = new NpyStream.Writer(shape, type, out);
            w.header();
            assertThat(w.complete()).isEqualTo(false);
            for (int at = 0; at < n;) {
                int len = Math.min(n - at, r.nextInt(4) == 0 ? r.nextInt(3) : 1 + r.nextInt(Math.max(1, n / 3)));
                w.values(Arrays.copyOfRange(re, at, at + len), im == null ? null : Arrays.copyOfRange(im, at, at + len));
                at += len;
                assertThat(w.complete()).as("complete after %d of %d values", at, n).isEqualTo(at == n);
            }
            byte[] expected = reference(shape, re, im, type);
            String what = type + " " + Arrays.toString(shape);
            assertThat(out.toByteArray()).as("bytes of %s", what).isEqualTo(expected);
            assertThat(NpyStream.Writer.length(shape, type)).as("length of %s", what).isEqualTo(expected.length);
            NpyArray back = Npy.read("output", expected, Long.MAX_VALUE);
            assertThat(back.type()).isEqualTo(type == ElementType.INT64 || type == ElementType.FLOAT32 || type.isComplex()
                    ? type : ElementType.FLOAT64);
        }
    }

    @Test
    void writesOtherTypesAsFloat64AsNpyWriteDoes() throws IOException {
        for (ElementType type : List.of(ElementType.INT32, ElementType.UINT8, ElementType.BOOL)) {
            double[] v = {1, 0, 3, 200, 7, 1};
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            NpyStream.Writer w = new NpyStream.Writer(new int[] {2, 3}, type, out);
            w.header();
            w.values(Arrays.copyOf(v, 4), null);
            w.values(Arrays.copyOfRange(v, 4, 6), null);
            assertThat(out.toByteArray()).as("%s", type).isEqualTo(reference(new int[] {2, 3}, v, null, type));
            assertThat(new String(out.toByteArray(), 10, 20, StandardCharsets.ISO_8859_1)).contains("'<f8'");
        }
    }

    @Test
    void refusesMoreValuesThanTheShapeHolds() throws IOException {
        NpyStream.Writer w = new NpyStream.Writer(new int[] {2, 3}, ElementType.FLOAT64, OutputStream.nullOutputStream());
        w.header();
        w.values(new double[4], null);
        assertThat(catchThrowable(() -> w.values(new double[3], null))).isInstanceOf(IllegalStateException.class)
                .hasMessage("more values than the shape holds");
        w.values(new double[2], null);
        assertThat(w.complete()).isTrue();
        assertThat(catchThrowable(() -> w.values(new double[1], null))).isInstanceOf(IllegalStateException.class);
        w.values(new double[0], null);
        assertThat(w.complete()).isTrue();
        NpyStream.Writer c = new NpyStream.Writer(new int[] {1}, ElementType.COMPLEX64, OutputStream.nullOutputStream());
        assertThat(catchThrowable(() -> c.values(new double[2], new double[2]))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void givesTheLengthOfAFileOfMoreThanTwoToTheThirtyOneElementsWithoutOverflow() throws IOException {
        record Big(int[] shape, ElementType type, String dict) {
        }
        // the headers numpy.lib.format.write_array_header_1_0 writes for these shapes (each 128 bytes)
        List<Big> bigs = List.of(new Big(new int[] {65536, 65536}, ElementType.FLOAT64,
                "{'descr': '<f8', 'fortran_order': False, 'shape': (65536, 65536), }"),
                new Big(new int[] {3, Integer.MAX_VALUE}, ElementType.COMPLEX128,
                        "{'descr': '<c16', 'fortran_order': False, 'shape': (3, 2147483647), }"),
                new Big(new int[] {Integer.MAX_VALUE, 2, 2, 2}, ElementType.FLOAT32,
                        "{'descr': '<f4', 'fortran_order': False, 'shape': (2147483647, 2, 2, 2), }"),
                new Big(new int[] {1 << 20, 1 << 12}, ElementType.INT64,
                        "{'descr': '<i8', 'fortran_order': False, 'shape': (1048576, 4096), }"));
        for (Big b : bigs) {
            long n = 1;
            for (int d : b.shape()) {
                n *= d;
            }
            assertThat(n).isGreaterThan(Integer.MAX_VALUE);
            long item = switch (b.type()) {
                case FLOAT32 -> 4;
                case COMPLEX128 -> 16;
                default -> 8;
            };
            assertThat(NpyStream.Writer.length(b.shape(), b.type())).as("%s", b.dict()).isEqualTo(128 + n * item);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new NpyStream.Writer(b.shape(), b.type(), out).header();
            byte[] header = out.toByteArray();
            assertThat(header).hasSize(128);
            assertThat(new String(header, 10, 118, StandardCharsets.ISO_8859_1)).isEqualTo(b.dict()
                    + " ".repeat(117 - b.dict().length()) + "\n");
            NpyStream back = NpyStream.open("output", new ByteArrayInputStream(header), Long.MAX_VALUE, "none");
            assertThat(back.shape()).containsExactly(b.shape());
            assertThat(back.dataBytes()).isEqualTo(n * item);
        }
    }
}
