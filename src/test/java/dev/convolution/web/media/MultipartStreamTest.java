package dev.convolution.web.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.convolution.core.error.ConvolutionException;
import dev.convolution.core.error.InvalidRequestException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming multipart reader against {@link MultipartBody#parse}, the reader of a body held whole: the same parts
 * from the same bytes however they arrive (in pieces of one byte to many kilobytes) and however the content is read,
 * the same refusals with the same field and message, and a part of any size read through a buffer of 64 KB.
 */
class MultipartStreamTest {
    private static final String BCHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'()+_,-./:=?";

    /** What a part was read as: its headers and, when its content was read, its bytes. */
    record Read(String name, String filename, String contentType, byte[] content) {
    }

    /** A body handed out in pieces of 1 to {@code maxPiece} bytes, at random. */
    static final class Pieces extends InputStream {
        private final byte[] body;
        private final Random random;
        private final int maxPiece;
        private int pos;

        Pieces(byte[] body, Random random, int maxPiece) {
            this.body = body;
            this.random = random;
            this.maxPiece = maxPiece;
        }

        @Override
        public int read() {
            return pos < body.length ? body[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= body.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, 1 + random.nextInt(maxPiece)), body.length - pos);
            System.arraycopy(body, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    /** Every part of the body: headers by {@code next()}, content read in random sizes (or left unread, when skip). */
    static List<Read> readAll(MultipartStream stream, Random random, boolean skipSome) throws IOException {
        List<Read> parts = new ArrayList<>();
        MultipartBody.Headers h;
        while ((h = stream.next()) != null) {
            assertThat(stream.closed()).as("not closed while parts remain").isFalse();
            byte[] content = null;
            if (!skipSome || random.nextInt(4) != 0) {
                content = drain(stream.content(), random);
                assertThat(stream.content().read()).as("the content stays at its end").isEqualTo(-1);
            }
            parts.add(new Read(h.name(), h.filename(), h.contentType(), content));
        }
        assertThat(stream.closed()).isTrue();
        assertThat(stream.next()).as("next() after the close delimiter").isNull();
        return parts;
    }

    static byte[] drain(InputStream in, Random random) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] b = new byte[70_000];
        while (true) {
            int c = random.nextInt(8);
            if (c == 0) {
                int x = in.read();
                if (x < 0) {
                    return out.toByteArray();
                }
                out.write(x);
                continue;
            }
            int len = c == 1 ? 1 + random.nextInt(3) : c < 6 ? 1 + random.nextInt(200) : 1 + random.nextInt(b.length - 1);
            int off = random.nextInt(b.length - len + 1);
            int n = in.read(b, off, len);
            if (n < 0) {
                return out.toByteArray();
            }
            assertThat(n).as("a read returns at least one byte").isBetween(1, len);
            out.write(b, off, n);
        }
    }

    private static String boundary(Random r) {
        int len = r.nextInt(5) == 0 ? 70 : 1 + r.nextInt(40);
        StringBuilder s = new StringBuilder(r.nextBoolean() ? "----WebKitFormBoundary" : "");
        while (s.length() < len) {
            s.append(BCHARS.charAt(r.nextInt(BCHARS.length())));
        }
        return s.substring(0, len);
    }

    /** Random bytes with runs of CR and LF and pieces of the delimiter that stop short of it. */
    static byte[] content(Random r, String boundary, int size) {
        byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        while (true) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (out.size() < size) {
                switch (r.nextInt(5)) {
                    case 0 -> out.write(delimiter, 0, 1 + r.nextInt(delimiter.length - 1)); // "\r\n--bou", short of it
                    case 1 -> {
                        for (int i = r.nextInt(6); i >= 0; i--) {
                            out.write(r.nextBoolean() ? '\r' : '\n');
                        }
                    }
                    case 2 -> out.write('-');
                    default -> {
                        byte[] b = new byte[1 + r.nextInt(Math.max(1, size / 4))];
                        r.nextBytes(b);
                        out.write(b, 0, b.length);
                    }
                }
            }
            byte[] c = Arrays.copyOf(out.toByteArray(), size);
            byte[] closed = Arrays.copyOf(c, size + delimiter.length);
            System.arraycopy(delimiter, 0, closed, size, delimiter.length);
            if (MultipartBody.indexOf(closed, delimiter, 0) == size) {
                return c; // the part ends at its own boundary line, not before
            }
        }
    }

    private static String padding(Random r) {
        return r.nextInt(3) == 0 ? " \t ".substring(0, 1 + r.nextInt(3)) : "";
    }

    record Body(byte[] bytes, String boundary, List<Read> parts) {
    }

    private static Body randomBody(Random r) {
        String boundary = boundary(r);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] preamble = content(r, boundary, r.nextInt(200));
        if (r.nextBoolean() && MultipartBody.indexOf(preamble, ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1), 0) < 0) {
            out.writeBytes(preamble);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        List<Read> parts = new ArrayList<>();
        int count = r.nextInt(6);
        for (int p = 0; p < count; p++) {
            String name = "p" + p + (r.nextBoolean() ? "" : "-" + Integer.toHexString(r.nextInt()));
            String filename = r.nextBoolean() ? null : "file " + r.nextInt(1000) + (r.nextBoolean() ? ".npy" : ".json");
            String type = switch (r.nextInt(4)) {
                case 0 -> null;
                case 1 -> "application/x-npy";
                case 2 -> "application/json";
                default -> "text/plain";
            };
            int size = r.nextInt(10) == 0 ? 65_536 + r.nextInt(150_000) : r.nextInt(3000);
            byte[] content = content(r, boundary, size);
            StringBuilder h = new StringBuilder("--").append(boundary).append(padding(r)).append("\r\n");
            h.append(r.nextBoolean() ? "Content-Disposition" : "content-disposition").append(": form-data; name=\"").append(name)
                    .append('"');
            if (filename != null) {
                h.append("; filename=\"").append(filename).append('"');
            }
            if (type != null) {
                h.append("\r\n").append(r.nextBoolean() ? "Content-Type: " : "CONTENT-TYPE:").append(type.toUpperCase())
                        .append(r.nextBoolean() ? "; charset=utf-8" : "");
            }
            out.writeBytes(h.append("\r\n\r\n").toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(content);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            parts.add(new Read(name, filename, type, content));
        }
        out.writeBytes(("--" + boundary + "--").getBytes(StandardCharsets.ISO_8859_1));
        if (r.nextBoolean()) {
            out.writeBytes(("\r\nan epilogue\r\n--" + boundary + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(content(r, boundary, r.nextInt(100)));
        }
        return new Body(out.toByteArray(), boundary, parts);
    }

    static List<Read> whole(byte[] body, String boundary) {
        List<Read> parts = new ArrayList<>();
        for (MultipartBody.Part p : MultipartBody.parse(body, boundary).values()) {
            parts.add(new Read(p.name(), p.filename(), p.contentType(), p.content()));
        }
        return parts;
    }

    static void assertSameParts(List<Read> streamed, List<Read> reference, String what) {
        assertThat(streamed).as("parts of %s", what).hasSameSizeAs(reference);
        for (int i = 0; i < streamed.size(); i++) {
            Read s = streamed.get(i);
            Read w = reference.get(i);
            assertThat(List.of(s.name(), String.valueOf(s.filename()), String.valueOf(s.contentType())))
                    .as("headers of part %d of %s", i, what)
                    .isEqualTo(List.of(w.name(), String.valueOf(w.filename()), String.valueOf(w.contentType())));
            if (s.content() != null) {
                assertThat(s.content()).as("content of part %d (%s) of %s", i, s.name(), what).isEqualTo(w.content());
            }
        }
    }

    @Test
    void readsTheSamePartsAsTheWholeBodyParserHoweverTheBodyArrivesAndIsRead() throws IOException {
        for (int seed = 0; seed < 300; seed++) {
            Random r = new Random(seed);
            Body body = randomBody(r);
            List<Read> reference = whole(body.bytes(), body.boundary());
            assertSameParts(reference, body.parts(), "seed " + seed + " read whole (the generator's own account)");
            int maxPiece = switch (seed % 4) {
                case 0 -> 1;
                case 1 -> 7;
                case 2 -> 300;
                default -> 100_000;
            };
            MultipartStream stream = new MultipartStream(new Pieces(body.bytes(), r, maxPiece), body.boundary());
            assertThat(stream.closed()).isFalse();
            assertSameParts(readAll(stream, r, false), reference, "seed " + seed + " in pieces of up to " + maxPiece);
        }
    }

    @Test
    void skipsThePartsWhoseContentIsNotRead() throws IOException {
        for (int seed = 1000; seed < 1100; seed++) {
            Random r = new Random(seed);
            Body body = randomBody(r);
            MultipartStream stream = new MultipartStream(new Pieces(body.bytes(), r, 1 + r.nextInt(500)), body.boundary());
            assertSameParts(readAll(stream, r, true), whole(body.bytes(), body.boundary()), "seed " + seed);
        }
    }

    static final String PART = "Content-Disposition: form-data; name=\"a\"\r\n\r\n";

    @Test
    void streamsAPartLargerThanItsBufferInPiecesOfAnySize() throws IOException {
        Random r = new Random(42);
        String boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW";
        byte[] big = content(r, boundary, 1 << 20);
        byte[] body = concat(("preamble\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"options\"\r\n\r\n{}\r\n--"
                + boundary + "\r\n" + "Content-Disposition: form-data; name=\"input\"; filename=\"a.npy\"\r\nContent-Type: "
                + "application/x-npy\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1), big,
                ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        for (int maxPiece : new int[] {1, 1000, 1 << 20}) {
            List<Read> parts = readAll(new MultipartStream(new Pieces(body, r, maxPiece), boundary), r, false);
            assertSameParts(parts, whole(body, boundary), "a part of 1 MB in pieces of up to " + maxPiece);
            assertThat(parts.get(1).content()).hasSize(1 << 20).isEqualTo(big);
        }
    }

    private static byte[] concat(byte[]... arrays) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] a : arrays) {
            out.writeBytes(a);
        }
        return out.toByteArray();
    }

    /** A body made as it is read: a head, {@code size} bytes of a pattern with pieces of the delimiter in it, a tail. */
    static final class Generated extends InputStream {
        private final byte[] head;
        private final byte[] tail;
        private final long size;
        private long pos;

        Generated(byte[] head, long size, byte[] tail) {
            this.head = head;
            this.size = size;
            this.tail = tail;
        }

        static byte at(long i) {
            return i % 9973 < 6 ? (byte) "\r\n--bo".charAt((int) (i % 9973)) : (byte) (i * 31 + (i >>> 13));
        }

        long produced() {
            return pos;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            long total = head.length + size + tail.length;
            if (pos >= total) {
                return -1;
            }
            int n = (int) Math.min(Math.min(len, 8191), total - pos);
            for (int k = 0; k < n; k++, pos++) {
                b[off + k] = pos < head.length ? head[(int) pos] : pos < head.length + size ? at(pos - head.length)
                        : tail[(int) (pos - head.length - size)];
            }
            return n;
        }
    }

    @Test
    void readsAFiftyMegabytePartHoldingNoMoreThanItsBuffer() throws IOException {
        long size = 50L << 20;
        byte[] head = "--bound\r\nContent-Disposition: form-data; name=\"input\"\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        Generated in = new Generated(head, size, "\r\n--bound--".getBytes(StandardCharsets.ISO_8859_1));
        MultipartStream stream = new MultipartStream(in, "bound");
        assertThat(stream.next().name()).isEqualTo("input");
        InputStream content = stream.content();
        byte[] b = new byte[10_007];
        long got = 0;
        long ahead = 0;
        int n;
        while ((n = content.read(b, 0, b.length)) >= 0) {
            for (int k = 0; k < n; k++) {
                if (b[k] != Generated.at(got + k)) {
                    throw new AssertionError("byte " + (got + k) + " of the part differs");
                }
            }
            got += n;
            ahead = Math.max(ahead, in.produced() - head.length - got);
        }
        assertThat(got).isEqualTo(size);
        assertThat(ahead).as("bytes read from the body beyond those handed out: at most its buffer").isLessThanOrEqualTo(64 * 1024);
        assertThat(stream.next()).isNull();
        assertThat(stream.closed()).isTrue();
    }

    @Test
    void isClosedOnlyAfterTheCloseDelimiterAndThenHasNoMoreParts() throws IOException {
        byte[] body = ("--b\r\n" + PART + "one\r\n--b\r\n" + PART.replace("\"a\"", "\"c\"") + "two\r\n--b--\r\n--b\r\n" + PART
                + "epilogue").getBytes(StandardCharsets.ISO_8859_1);
        MultipartStream stream = new MultipartStream(new Pieces(body, new Random(3), 2), "b");
        assertThat(stream.closed()).isFalse();
        assertThat(stream.next().name()).isEqualTo("a");
        assertThat(stream.closed()).isFalse();
        assertThat(stream.next().name()).isEqualTo("c");
        assertThat(stream.closed()).isFalse();
        assertThat(new String(stream.content().readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("two");
        assertThat(stream.closed()).as("not before next() has read the close delimiter").isFalse();
        assertThat(stream.next()).isNull();
        assertThat(stream.closed()).isTrue();
        assertThat(stream.next()).as("again").isNull();
        assertThat(stream.closed()).isTrue();
    }

    @Test
    void aBodyOfNoPartsIsClosedAtItsFirstBoundaryLine() throws IOException {
        MultipartStream stream = new MultipartStream(new Pieces("--b--".getBytes(StandardCharsets.ISO_8859_1), new Random(4), 1), "b");
        assertThat(stream.next()).isNull();
        assertThat(stream.closed()).isTrue();
        assertThat(MultipartBody.parse("--b--".getBytes(StandardCharsets.ISO_8859_1), "b")).isEmpty();
    }
}
