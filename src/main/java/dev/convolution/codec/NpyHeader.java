package dev.convolution.codec;

import dev.convolution.core.error.InvalidRequestException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The header of a {@code .npy} file, parsed strictly: a Python dict literal with exactly the keys {@code 'descr'},
 * {@code 'fortran_order'} and {@code 'shape'} (in any order), followed by nothing but whitespace (numpy pads it with
 * spaces and ends it with a newline).
 *
 * <p>The parser reads the Python literals numpy's {@code ast.literal_eval} would meet in a header (strings, integers,
 * {@code True}, {@code False}, {@code None}, tuples, lists and dicts), so that a structured or subarray dtype is
 * recognised and refused by name rather than as a syntax error. Whatever the literal, the header is refused with a
 * sentence naming the part.
 *
 * @param descr the dtype descriptor as written: a string for the dtypes read here, a list for a structured dtype
 * @param fortranOrder whether the data is in Fortran (column-major) order
 * @param shape the length of each axis, as written (checked to be non-negative, not yet against any limit)
 */
record NpyHeader(Literal descr, boolean fortranOrder, BigInteger[] shape) {

    /** Deeper nesting than this is refused (no header numpy writes nests more than a few levels). */
    private static final int MAX_DEPTH = 64;

    /** What a literal is. */
    enum Kind {
        STRING, INT, BOOL, NONE, TUPLE, LIST, DICT
    }

    /**
     * One Python literal from the header.
     *
     * @param kind what it is
     * @param value a {@code String}, {@code BigInteger}, {@code Boolean}, {@code null}, a {@code List<Literal>} (tuple
     *            or list) or a {@code Map<String, Literal>} (dict; only string keys are read)
     * @param text the literal as written in the header, for messages
     */
    record Literal(Kind kind, Object value, String text) {
    }

