package dev.convolution.web.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.commons.fileupload2.core.MultipartInput;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Our streaming multipart reader ({@link MultipartStream}) against Apache Commons FileUpload 2's
 * ({@code org.apache.commons.fileupload2.core.MultipartInput}, the reader under its streaming item iterator), on the
 * same bodies read the same way: from memory through a stream that gives at most 64 KB a read (as a socket does), each
 * part's headers parsed by {@link MultipartBody#headers} (so both pay the same header rules and only the readers differ;
 * FileUpload's reader hands back the header text) and each part's content read into one reused 1 MiB array (as the row
 * reader does) and dropped, a few of its bytes summed into a {@link Blackhole}.
 *
 * <ul>
 *   <li>{@code *Large}: a streamed request, an {@code options} JSON part (60 bytes), a {@code kernel} .npy part (300
 *       bytes) and an {@code input} part of 256 MiB of random bytes; in MB/s (10^6 bytes of part content a second: the
 *       score is in operations a microsecond, an operation a byte).
 *   <li>{@code *Small}: 10,000 parts of 1 KiB each, the per-part overhead; in nanoseconds a part.
 * </ul>
 *
 * FileUpload's reader is given the same 64 KiB buffer as ours ({@code theirs*}) and, to show what it does as shipped,
 * its default of 4 KiB ({@code theirsDefaultBuffer*}). A setup check reads each body with both and fails unless both
 * give the parts' exact headers and bytes.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class MultipartBenchmark {
    static final String BOUNDARY = "----convolution-bench-7MA4YWxkTrZu0gW";
    static final int SOCKET_READ = 64 * 1024;
    static final int LARGE_INPUT = 256 * 1024 * 1024;
    static final int SMALL_PARTS = 10_000;
    static final int SMALL_PART = 1024;
    static final int OUR_BUFFER = 64 * 1024;

    /** A body and what each part must read as. */
    abstract static class Body {
        byte[] body;
        final List<MultipartBody.Headers> headers = new ArrayList<>();
        /** Each part's content as {offset, length} in {@link #body}. */
        final List<int[]> contents = new ArrayList<>();

        /** Appends the body: its parts, then the close delimiter. */
        void build(List<String> headerTexts, List<byte[]> parts) {
            long size = 0;
            for (int i = 0; i < parts.size(); i++) {
                size += 2 + BOUNDARY.length() + 2 + headerTexts.get(i).length() + 4 + parts.get(i).length + 2;
            }
            size += 2 + BOUNDARY.length() + 2 + 2;
            body = new byte[Math.toIntExact(size)];
            int at = 0;
            for (int i = 0; i < parts.size(); i++) {
                at = put(at, "--" + BOUNDARY + "\r\n" + headerTexts.get(i) + "\r\n\r\n");
                System.arraycopy(parts.get(i), 0, body, at, parts.get(i).length);
                contents.add(new int[] {at, parts.get(i).length});
                headers.add(MultipartBody.headers(headerTexts.get(i)));
                at += parts.get(i).length;
                at = put(at, "\r\n");
            }
            at = put(at, "--" + BOUNDARY + "--\r\n");
            if (at != body.length) {
                throw new IllegalStateException("the body is " + at + " bytes, not " + body.length);
            }
            verify();
        }

        private int put(int at, String s) {
            byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
            System.arraycopy(b, 0, body, at, b.length);
            return at + b.length;
        }

        /** Both readers read the body as built (the same headers, the same bytes), or this throws. */
        private void verify() {
            try {
                check("ours", readParts(new MultipartStream(new SocketStream(body), BOUNDARY)));
                check("theirs", readParts(theirs(new SocketStream(body), OUR_BUFFER)));
                check("theirs (default buffer)", readParts(theirs(new SocketStream(body), 0)));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private void check(String reader, List<Object[]> read) {
            if (read.size() != headers.size()) {
                throw new IllegalStateException(reader + " read " + read.size() + " parts, not " + headers.size());
            }
            for (int i = 0; i < read.size(); i++) {
                MultipartBody.Headers h = (MultipartBody.Headers) read.get(i)[0];
                byte[] content = (byte[]) read.get(i)[1];
                int[] expected = contents.get(i);
                if (!h.equals(headers.get(i))) {
                    throw new IllegalStateException(reader + ": part " + i + " has headers " + h + ", not " + headers.get(i));
                }
                if (Arrays.mismatch(content, 0, content.length, body, expected[0], expected[0] + expected[1]) >= 0) {
                    throw new IllegalStateException(reader + ": part " + i + " (" + content.length + " bytes) differs from the "
                            + expected[1] + " bytes sent");
                }
            }
        }
    }

    @State(Scope.Benchmark)
    public static class LargeBody extends Body {
        @Setup(Level.Trial)
        public void setUp() {
            Random rnd = new Random(27);
            byte[] options = "{\"mode\":\"same\",\"boundary\":\"reflect\",\"dtype\":\"float32\",\"x\":1}".getBytes(StandardCharsets.US_ASCII);
            if (options.length != 60) {
                throw new IllegalStateException("options is " + options.length + " bytes");
            }
            byte[] kernel = npy(300, rnd);
            byte[] input = new byte[LARGE_INPUT];
            rnd.nextBytes(input);
            build(List.of(
                            "Content-Disposition: form-data; name=\"options\"\r\nContent-Type: application/json",
                            "Content-Disposition: form-data; name=\"kernel\"; filename=\"kernel.npy\"\r\nContent-Type: application/octet-stream",
                            "Content-Disposition: form-data; name=\"input\"; filename=\"input.npy\"\r\nContent-Type: application/octet-stream"),
                    List.of(options, kernel, input));
        }
    }

    @State(Scope.Benchmark)
    public static class SmallBody extends Body {
        @Setup(Level.Trial)
        public void setUp() {
            Random rnd = new Random(28);
            List<String> h = new ArrayList<>(SMALL_PARTS);
            List<byte[]> parts = new ArrayList<>(SMALL_PARTS);
            for (int i = 0; i < SMALL_PARTS; i++) {
                h.add("Content-Disposition: form-data; name=\"part" + i + "\"; filename=\"part" + i + ".bin\"\r\n"
                        + "Content-Type: application/octet-stream");
                byte[] b = new byte[SMALL_PART];
                rnd.nextBytes(b);
                parts.add(b);
            }
            build(h, parts);
        }
    }

    /** A .npy of {@code size} bytes: a v1 header, then random float32 values. */
    static byte[] npy(int size, Random rnd) {
        byte[] out = new byte[size];
        byte[] magic = "\u0093NUMPY\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1);
        int headerLen = 128 - 10;
        StringBuilder h = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': (" + (size - 128) / 4 + ",), }");
        while (h.length() < headerLen - 1) {
            h.append(' ');
        }
        h.append('\n');
        System.arraycopy(magic, 0, out, 0, magic.length);
        out[8] = (byte) headerLen;
        out[9] = 0;
        byte[] hb = h.toString().getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(hb, 0, out, 10, hb.length);
        for (int i = 128; i < size; i++) {
            out[i] = (byte) rnd.nextInt();
        }
        return out;
    }

    /** The body from memory, at most 64 KB a read, as from a socket. */
    static final class SocketStream extends InputStream {
        private final byte[] b;
        private int pos;

        SocketStream(byte[] b) {
            this.b = b;
        }

        @Override
        public int read() {
            return pos < b.length ? b[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] dst, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (pos >= b.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, SOCKET_READ), b.length - pos);
            System.arraycopy(b, pos, dst, off, n);
            pos += n;
            return n;
        }
    }

    /** FileUpload's reader on {@code in}, with a buffer of {@code buffer} bytes (0: its default). */
    static MultipartInput theirs(InputStream in, int buffer) throws IOException {
        MultipartInput.Builder b = MultipartInput.builder()
                .setInputStream(in)
                .setBoundary(BOUNDARY.getBytes(StandardCharsets.ISO_8859_1))
                .setPartHeaderSizeMax(16 * 1024); // as ours allows
        if (buffer > 0) {
            b.setBufferSize(buffer);
        }
        return b.get();
    }

    /** Every part (its headers, its content) read by ours, for the setup check. */
    static List<Object[]> readParts(MultipartStream in) throws IOException {
        List<Object[]> out = new ArrayList<>();
        MultipartBody.Headers h;
        while ((h = in.next()) != null) {
            out.add(new Object[] {h, in.content().readAllBytes()});
        }
        return out;
    }

    /** Every part (its headers, its content) read by FileUpload's, for the setup check. */
    static List<Object[]> readParts(MultipartInput in) throws IOException {
        List<Object[]> out = new ArrayList<>();
        boolean next = in.skipPreamble();
        while (next) {
            MultipartBody.Headers h = MultipartBody.headers(in.readHeaders());
            try (InputStream c = in.newInputStream()) {
                out.add(new Object[] {h, c.readAllBytes()});
            }
            next = in.readBoundary();
        }
        return out;
    }

    /** The reused array each part's content is read into, as the row reader's. */
    @State(Scope.Thread)
    public static class Sink {
        final byte[] rows = new byte[1024 * 1024];
    }

    /** Reads a part's content into the sink to its end: a few bytes of each read summed. */
    static long drain(InputStream content, byte[] rows) throws IOException {
        long sum = 0;
        int n;
        while ((n = content.read(rows, 0, rows.length)) >= 0) {
            if (n > 0) {
                sum += rows[0] + rows[n - 1] + rows[n >> 1] + n;
            }
        }
        return sum;
    }

    static long ours(Body b, Sink s) throws IOException {
        MultipartStream in = new MultipartStream(new SocketStream(b.body), BOUNDARY);
        long sum = 0;
        MultipartBody.Headers h;
        while ((h = in.next()) != null) {
            sum += h.name().length() + drain(in.content(), s.rows);
        }
        return sum;
    }

    static long theirs(Body b, Sink s, int buffer) throws IOException {
        MultipartInput in = theirs(new SocketStream(b.body), buffer);
        long sum = 0;
        boolean next = in.skipPreamble();
        while (next) {
            MultipartBody.Headers h = MultipartBody.headers(in.readHeaders());
            try (InputStream c = in.newInputStream()) {
                sum += h.name().length() + drain(c, s.rows);
            }
            next = in.readBoundary();
        }
        return sum;
    }

    /** The streamed request by ours: MB/s of part content. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @OperationsPerInvocation(LARGE_INPUT + 360)
    public void oursLarge(LargeBody b, Sink s, Blackhole bh) throws IOException {
        bh.consume(ours(b, s));
    }

    /** The streamed request by FileUpload's reader with ours' 64 KiB buffer: MB/s of part content. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @OperationsPerInvocation(LARGE_INPUT + 360)
    public void theirsLarge(LargeBody b, Sink s, Blackhole bh) throws IOException {
        bh.consume(theirs(b, s, OUR_BUFFER));
    }

    /** The streamed request by FileUpload's reader with its default buffer (4 KiB): MB/s of part content. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @OperationsPerInvocation(LARGE_INPUT + 360)
    public void theirsDefaultBufferLarge(LargeBody b, Sink s, Blackhole bh) throws IOException {
        bh.consume(theirs(b, s, 0));
    }

    /** 10,000 parts of 1 KiB by ours: nanoseconds a part. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @OperationsPerInvocation(SMALL_PARTS)
    public void oursSmall(SmallBody b, Sink s, Blackhole bh) throws IOException {
        bh.consume(ours(b, s));
    }

    /** 10,000 parts of 1 KiB by FileUpload's reader, 64 KiB buffer: nanoseconds a part. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @OperationsPerInvocation(SMALL_PARTS)
    public void theirsSmall(SmallBody b, Sink s, Blackhole bh) throws IOException {
        bh.consume(theirs(b, s, OUR_BUFFER));
    }

    /** 10,000 parts of 1 KiB by FileUpload's reader, default 4 KiB buffer: nanoseconds a part. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @OperationsPerInvocation(SMALL_PARTS)
    public void theirsDefaultBufferSmall(SmallBody b, Sink s, Blackhole bh) throws IOException {
        bh.consume(theirs(b, s, 0));
    }
}
