package dev.convolution.codec;

import dev.convolution.core.error.InvalidRequestException;
import dev.convolution.core.type.ElementType;
import java.nio.ByteOrder;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The dtypes read from {@code .npy} files, by numpy's kind letter and item size in bytes. */
enum NpyDtype {
    FLOAT64('f', 8, "float64", ElementType.FLOAT64),
    FLOAT32('f', 4, "float32", ElementType.FLOAT32),
    INT8('i', 1, "int8", ElementType.INT8),
    INT16('i', 2, "int16", ElementType.INT16),
    INT32('i', 4, "int32", ElementType.INT32),
    INT64('i', 8, "int64", ElementType.INT64),
    UINT8('u', 1, "uint8", ElementType.UINT8),
    UINT16('u', 2, "uint16", ElementType.UINT16),
    UINT32('u', 4, "uint32", ElementType.UINT32),
    UINT64('u', 8, "uint64", ElementType.UINT64),
    BOOL('b', 1, "bool", ElementType.BOOL),
    COMPLEX128('c', 16, "complex128", ElementType.COMPLEX128),
    COMPLEX64('c', 8, "complex64", ElementType.COMPLEX64);

    /** The list of supported dtypes, as messages give it. */
    static final String SUPPORTED = "supported: float64, float32, complex128, complex64, int8-int64, uint8-uint64, bool";

    /** A descriptor string: byte order, kind letter, item size, and a unit in brackets for datetimes. */
    private static final Pattern DESCR = Pattern.compile("([<>|=]?)([A-Za-z?])(\\d{0,9})(\\[\\w{1,8}])?");

    private final char kind;
    private final int size;
    private final String label;
    private final ElementType type;

    NpyDtype(char kind, int size, String label, ElementType type) {
        this.kind = kind;
        this.size = size;
        this.label = label;
        this.type = type;
    }

    /** The element type of this dtype. */
    ElementType elementType() {
        return type;
    }

    /** The item size in bytes. */
    int size() {
        return size;
    }

    /** numpy's name for the dtype ({@code float64}). */
    String label() {
        return label;
    }

    /**
     * A dtype and the byte order of its items.
     *
     * @param type the dtype
     * @param order the byte order of multi-byte items (little endian for one-byte items, where it does not matter)
     */
    record Descr(NpyDtype type, ByteOrder order) {
    }

    /**
     * Reads the header's {@code 'descr'}: a string such as {@code '<f8'}, {@code '>i4'} or {@code '|u1'}. Multi-byte
     * items must state their byte order ({@code '<'} or {@code '>'}); one-byte items may have {@code '|'} (as numpy
     * writes them), {@code '<'} or {@code '>'}. Anything else is refused naming the dtype and the supported list.
     */
    static Descr of(String part, NpyHeader.Literal descr) {
        String prefix = "the part '" + part + "' ";
        if (descr.kind() == NpyHeader.Kind.LIST) {
            throw new InvalidRequestException(part, prefix + "has a structured dtype " + NpyHeader.shorten(descr.text())
                    + "; " + SUPPORTED);
        }
        if (descr.kind() == NpyHeader.Kind.TUPLE) {
            throw new InvalidRequestException(part, prefix + "has a subarray dtype " + NpyHeader.shorten(descr.text())
                    + "; " + SUPPORTED);
        }
        if (descr.kind() != NpyHeader.Kind.STRING) {
            throw NpyHeader.bad(part, "'descr' must be a dtype string such as '<f8', not " + NpyHeader.shorten(descr.text()));
        }
        String s = (String) descr.value();
        String shown = "'" + NpyHeader.shorten(s) + "'";
        Matcher m = DESCR.matcher(s);
        if (!m.matches()) {
            throw new InvalidRequestException(part, prefix + "has dtype " + shown + ", which is not a NumPy dtype descriptor; "
                    + SUPPORTED);
        }
        String order = m.group(1);
        char kind = m.group(2).charAt(0);
        int size = m.group(3).isEmpty() ? -1 : Integer.parseInt(m.group(3));
        NpyDtype type = null;
        if (m.group(4) == null) {
            for (NpyDtype t : values()) {
                if (t.kind == kind && t.size == size) {
                    type = t;
                }
            }
        }
        if (type == null) {
            throw new InvalidRequestException(part, prefix + "has dtype " + shown + unsupportedName(kind, size) + "; " + SUPPORTED);
        }
        if (order.equals("<") || order.equals(">")) {
            return new Descr(type, order.equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        }
        if (order.equals("|") && type.size == 1) {
            return new Descr(type, ByteOrder.LITTLE_ENDIAN);
        }
        String code = String.valueOf(kind) + size;
        throw new InvalidRequestException(part, prefix + "has dtype " + shown + ", which does not state its byte order as numpy "
                + "writes it (" + (type.size == 1 ? "'|" + code + "'" : "'<" + code + "' little endian or '>" + code + "' big endian")
                + ")");
    }

    /** numpy's name for a dtype not read here, in parentheses, or a note that it is not one read here. */
    private static String unsupportedName(char kind, int size) {
        String name;
        switch (kind) {
            case 'c':
                name = List.of(24, 32).contains(size) ? "complex" + size * 8 : null;
                break;
            case 'f':
                name = List.of(2, 12, 16).contains(size) ? "float" + size * 8 : null;
                break;
            case 'O':
                name = "object: pickled Python objects";
                break;
            case 'U':
                name = "str";
                break;
            case 'S':
            case 'a':
                name = "bytes";
                break;
            case 'V':
                name = "void";
                break;
            case 'M':
                name = "datetime64";
                break;
            case 'm':
                name = "timedelta64";
                break;
            default:
                name = null;
        }
        return name == null ? ", which is not a dtype read here" : " (" + name + ")";
    }
}
