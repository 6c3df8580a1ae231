package dev.convolution.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.convolution.core.error.ConvolutionException;
import dev.convolution.core.error.InvalidRequestException;
import dev.convolution.core.error.LimitExceededException;
import dev.convolution.core.error.Violation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PNG in and out: the fixtures of {@code scripts/generate_png_fixtures.py} (written by libpng and by hand, their planes
 * vouched for by libpng) decode value for value; writing and reading back keeps every plane; the three scales; corrupt
 * files and oversized headers are refused, naming the part.
 */
class PngTest {
    private static final long LIMIT = 16_777_216;

    record Fixture(String file, int width, int height, int bitDepth, int colours, boolean alpha, String planes, String source) {
        @Override
        public String toString() {
            return file + " (" + source + ")";
        }
    }

    record Corrupt(String file, String error, String says) {
        @Override
        public String toString() {
            return file;
        }
    }

    private static final JsonNode MANIFEST = manifest();

    private static JsonNode manifest() {
        try (InputStream in = PngTest.class.getResourceAsStream("/png/manifest.json")) {
            return JsonMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> fixtures() {
        List<Arguments> all = new ArrayList<>();
        for (JsonNode f : MANIFEST.get("fixtures")) {
            all.add(Arguments.of(new Fixture(f.get("file").asString(), f.get("width").asInt(), f.get("height").asInt(),
                    f.get("bitDepth").asInt(), f.get("colours").asInt(), f.get("alpha").asBoolean(), f.get("planes").asString(),
                    f.get("source").asString())));
        }
        return all.stream();
    }

    static Stream<Arguments> corrupt() {
        List<Arguments> all = new ArrayList<>();
        for (JsonNode f : MANIFEST.get("corrupt")) {
            all.add(Arguments.of(new Corrupt(f.get("file").asString(), f.get("error").asString(), f.get("says").asString())));
        }
        return all.stream();
    }

    private static byte[] resource(String name) {
        try (InputStream in = PngTest.class.getResourceAsStream("/png/" + name)) {
            assertThat(in).as("resource /png/%s", name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double[][] expectedPlanes(Fixture f) {
        int n = f.colours() + (f.alpha() ? 1 : 0);
        int pixels = f.width() * f.height();
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(resource(f.planes())))) {
            ByteBuffer data = ByteBuffer.wrap(in.readAllBytes()); // big-endian uint16, plane after plane
            assertThat(data.remaining()).as("bytes in %s", f.planes()).isEqualTo(2 * n * pixels);
            double[][] planes = new double[n][pixels];
            for (double[] plane : planes) {
                for (int i = 0; i < pixels; i++) {
                    plane[i] = data.getShort() & 0xffff;
                }
            }
            return planes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theFixturesCoverEveryColourTypeAndDepth() {
        List<String> files = fixtures().map(a -> ((Fixture) a.get()[0]).file()).toList();
        assertThat(files).contains("grey8.png", "grey16.png", "grey-alpha8.png", "grey-alpha16.png", "rgb8.png", "rgb16.png", "rgba8.png",
                "rgba16.png", "palette8.png", "palette4-trns.png", "grey1.png", "grey2.png", "grey4.png", "rgb8-interlaced.png",
                "rgb8-trns.png", "seed-7x7.png");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyFixtureDecodesToItsPlanesValueForValue(Fixture f) {
        Picture p = Png.read("image", resource(f.file()), LIMIT);

        assertThat(p.width()).as("width").isEqualTo(f.width());
        assertThat(p.height()).as("height").isEqualTo(f.height());
        assertThat(p.bitDepth()).as("bit depth").isEqualTo(f.bitDepth());
        assertThat(p.colours()).as("colours").isEqualTo(f.colours());
        assertThat(p.alpha()).as("alpha").isEqualTo(f.alpha());
        double[][] expected = expectedPlanes(f);
        assertThat(p.planes().length).as("planes").isEqualTo(expected.length);
        for (int c = 0; c < expected.length; c++) {
            double[] got = p.planes()[c];
            for (int i = 0; i < expected[c].length; i++) {
                if (got[i] != expected[c][i]) {
                    throw new AssertionError(f + ": plane " + c + " at row " + i / f.width() + ", column " + i % f.width() + " is " + got[i]
                            + ", expected " + expected[c][i]);
                }
            }
        }
    }

    @Test
    void theSeedImageDecodesToItsValuesTimesFive() {
        Picture p = Png.read("image", resource("seed-7x7.png"), LIMIT);

        double[] expected = new double[49];
        for (int i = 0; i < 49; i++) {
            expected[i] = 5 * (i + 1);
        }
        assertThat(p.planes()[0]).containsExactly(expected);
    }

    @ParameterizedTest(name = "{0} planes, {1} bits")
    @CsvSource({"1, 8", "2, 8", "3, 8", "4, 8", "1, 16", "2, 16", "3, 16", "4, 16"})
    void writingThenReadingKeepsEveryPlane(int n, int bits) {
        int w = 37;
        int h = 23; // odd sizes: no row lines up with a word
        Random rnd = new Random(1000L * n + bits);
        double[][] planes = new double[n][w * h];
        for (double[] plane : planes) {
            for (int i = 0; i < plane.length; i++) {
                plane[i] = rnd.nextInt(1 << bits);
            }
            plane[0] = 0;
            plane[1] = (1 << bits) - 1; // both ends of the range
        }

        byte[] png = Png.write(w, h, bits, planes);
        Picture p = Png.read("image", png, LIMIT);

        assertThat(p.width()).isEqualTo(w);
        assertThat(p.height()).isEqualTo(h);
        assertThat(p.bitDepth()).isEqualTo(bits);
        assertThat(p.colours()).isEqualTo(n < 3 ? 1 : 3);
        assertThat(p.alpha()).isEqualTo(n % 2 == 0);
        for (int c = 0; c < n; c++) {
            assertThat(p.planes()[c]).as("plane %d", c).containsExactly(planes[c]);
        }
        int colourType = png[25];
        assertThat(colourType).as("IHDR colour type").isEqualTo(new int[] {0, 4, 2, 6}[n - 1]);
        assertThat((int) png[24]).as("IHDR bit depth").isEqualTo(bits);
    }

    @Test
    void writesDeflatedDataAtZlibsFastestCompressingLevel() {
        byte[] png = Png.write(256, 256, 8, new double[3][256 * 256]); // black: compresses to almost nothing

        int idat = 8 + 12 + 13;
        assertThat(new String(png, idat + 4, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("IDAT");
        int flg = png[idat + 9] & 0xff; // zlib header: CMF, FLG; FLG's top two bits 0 mean the fastest level
        assertThat(flg >> 6).as("zlib FLEVEL").isZero();
        assertThat(png.length).as("not stored: compressed").isLessThan(256 * 256 * 3 / 50);
        assertThat(new String(png, png.length - 8, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("IEND");
    }

    @Test
    void writtenFilesAreReadByTheJdksOwnReaderToo() throws IOException {
        double[][] rgb = {{0, 128, 255, 7}, {1, 2, 3, 4}, {255, 254, 253, 252}};

        var image = ImageIO.read(new ByteArrayInputStream(Png.write(2, 2, 8, rgb)));

        assertThat(image.getWidth()).isEqualTo(2);
        assertThat(image.getRGB(1, 0)).isEqualTo(0xff000000 | 128 << 16 | 2 << 8 | 254);
        assertThat(image.getRGB(1, 1)).isEqualTo(0xff000000 | 7 << 16 | 4 << 8 | 252);
    }

    @Test
    void writingRefusesValuesThatAreNotWholeOrOutOfRange() {
        assertThatThrownBy(() -> Png.write(2, 1, 8, new double[][] {{0, 255.5}})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("255.5");
        assertThatThrownBy(() -> Png.write(2, 1, 8, new double[][] {{0, 256}})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Png.write(2, 1, 16, new double[][] {{-1, 0}})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Png.write(2, 1, 8, new double[][] {{Double.NaN, 0}})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Png.write(2, 1, 12, new double[][] {{0, 0}})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Png.write(2, 1, 8, new double[5][2])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Png.write(2, 2, 8, new double[][] {{0, 0, 0}})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clipRoundsHalfToEvenAndClipsToTheBitDepth() {
        double[] y = {0.5, 1.5, 2.5, -0.5, -0.6, 254.5, 255.5, 300, -7, 3.49999, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY};

        assertThat(Png.scale(y, 8, Png.Scale.CLIP)).containsExactly(0, 2, 2, 0, 0, 254, 255, 255, 0, 3, 0, 255, 0);
        assertThat(Png.scale(new double[] {65534.5, 65535.5, 70000, 32768.5}, 16, Png.Scale.CLIP)).containsExactly(65534, 65535, 65535,
                32768);
    }

    @Test
    void clipRoundsAsMathRintOnManyValues() {
        Random rnd = new Random(7);
        double[] y = new double[10_000];
        for (int i = 0; i < y.length; i++) {
            y[i] = rnd.nextInt(600) / 2.0 - 20; // many exact halves
        }
        double[] p = Png.scale(y, 8, Png.Scale.CLIP);
        for (int i = 0; i < y.length; i++) {
            assertThat(p[i]).as("y = %s", y[i]).isEqualTo(Math.min(255, Math.max(0, Math.rint(y[i]))));
        }
    }

    @Test
    void absTakesTheMagnitudeThenRoundsHalfToEvenAndClips() {
        double[] y = {-3.5, -2.5, 2.5, -300, 0.4, -0.5, Double.NaN, Double.NEGATIVE_INFINITY};

        assertThat(Png.scale(y, 8, Png.Scale.ABS)).containsExactly(4, 2, 2, 255, 0, 0, 0, 255);
    }

    @Test
    void normalizeMapsTheRangeOntoZeroToMaxAndRounds() {
        double[] y = {-10, -5, 0, 10};

        assertThat(Png.scale(y, 8, Png.Scale.NORMALIZE)).containsExactly(0, Math.rint(5 * 255 / 20.0), Math.rint(10 * 255 / 20.0), 255);
        assertThat(Png.scale(new double[] {1, 2, 3}, 16, Png.Scale.NORMALIZE)).containsExactly(0, 32768, 65535); // 32767.5 to even
        assertThat(Png.scale(new double[] {0, 0.5, 1}, 8, Png.Scale.NORMALIZE)).containsExactly(0, 128, 255); // 127.5 to even
    }

    @Test
    void normalizeMapsAConstantResultToZero() {
        assertThat(Png.scale(new double[] {42.7, 42.7, 42.7}, 8, Png.Scale.NORMALIZE)).containsExactly(0, 0, 0);
        assertThat(Png.scale(new double[] {-1e300}, 16, Png.Scale.NORMALIZE)).containsExactly(0);
    }

    @Test
    void normalizeIgnoresNonFiniteValuesForTheRange() {
        double[] y = {Double.NaN, 0, 10, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};

        assertThat(Png.scale(y, 8, Png.Scale.NORMALIZE)).containsExactly(0, 0, 255, 255, 0);
        assertThat(Png.scale(new double[] {-Double.MAX_VALUE, Double.MAX_VALUE, 0}, 8, Png.Scale.NORMALIZE)).containsExactly(0, 255, 128);
    }

    @Test
    void scaleReturnsANewArray() {
        double[] y = {1, 2};

        assertThat(Png.scale(y, 8, Png.Scale.CLIP)).isNotSameAs(y);
        assertThat(y).containsExactly(1, 2);
    }

    @Test
    void scalesAreNamedAsOnTheWire() {
        assertThat(Png.Scale.of("png.scale", "clip")).isEqualTo(Png.Scale.CLIP);
        assertThat(Png.Scale.of("png.scale", "normalize")).isEqualTo(Png.Scale.NORMALIZE);
        assertThat(Png.Scale.of("png.scale", "abs")).isEqualTo(Png.Scale.ABS);
        assertThatThrownBy(() -> Png.Scale.of("png.scale", "CLIP")).isInstanceOf(InvalidRequestException.class)
                .hasMessage("must be one of clip, normalize, abs; got 'CLIP'")
                .satisfies(e -> assertThat(fields(e)).containsExactly("png.scale"));
        assertThatThrownBy(() -> Png.Scale.of("png.scale", null)).isInstanceOf(InvalidRequestException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corrupt")
    void corruptFilesAreRefusedNamingThePartAndWhatIsWrong(Corrupt c) {
        Class<? extends ConvolutionException> type = c.error().equals("limit") ? LimitExceededException.class : InvalidRequestException.class;

        assertThatThrownBy(() -> Png.read("image", resource(c.file()), LIMIT)).isInstanceOf(type)
                .hasMessageStartingWith("the part 'image' ")
                .hasMessageContaining(c.says())
                .hasMessageNotContainingAny("Exception", "javax.", "java.")
                .satisfies(e -> assertThat(fields(e)).containsExactly("image"));
    }

    @Test
    void aTruncatedFileSaysWhereItEnds() {
        byte[] whole = resource("rgb8.png");

        assertThatThrownBy(() -> Png.read("image", Arrays.copyOf(whole, 40), LIMIT)).isInstanceOf(InvalidRequestException.class)
                .hasMessage("the part 'image' is a corrupt PNG: it ends inside a chunk header at byte 33 (7 bytes left)");
        assertThatThrownBy(() -> Png.read("image", Arrays.copyOf(whole, 33), LIMIT)).isInstanceOf(InvalidRequestException.class)
                .hasMessage("the part 'image' is a corrupt PNG: it ends after 33 bytes without an IEND chunk");
        assertThatThrownBy(() -> Png.read("image", Arrays.copyOf(whole, 20), LIMIT)).isInstanceOf(InvalidRequestException.class)
                .hasMessage("the part 'image' is a corrupt PNG: it ends inside the IHDR chunk (byte 20 of 33)");
        assertThatThrownBy(() -> Png.read("image", Arrays.copyOf(whole, 8), LIMIT)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("before the IHDR chunk");
        assertThatThrownBy(() -> Png.read("image", new byte[0], LIMIT)).isInstanceOf(InvalidRequestException.class)
                .hasMessage("the part 'image' is not a PNG: it does not start with the PNG signature");
    }

    @Test
    void brokenDeflateDataIsReportedInImageIosWordsWithoutClassNames() {
        assertThatThrownBy(() -> Png.read("picture", resource("bad-deflate.png"), LIMIT)).isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("the part 'picture' is a corrupt PNG: ")
                .hasMessageNotContainingAny("Exception", "javax.", "java.")
                .satisfies(e -> assertThat(fields(e)).containsExactly("picture"));
    }

    @Test
    void impossibleHeaderFieldsAreRefused() {
        assertThatThrownBy(() -> Png.read("image", header(4, 4, 8, 5, 0), LIMIT)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("colour type 5, which PNG does not define");
        assertThatThrownBy(() -> Png.read("image", header(4, 4, 4, 2, 0), LIMIT)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("bit depth 4, which colour type 2 does not allow (8 or 16)");
        assertThatThrownBy(() -> Png.read("image", header(0, 4, 8, 2, 0), LIMIT)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("a size of 0×4 pixels");
        assertThatThrownBy(() -> Png.read("image", header(4, 4, 8, 2, 2), LIMIT)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("interlace method 2");
    }

    @Test
    void aPaletteImageWithoutAPaletteIsRefused() {
        assertThatThrownBy(() -> Png.read("image", header(4, 4, 8, 3, 0, idat()), LIMIT)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("before the PLTE chunk");
    }

    @Test
    void anOversizedHeaderIsRefusedBeforeDecoding() {
        // a valid IHDR of 100000×100000 RGB, then IEND: no image data at all, so a decoder would have failed with a 400
        assertThatThrownBy(() -> Png.read("image", resource("huge-header.png"), LIMIT)).isInstanceOf(LimitExceededException.class)
                .hasMessage("the part 'image' is 100000×100000 pixels (10,000,000,000); the limit is 16,777,216")
                .satisfies(e -> assertThat(fields(e)).containsExactly("image"));
    }

    @Test
    void theLimitIsCheckedFromTheHeaderEvenWhenTheRestIsGarbage() {
        byte[] bytes = Arrays.copyOf(header(30000, 30000, 8, 6, 0), 33 + 100); // IHDR, then zeros
        assertThatThrownBy(() -> Png.read("image", bytes, 1_000_000)).isInstanceOf(LimitExceededException.class)
                .hasMessage("the part 'image' is 30000×30000 pixels (900,000,000); the limit is 1,000,000");
    }

    @Test
    void aPictureOneOverTheLimitIsRefusedAndOneAtTheLimitIsRead() {
        byte[] rgb8 = resource("rgb8.png");

        assertThat(Png.read("image", rgb8, 256 * 192).width()).isEqualTo(256);
        assertThatThrownBy(() -> Png.read("image", rgb8, 256 * 192 - 1)).isInstanceOf(LimitExceededException.class)
                .hasMessage("the part 'image' is 256×192 pixels (49,152); the limit is 49,151");
    }

    @Test
    void aLimitAboveWhatJavaArraysHoldIsCappedAtMaxPixels() {
        assertThatThrownBy(() -> Png.read("image", resource("huge-header.png"), Long.MAX_VALUE)).isInstanceOf(LimitExceededException.class)
                .hasMessageEndingWith(String.format(java.util.Locale.ROOT, "the limit is %,d", Png.MAX_PIXELS));
    }

    @Test
    void aPictureValidatesItsPlanes() {
        assertThatThrownBy(() -> new Picture(2, 2, 8, 3, false, new double[2][4])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Picture(2, 2, 8, 1, true, new double[][] {new double[4], new double[3]}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Picture(2, 2, 4, 1, false, new double[1][4])).isInstanceOf(IllegalArgumentException.class);
        Picture p = new Picture(2, 2, 16, 1, true, new double[2][4]);
        assertThat(p.maxValue()).isEqualTo(65535);
        assertThat(p.alphaPlane()).isSameAs(p.planes()[1]);
        assertThat(p.colour(0)).isSameAs(p.planes()[0]);
    }

    private static List<String> fields(Throwable e) {
        return ((ConvolutionException) e).violations().stream().map(Violation::field).toList();
    }

    /** A PNG of an IHDR chunk with these fields, any further chunks given, and IEND. */
    private static byte[] header(int width, int height, int bitDepth, int colourType, int interlace, byte[]... chunks) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) bitDepth).put((byte) colourType).put((byte) 0)
                .put((byte) 0).put((byte) interlace);
        List<byte[]> parts = new ArrayList<>();
        parts.add(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        parts.add(chunk("IHDR", ihdr.array()));
        parts.addAll(Arrays.asList(chunks));
        parts.add(chunk("IEND", new byte[0]));
        ByteBuffer all = ByteBuffer.allocate(parts.stream().mapToInt(p -> p.length).sum());
        parts.forEach(all::put);
        return all.array();
    }

    private static byte[] idat() {
        return chunk("IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
    }

    private static byte[] chunk(String type, byte[] data) {
        CRC32 crc = new CRC32();
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        crc.update(t);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(t).put(data).putInt((int) crc.getValue()).array();
    }
}