    /** Parses the header text, or refuses it with the part's name and what is wrong. */
    static NpyHeader parse(String part, String text) {
        Parser p = new Parser(part, text);
        p.skipSpace();
        Literal dict = p.value(0);
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.bad("unexpected " + p.describeNext() + " after the header's dict");
        }
        if (dict.kind() != Kind.DICT) {
            throw bad(part, "the header is not a dict but " + shorten(dict.text()));
        }
        @SuppressWarnings("unchecked")
        Map<String, Literal> d = (Map<String, Literal>) dict.value();
        for (String key : d.keySet()) {
            if (!key.equals("descr") && !key.equals("fortran_order") && !key.equals("shape")) {
                throw bad(part, "unexpected key '" + shorten(key) + "' (the keys are 'descr', 'fortran_order' and 'shape')");
            }
        }
        for (String key : List.of("descr", "fortran_order", "shape")) {
            if (!d.containsKey(key)) {
                throw bad(part, "the key '" + key + "' is missing (the keys are 'descr', 'fortran_order' and 'shape')");
            }
        }
        Literal order = d.get("fortran_order");
        if (order.kind() != Kind.BOOL) {
            throw bad(part, "'fortran_order' must be True or False, not " + shorten(order.text()));
        }
        Literal shape = d.get("shape");
        if (shape.kind() != Kind.TUPLE) {
            throw bad(part, "'shape' must be a tuple of non-negative integers such as (2, 3), (5,) or (), not "
                    + shorten(shape.text()));
        }
        @SuppressWarnings("unchecked")
        List<Literal> axes = (List<Literal>) shape.value();
        BigInteger[] dims = new BigInteger[axes.size()];
        for (int i = 0; i < dims.length; i++) {
            Literal a = axes.get(i);
            if (a.kind() != Kind.INT || ((BigInteger) a.value()).signum() < 0) {
                throw bad(part, "'shape' must be a tuple of non-negative integers such as (2, 3), (5,) or (), not "
                        + shorten(shape.text()));
            }
            dims[i] = (BigInteger) a.value();
        }
        return new NpyHeader(d.get("descr"), (Boolean) order.value(), dims);
    }

    static InvalidRequestException bad(String part, String what) {
        return new InvalidRequestException(part, "the part '" + part + "' has a bad .npy header: " + what);
    }

    /** A header excerpt for a message: at most 60 characters. */
    static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    /** A recursive-descent reader of the Python literals a header may hold. */
    private static final class Parser {
        private final String part;
        private final String text;
        private int pos;

        Parser(String part, String text) {
            this.part = part;
            this.text = text;
        }

        Literal value(int depth) {
            if (depth > MAX_DEPTH) {
                throw bad("literals nested more than " + MAX_DEPTH + " deep");
            }
            skipSpace();
            if (pos >= text.length()) {
                throw bad("the header ends where a value was expected");
            }
            int start = pos;
            char c = text.charAt(pos);
            switch (c) {
                case '{':
                    return dict(start, depth);
                case '[':
                    return sequence(start, depth, ']', Kind.LIST);
                case '(':
                    return parenthesised(start, depth);
                case '\'':
                case '"':
                    return new Literal(Kind.STRING, string(), text.substring(start, pos));
                default:
                    if (c == '-' || c == '+' || (c >= '0' && c <= '9')) {
                        return integer(start);
                    }
                    if (Character.isLetter(c) || c == '_') {
                        return name(start);
                    }
                    throw bad("unexpected " + describeNext());
            }
        }

        private Literal dict(int start, int depth) {
            pos++; // '{'
            Map<String, Literal> entries = new LinkedHashMap<>();
            while (true) {
                skipSpace();
                if (peek() == '}') {
                    pos++;
                    return new Literal(Kind.DICT, entries, text.substring(start, pos));
                }
                Literal key = value(depth + 1);
                if (key.kind() != Kind.STRING) {
                    throw bad("the header's keys must be strings, not " + shorten(key.text()));
                }
                String name = (String) key.value();
                if (entries.containsKey(name)) {
                    throw bad("the key '" + shorten(name) + "' appears twice");
                }
                skipSpace();
                expect(':');
                entries.put(name, value(depth + 1));
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else if (peek() != '}') {
                    throw bad("expected ',' or '}' but found " + describeNext());
                }
            }
        }

        /** A tuple, or a value in parentheses: {@code (3)} is the integer 3, {@code (3,)} a tuple of one. */
        private Literal parenthesised(int start, int depth) {
            pos++; // '('
            skipSpace();
            if (peek() == ')') {
                pos++;
                return new Literal(Kind.TUPLE, List.of(), text.substring(start, pos));
            }
            Literal first = value(depth + 1);
            skipSpace();
            if (peek() == ')') {
                pos++;
                return new Literal(first.kind(), first.value(), text.substring(start, pos));
            }
            expect(',');
            List<Literal> items = new ArrayList<>();
            items.add(first);
            return rest(start, depth, ')', Kind.TUPLE, items);
        }

        private Literal sequence(int start, int depth, char close, Kind kind) {
            pos++; // '['
            return rest(start, depth, close, kind, new ArrayList<>());
        }

        /** The items of a list or tuple after its opening (and first item, for a tuple), to the closing bracket. */
        private Literal rest(int start, int depth, char close, Kind kind, List<Literal> items) {
            while (true) {
                skipSpace();
                if (peek() == close) {
                    pos++;
                    return new Literal(kind, List.copyOf(items), text.substring(start, pos));
                }
                items.add(value(depth + 1));
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else if (peek() != close) {
                    throw bad("expected ',' or '" + close + "' but found " + describeNext());
                }
            }
        }

        /** A quoted string; only the escapes of quotes and backslashes are read. */
        private String string() {
            char quote = text.charAt(pos++);
            StringBuilder s = new StringBuilder();
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == quote) {
                    return s.toString();
                }
                if (c == '\n') {
                    break;
                }
                if (c == '\\') {
                    if (pos >= text.length()) {
                        break;
                    }
                    char e = text.charAt(pos++);
                    if (e != '\\' && e != '\'' && e != '"') {
                        throw bad("the escape \\" + e + " in a string is not read");
                    }
                    c = e;
                }
                s.append(c);
            }
            throw bad("a string is not closed");
        }

        private Literal integer(int start) {
            boolean negative = false;
            if (peek() == '-' || peek() == '+') {
                negative = text.charAt(pos) == '-';
                pos++;
                skipSpace();
            }
            int digits = pos;
            while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
                pos++;
            }
            if (pos == digits) {
                throw bad("expected a digit but found " + describeNext());
            }
            if (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.'
                    || text.charAt(pos) == '_')) {
                while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.'
                        || text.charAt(pos) == '_')) {
                    pos++;
                }
                throw bad("the number '" + shorten(text.substring(start, pos)) + "' is not an integer");
            }
            if (pos - digits > 1 && text.charAt(digits) == '0') {
                throw bad("the integer '" + shorten(text.substring(start, pos)) + "' has a leading zero");
            }
            BigInteger v = new BigInteger(text.substring(digits, pos));
            return new Literal(Kind.INT, negative ? v.negate() : v, text.substring(start, pos));
        }

        private Literal name(int start) {
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            String n = text.substring(start, pos);
            switch (n) {
                case "True":
                    return new Literal(Kind.BOOL, Boolean.TRUE, n);
                case "False":
                    return new Literal(Kind.BOOL, Boolean.FALSE, n);
                case "None":
                    return new Literal(Kind.NONE, null, n);
                default:
                    throw bad("'" + shorten(n) + "' is not a Python literal");
            }
        }

        private void expect(char c) {
            if (peek() != c) {
                throw bad("expected '" + c + "' but found " + describeNext());
            }
            pos++;
        }

        /** The next character, or 0 at the end. */
        private char peek() {
            return pos < text.length() ? text.charAt(pos) : 0;
        }

        void skipSpace() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
                    return;
                }
                pos++;
            }
        }

        String describeNext() {
            if (pos >= text.length()) {
                return "the end of the header";
            }
            char c = text.charAt(pos);
            String shown = c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
            return shown + " at character " + pos;
        }

        InvalidRequestException bad(String what) {
            return NpyHeader.bad(part, what);
        }
    }
}
