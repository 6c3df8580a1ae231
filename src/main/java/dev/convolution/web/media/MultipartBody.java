package dev.convolution.web.media;

import dev.convolution.core.error.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code multipart/form-data} body (RFC 7578) split into its parts, from bytes already read through the service's
 * body limits. Parts are named by their {@code Content-Disposition}; a part's content type is its {@code Content-Type}
 * header (absent: null). Every malformation is a 400 naming the body or the part.
 */
final class MultipartBody {
    /**
     * One part: its name, file name (or null), content type (lower case, without parameters, or null) and bytes: {@code
     * body[offset … offset+length−1]}, in place in the body (a large array part is read from there, not copied first).
     */
    record Part(String name, String filename, String contentType, byte[] body, int offset, int length) {
        /** A copy of the part's bytes. */
        byte[] content() {
            return Arrays.copyOfRange(body, offset, offset + length);
        }
    }

    private MultipartBody() {
    }

    /** The parts in the order sent; a name sent twice is refused. */
    static Map<String, Part> parse(byte[] body, String boundary) {
        requireBoundary(boundary);
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int at = indexOf(body, delimiter, 0);
        if (at < 0 || (at > 0 && !endsWithCrlf(body, at))) {
            throw new InvalidRequestException("body", "the multipart body does not contain its boundary line");
        }
        byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        Map<String, Part> parts = new LinkedHashMap<>();
        int pos = at + delimiter.length;
        while (true) {
            if (startsWith(body, pos, "--")) {
                return parts; // the close delimiter; anything after it is the epilogue
            }
            pos = skipTransportPadding(body, pos);
            if (!startsWith(body, pos, "\r\n")) {
                throw new InvalidRequestException("body", "the multipart body is malformed after a boundary line");
            }
            pos += 2;
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), pos);
            int end = headersEnd < 0 ? -1 : indexOf(body, next, headersEnd + 4);
            if (headersEnd < 0 || end < 0) {
                throw new InvalidRequestException("body", "the multipart body is truncated: a part has no closing boundary");
            }
            Part part = part(new String(body, pos, headersEnd - pos, StandardCharsets.UTF_8), body, headersEnd + 4, end);
            if (parts.put(part.name(), part) != null) {
                throw new InvalidRequestException(part.name(), "the part '" + part.name() + "' is sent twice");
            }
            pos = end + next.length;
        }
    }

    /** A boundary parameter of 1 to 70 characters (RFC 2046), else 400. */
    static void requireBoundary(String boundary) {
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
            throw new InvalidRequestException("body", "a multipart/form-data body needs a boundary parameter of 1 to 70 characters "
                    + "in its Content-Type");
        }
    }

    private static Part part(String headerText, byte[] body, int from, int to) {
        Headers h = headers(headerText);
        return new Part(h.name(), h.filename(), h.contentType(), body, from, to - from);
    }

    /** A part's name, file name (or null) and content type (lower case, without parameters, or null). */
    record Headers(String name, String filename, String contentType) {
    }

    /** The headers of one part, from the text between its boundary line and the blank line. */
    static Headers headers(String headerText) {
        String name = null;
        String filename = null;
        String type = null;
        for (String line : headerText.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new InvalidRequestException("body", "a multipart part has a malformed header line");
            }
            String header = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (header.equals("content-disposition")) {
                Map<String, String> params = parameters(value);
                if (!value.toLowerCase(Locale.ROOT).startsWith("form-data")) {
                    throw new InvalidRequestException("body", "a multipart part's Content-Disposition must be form-data");
                }
                name = params.get("name");
                filename = params.get("filename");
            } else if (header.equals("content-type")) {
                int semi = value.indexOf(';');
                type = (semi < 0 ? value : value.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
            }
        }
        if (name == null || name.isEmpty()) {
            throw new InvalidRequestException("body", "a multipart part has no name in its Content-Disposition");
        }
        return new Headers(name, filename, type);
    }

    /** The {@code key=value} and {@code key="value"} parameters after the first {@code ;}. */
    private static Map<String, String> parameters(String value) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> items = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' && (i == 0 || value.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            }
            if (c == ';' && !quoted) {
                items.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        items.add(cur.toString());
        for (String item : items.subList(1, items.size())) {
            int eq = item.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = item.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String v = item.substring(eq + 1).trim();
            if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                v = v.substring(1, v.length() - 1).replace("\\\"", "\"");
            }
            out.put(key, v);
        }
        return out;
    }

    private static int skipTransportPadding(byte[] b, int pos) {
        while (pos < b.length && (b[pos] == ' ' || b[pos] == '\t')) {
            pos++;
        }
        return pos;
    }

    private static boolean endsWithCrlf(byte[] b, int at) {
        return at >= 2 && b[at - 2] == '\r' && b[at - 1] == '\n';
    }

    private static boolean startsWith(byte[] b, int pos, String s) {
        if (pos + s.length() > b.length) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b[pos + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The first index of {@code pattern} in {@code b} at or after {@code from}, or -1: Boyer-Moore-Horspool, which skips
     * up to the pattern's length at each step (a boundary line is 40-odd bytes, so an 8 MB part is scanned in a few
     * hundred thousand steps, not eight million).
     */
    static int indexOf(byte[] b, byte[] pattern, int from) {
        return indexOf(b, pattern, from, b.length);
    }

    /** The first index of {@code pattern} in {@code b[from … to−1]}, or -1. */
    static int indexOf(byte[] b, byte[] pattern, int from, int to) {
        int n = pattern.length;
        int[] shift = new int[256];
        java.util.Arrays.fill(shift, n);
        for (int k = 0; k < n - 1; k++) {
            shift[pattern[k] & 0xff] = n - 1 - k;
        }
        byte lastByte = pattern[n - 1];
        int i = Math.max(0, from);
        int end = to - n;
        while (i <= end) {
            byte c = b[i + n - 1];
            if (c == lastByte) {
                int k = n - 2;
                while (k >= 0 && b[i + k] == pattern[k]) {
                    k--;
                }
                if (k < 0) {
                    return i;
                }
            }
            i += shift[c & 0xff];
        }
        return -1;
    }
}
