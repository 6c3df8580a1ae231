package dev.convolution.web.media;

import dev.convolution.core.error.InvalidRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A {@code multipart/form-data} body (RFC 7578) read part by part as it arrives, for a body too large to hold: each
 * part's headers ({@link #next}), then its content as a stream ({@link #content}) that ends where the next boundary line
 * begins. Holds one buffer of 64 KB whatever the body's size. The same rules and messages as {@link MultipartBody}, which
 * parses a body held whole.
 */
final class MultipartStream {
    private static final int BUFFER = 64 * 1024;
    private static final int MAX_HEADERS = 16 * 1024;
    private static final byte[] CRLFCRLF = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private int limit;
    private boolean eof;
    /** Where the next boundary line starts in {@code buf} (≥ pos), or -1 when not yet found. */
    private int found = -1;
    /** No boundary line starts in {@code buf[pos … scanned−1]}. */
    private int scanned;
    private boolean started;
    private boolean closed;
    private final Content content = new Content();

    MultipartStream(InputStream in, String boundary) {
        MultipartBody.requireBoundary(boundary);
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        // the body's first boundary line has no line break before it: read as if it had one
        buf[0] = '\r';
        buf[1] = '\n';
        limit = 2;
    }

    /**
     * The next part's headers, the rest of the current part skipped; null after the close delimiter (the epilogue is not
     * read).
     */
    MultipartBody.Headers next() throws IOException {
        if (closed) {
            return null;
        }
        if (!started) {
            // a preamble before the first boundary line is skipped, as MultipartBody does
            started = true;
            if (!skipPreamble()) {
                throw new InvalidRequestException("body", "the multipart body does not contain its boundary line");
            }
        } else if (!skipToDelimiter()) {
            throw truncated();
        }
        pos += delimiter.length;
        found = -1;
        scanned = pos;
        if (!fill(2)) {
            throw malformed(); // neither the close delimiter nor a line break can follow, as MultipartBody finds
        }
        if (buf[pos] == '-' && buf[pos + 1] == '-') {
            closed = true;
            return null;
        }
        while (fill(1) && (buf[pos] == ' ' || buf[pos] == '\t')) {
            pos++;
        }
        if (!fill(2) || buf[pos] != '\r' || buf[pos + 1] != '\n') {
            throw malformed();
        }
        pos += 2;
        int end;
        while ((end = MultipartBody.indexOf(buf, CRLFCRLF, pos, limit)) < 0) {
            // the blank line starts at limit − 3 or later: the headers are longer than allowed whatever follows
            if (limit - pos > MAX_HEADERS + CRLFCRLF.length - 1) {
                throw headersTooLong();
            }
            if (!more()) {
                throw truncated();
            }
        }
        if (end - pos > MAX_HEADERS) {
            throw headersTooLong(); // however the headers arrived: in one read or in many
        }
        MultipartBody.Headers h = MultipartBody.headers(new String(buf, pos, end - pos, StandardCharsets.UTF_8));
        pos = end + CRLFCRLF.length;
        scanned = pos;
        found = -1;
        return h;
    }

    /** The current part's content, to its end (valid until {@link #next}). */
    InputStream content() {
        return content;
    }

    /** True once the close delimiter has been read. */
    boolean closed() {
        return closed;
    }

    private static InvalidRequestException truncated() {
        return new InvalidRequestException("body", "the multipart body is truncated: a part has no closing boundary");
    }

    private static InvalidRequestException malformed() {
        return new InvalidRequestException("body", "the multipart body is malformed after a boundary line");
    }

    private static InvalidRequestException headersTooLong() {
        return new InvalidRequestException("body", "a multipart part's headers are longer than " + MAX_HEADERS + " bytes");
    }

    /**
     * Skips the preamble to the first boundary line, as {@link MultipartBody#parse} finds it: the first {@code --boundary}
     * in the body, which must start the body or a line; false when there is none or it does not start a line.
     */
    private boolean skipPreamble() throws IOException {
        byte[] dashBoundary = java.util.Arrays.copyOfRange(delimiter, 2, delimiter.length);
        int dash = dashBoundary.length;
        int from = 2; // after the line break put before the body
        while (true) {
            int i = MultipartBody.indexOf(buf, dashBoundary, from, limit);
            if (i >= 0) {
                pos = i - 2;
                return buf[i - 2] == '\r' && buf[i - 1] == '\n';
            }
            // keep where "--boundary" may yet start, and the two bytes before it
            pos = Math.max(from, limit - dash + 1) - 2;
            if (!more()) {
                return false;
            }
            from = pos + 2; // more() moved the kept bytes to the buffer's start (pos is 0 after it)
        }
    }

    /** Skips to the next boundary line; false when the body ends first. */
    private boolean skipToDelimiter() throws IOException {
        while (true) {
            scan();
            if (found >= 0) {
                pos = found;
                return true;
            }
            pos = scanned;
            if (!more()) {
                return false;
            }
        }
    }

    private void scan() {
        if (found < 0) {
            int i = MultipartBody.indexOf(buf, delimiter, Math.max(pos, scanned), limit);
            if (i >= 0) {
                found = i;
            } else {
                scanned = Math.max(Math.max(pos, scanned), limit - delimiter.length + 1);
            }
        }
    }

    /** At least {@code n} bytes at {@code pos}, reading more as needed; false when the body ends first. */
    private boolean fill(int n) throws IOException {
        while (limit - pos < n) {
            if (!more()) {
                return false;
            }
        }
        return true;
    }

    /** Reads more of the body into the buffer (moving what is unread to its start); false at the body's end. */
    private boolean more() throws IOException {
        if (eof) {
            return false;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            scanned = Math.max(0, scanned - pos);
            if (found >= 0) {
                found -= pos;
            }
            pos = 0;
        }
        if (limit == buf.length) {
            throw new IllegalStateException("the buffer is full");
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
            return false;
        }
        limit += n;
        return true;
    }

    /** The current part's bytes, up to the next boundary line. */
    private final class Content extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (true) {
                scan();
                int end = found >= 0 ? found : scanned;
                if (end > pos) {
                    int n = Math.min(len, end - pos);
                    System.arraycopy(buf, pos, b, off, n);
                    pos += n;
                    return n;
                }
                if (found >= 0) {
                    return -1; // the part ends here
                }
                if (!more()) {
                    throw truncated();
                }
            }
        }
    }
}
