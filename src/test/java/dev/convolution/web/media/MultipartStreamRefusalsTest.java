package dev.convolution.web.media;

import static dev.convolution.web.media.MultipartStreamTest.PART;
import static dev.convolution.web.media.MultipartStreamTest.assertSameParts;
import static dev.convolution.web.media.MultipartStreamTest.readAll;
import static dev.convolution.web.media.MultipartStreamTest.whole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.convolution.core.error.ConvolutionException;
import dev.convolution.core.error.InvalidRequestException;
import dev.convolution.web.media.MultipartStreamTest.Pieces;
import dev.convolution.web.media.MultipartStreamTest.Read;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming multipart reader refuses what {@link MultipartBody#parse} refuses, with the same field and message,
 * however the body arrives; and headers longer than 16 KB, whatever pieces they come in.
 */
class MultipartStreamRefusalsTest {
    /** Reads the whole body as a stream and returns what was thrown (null when nothing was). */
    private static Throwable streamFailure(byte[] body, String boundary, int maxPiece) {
        Random r = new Random(maxPiece);
        return catchThrowable(() -> readAll(new MultipartStream(new Pieces(body, r, maxPiece), boundary), r, false));
    }

    private static String field(Throwable t) {
        return ((ConvolutionException) t).violations().get(0).field();
    }

    private static void assertRefusedAsTheWholeParserRefuses(String body, String boundary, String message) {
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
        Throwable whole = catchThrowable(() -> MultipartBody.parse(bytes, boundary));
        assertThat(whole).as("the whole parser refuses %s", body).isInstanceOf(InvalidRequestException.class).hasMessage(message);
        for (int maxPiece : new int[] {1, 2, 3, 5, 64, 100_000}) {
            Throwable streamed = streamFailure(bytes, boundary, maxPiece);
            assertThat(streamed).as("streamed in pieces of up to %d: %s", maxPiece, body).isInstanceOf(InvalidRequestException.class)
                    .hasMessage(whole.getMessage());
            assertThat(field(streamed)).isEqualTo(field(whole)).isEqualTo("body");
        }
    }

    private static final String NO_BOUNDARY = "the multipart body does not contain its boundary line";
    private static final String TRUNCATED = "the multipart body is truncated: a part has no closing boundary";
    private static final String MALFORMED = "the multipart body is malformed after a boundary line";

    @Test
    void refusesABodyWithoutItsBoundaryLineAsTheWholeParserDoes() {
        assertRefusedAsTheWholeParserRefuses("", "b", NO_BOUNDARY);
        assertRefusedAsTheWholeParserRefuses("no boundary here at all", "b", NO_BOUNDARY);
        assertRefusedAsTheWholeParserRefuses("--other\r\n" + PART + "x\r\n--other--", "b0", NO_BOUNDARY);
        assertRefusedAsTheWholeParserRefuses("\r\n--b", "bb", NO_BOUNDARY);
    }

    @Test
    void refusesABoundaryLineInThePreambleThatDoesNotStartALineAsTheWholeParserDoes() {
        assertRefusedAsTheWholeParserRefuses("preamble--b\r\n" + PART + "x\r\n--b--", "b", NO_BOUNDARY);
        assertRefusedAsTheWholeParserRefuses("x--b\r\n--b\r\n" + PART + "x\r\n--b--", "b", NO_BOUNDARY);
    }

    @Test
    void refusesATruncatedBodyAsTheWholeParserDoes() {
        assertRefusedAsTheWholeParserRefuses("--b\r\n" + PART + "abc", "b", TRUNCATED);
        assertRefusedAsTheWholeParserRefuses("--b\r\n" + PART + "abc\r\n--", "b", TRUNCATED);
        assertRefusedAsTheWholeParserRefuses("--bound\r\n" + PART + "abc\r\n--bo", "bound", TRUNCATED);
        assertRefusedAsTheWholeParserRefuses("--b\r\nContent-Disposition: form-da", "b", TRUNCATED);
        assertRefusedAsTheWholeParserRefuses("--b\r\n" + PART.substring(0, PART.length() - 1), "b", TRUNCATED);
        assertRefusedAsTheWholeParserRefuses("--b\r\n" + PART + "x\r\n--b\r\n" + PART, "b", TRUNCATED);
    }

    @Test
    void refusesWhatFollowsABoundaryLineWhenItIsNeitherALineBreakNorTheCloseAsTheWholeParserDoes() {
        assertRefusedAsTheWholeParserRefuses("--bX\r\n" + PART + "x\r\n--b--", "b", MALFORMED);
        assertRefusedAsTheWholeParserRefuses("--b  x\r\n" + PART + "x\r\n--b--", "b", MALFORMED);
        assertRefusedAsTheWholeParserRefuses("--b\r\n" + PART + "x\r\n--b-x", "b", MALFORMED);
        assertRefusedAsTheWholeParserRefuses("--b\r\n" + PART + "x\r\n--b \t ", "b", MALFORMED);
    }

    @Test
    void refusesABodyEndingRightAfterABoundaryLineAsTheWholeParserDoes() {
        assertRefusedAsTheWholeParserRefuses("--b", "b", MALFORMED);
        assertRefusedAsTheWholeParserRefuses("--b-", "b", MALFORMED);
        assertRefusedAsTheWholeParserRefuses("--b\r", "b", MALFORMED);
        assertRefusedAsTheWholeParserRefuses("--b\r\n" + PART + "x\r\n--b", "b", MALFORMED);
        assertRefusedAsTheWholeParserRefuses("--b\r\n" + PART + "x\r\n--b\r", "b", MALFORMED);
        assertRefusedAsTheWholeParserRefuses("--b\r\n" + PART + "x\r\n--b\n", "b", MALFORMED);
    }

    @Test
    void refusesPartsWithoutANameOrWithMalformedHeadersAsTheWholeParserDoes() {
        assertRefusedAsTheWholeParserRefuses("--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--", "b",
                "a multipart part has no name in its Content-Disposition");
        assertRefusedAsTheWholeParserRefuses("--b\r\nContent-Disposition: form-data; name=\"\"\r\n\r\nx\r\n--b--", "b",
                "a multipart part has no name in its Content-Disposition");
        assertRefusedAsTheWholeParserRefuses("--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--", "b",
                "a multipart part has no name in its Content-Disposition");
        assertRefusedAsTheWholeParserRefuses("--b\r\nno colon\r\n\r\nx\r\n--b--", "b", "a multipart part has a malformed header line");
        assertRefusedAsTheWholeParserRefuses("--b\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--b--", "b",
                "a multipart part's Content-Disposition must be form-data");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 71, 200})
    void refusesABoundaryParameterThatIsMissingOrLongerThanSeventyCharactersAsTheWholeParserDoes(int length) {
        String boundary = length == 0 ? null : "b".repeat(length);
        Throwable whole = catchThrowable(() -> MultipartBody.parse("--b--".getBytes(StandardCharsets.ISO_8859_1), boundary));
        Throwable streamed = catchThrowable(() -> new MultipartStream(InputStream.nullInputStream(), boundary));
        assertThat(whole).isInstanceOf(InvalidRequestException.class).hasMessageContaining("boundary parameter of 1 to 70");
        assertThat(streamed).isInstanceOf(InvalidRequestException.class).hasMessage(whole.getMessage());
        assertThat(field(streamed)).isEqualTo(field(whole));
        assertThat(catchThrowable(() -> new MultipartStream(InputStream.nullInputStream(), ""))).hasMessage(whole.getMessage());
    }

    @Test
    void acceptsABoundaryOfSeventyCharacters() throws IOException {
        String boundary = "b".repeat(70);
        byte[] body = ("--" + boundary + "\r\n" + PART + "x\r\n--" + boundary + "--").getBytes(StandardCharsets.ISO_8859_1);
        List<Read> parts = readAll(new MultipartStream(new Pieces(body, new Random(1), 3), boundary), new Random(2), false);
        assertSameParts(parts, whole(body, boundary), "a 70-character boundary");
    }

    private static String headersOfLength(int length) {
        String start = "Content-Disposition: form-data; name=\"a\"\r\nX-Long: ";
        return start + "y".repeat(length - start.length());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 4096, 100_000})
    void refusesHeadersLongerThanSixteenKilobytesHoweverTheyArrive(int maxPiece) {
        for (int length : new int[] {16_385, 16_390, 20_000, 60_000}) {
            byte[] body = ("--b\r\n" + headersOfLength(length) + "\r\n\r\nx\r\n--b--").getBytes(StandardCharsets.ISO_8859_1);
            Throwable t = streamFailure(body, "b", maxPiece);
            assertThat(t).as("headers of %d bytes in pieces of up to %d", length, maxPiece).isInstanceOf(InvalidRequestException.class)
                    .hasMessage("a multipart part's headers are longer than 16384 bytes");
            assertThat(field(t)).isEqualTo("body");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 4096, 100_000})
    void acceptsHeadersOfSixteenKilobytesHoweverTheyArrive(int maxPiece) throws IOException {
        for (int length : new int[] {16_380, 16_383, 16_384}) {
            byte[] body = ("--b\r\n" + headersOfLength(length) + "\r\n\r\nx\r\n--b--").getBytes(StandardCharsets.ISO_8859_1);
            Random r = new Random(length);
            List<Read> parts = readAll(new MultipartStream(new Pieces(body, r, maxPiece), "b"), r, false);
            assertSameParts(parts, whole(body, "b"), "headers of " + length + " bytes");
        }
    }
}
