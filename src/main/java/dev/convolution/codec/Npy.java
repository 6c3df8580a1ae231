package dev.convolution.codec;

import dev.convolution.core.error.InvalidRequestException;
import dev.convolution.core.error.LimitExceededException;
import dev.convolution.core.type.ElementType;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.DoubleBuffer;
import java.nio.LongBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0) read into row-major arrays of doubles, and arrays
 * written back as version-1.0 files in C order, byte for byte as {@code numpy.save} writes them.
 *
 * <p>Read: dtypes float64, float32, int8 to int64, uint8 to uint64 and bool, little or big endian, C or Fortran order.
 * Every value becomes a double, so integers beyond ±2<sup>53</sup> (which a double cannot hold exactly), NaN and the
 * infinities are refused, as are bool bytes other than 0 and 1. Malformed files are refused with an
 * {@link InvalidRequestException} whose field is the multipart part's name and whose message names the part and says
 * what is wrong; an array with more elements than allowed is refused with a {@link LimitExceededException} before
 * anything large is allocated.
 */
public final class Npy {
    /** The media type of a {@code .npy} part or response. */
    public static final String MEDIA_TYPE = "application/x-npy";

    /** The most axes read (numpy allows 64; the service's arrays have far fewer). */
    static final int MAX_RANK = 32;

    /** The longest header read, in bytes: the most a version-1.0 header can hold. */
    static final int MAX_HEADER_BYTES = 65535;

    /** The integers a double holds exactly: -2^53 to 2^53. */
    static final long EXACT = 1L << 53;

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    /** numpy aligns the data to 64 bytes from the start of the file. */
    private static final int ALIGN = 64;

    /** numpy leaves room for the growth axis's length to reach this many digits. */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;

    /** Values converted per step when a temporary array is needed (a few tens of kilobytes). */
    static final int CHUNK = 8192;

    private Npy() {
    }

    /** True when the bytes start with the .npy magic string ({@code \x93NUMPY}). */
    public static boolean isNpy(byte[] bytes) {
        return bytes != null && isNpy(bytes, 0, bytes.length);
    }

    /** True when {@code bytes[offset … offset+length−1]} start with the .npy magic string. */
    public static boolean isNpy(byte[] bytes, int offset, int length) {
        return length >= MAGIC.length && Arrays.equals(bytes, offset, offset + MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /**
     * Reads a whole {@code .npy} file.
     *
     * @param part the multipart part name, used as the error's field and in messages
     * @param bytes the file
     * @param maxElements the most elements accepted: a header whose shape has more is refused with a
     *            {@link LimitExceededException} naming the limit, before anything large is allocated
     * @return the shape and the values in C order (a scalar has an empty shape; a zero-length axis gives no values)
     * @throws InvalidRequestException when the file is malformed, its dtype is not read here, its data does not match
     *             its shape, or a value is not a finite double (an integer beyond ±2^53, NaN, an infinity, a bool byte
     *             other than 0 or 1)
     */
    public static NpyArray read(String part, byte[] bytes, long maxElements) {
        return read(part, bytes, 0, Objects.requireNonNull(bytes, "bytes").length, maxElements);
    }

    /**
     * Reads a whole {@code .npy} file held in {@code bytes[offset … offset+length−1]} (a part of a multipart body, read in
     * place), as {@link #read(String, byte[], long)} does.
     */
    public static NpyArray read(String part, byte[] bytes, int offset, int length, long maxElements) {
        Objects.requireNonNull(part, "part");
        Objects.checkFromIndexSize(offset, length, Objects.requireNonNull(bytes, "bytes").length);
        if (maxElements < 0) {
            throw new IllegalArgumentException("maxElements " + maxElements + " is negative");
        }
        String prefix = "the part '" + part + "' ";
        if (length == 0) {
            throw new InvalidRequestException(part, prefix + "is not a .npy file: it is empty");
        }
        for (int i = 0; i < Math.min(length, MAGIC.length); i++) {
            if (bytes[offset + i] != MAGIC[i]) {
                throw new InvalidRequestException(part, prefix + "is not a .npy file: it does not start with \\x93NUMPY");
            }
        }
        if (length < MAGIC.length + 2) {
            throw new InvalidRequestException(part, prefix + "is truncated: it ends after " + length
                    + " bytes, inside the .npy magic string and version");
        }
        int major = bytes[offset + 6] & 0xff;
        int minor = bytes[offset + 7] & 0xff;
        if (minor != 0 || major < 1 || major > 3) {
            throw new InvalidRequestException(part, prefix + "has .npy format version " + major + "." + minor
                    + "; supported: 1.0, 2.0, 3.0");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        int headerStart = MAGIC.length + 2 + lengthBytes;
        if (length < headerStart) {
            throw new InvalidRequestException(part, prefix + "is truncated: it ends after " + length
                    + " bytes, inside the .npy header length");
        }
        ByteBuffer lengthField = ByteBuffer.wrap(bytes, offset + 8, lengthBytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = major == 1 ? lengthField.getShort() & 0xffffL : lengthField.getInt() & 0xffffffffL;
        if (headerLength > length - headerStart) {
            throw new InvalidRequestException(part, prefix + "is truncated: its .npy header says it is " + headerLength
                    + " bytes long but " + (length - headerStart) + " bytes follow");
        }
        if (headerLength > MAX_HEADER_BYTES) {
            throw NpyHeader.bad(part, "it is " + headerLength + " bytes long, more than the " + MAX_HEADER_BYTES + " read here");
        }
        String text = headerText(part, bytes, offset + headerStart, (int) headerLength, major);
        NpyHeader header = NpyHeader.parse(part, text);
        NpyDtype.Descr descr = NpyDtype.of(part, header.descr());
        int dataStart = headerStart + (int) headerLength;
        int[] shape = shape(part, header.shape(), descr, maxElements, length - dataStart);
        int n = 1;
        for (int d : shape) {
            n *= d; // fits: the data holds n items
        }
        boolean fortran = header.fortranOrder() && shape.length > 1 && n > 0;
        NpyValues.Layout layout = new NpyValues.Layout(part, shape, fortran);
        if (descr.type().elementType().isComplex()) {
            double[][] parts = NpyValues.readComplex(layout, descr, bytes, offset + dataStart, n);
            return new NpyArray(shape, fortran ? NpyValues.fortranToC(parts[0], shape) : parts[0], descr.type().elementType(),
                    fortran ? NpyValues.fortranToC(parts[1], shape) : parts[1]);
        }
        double[] values = NpyValues.read(layout, descr, bytes, offset + dataStart, n);
        return new NpyArray(shape, fortran ? NpyValues.fortranToC(values, shape) : values, descr.type().elementType());
    }

    /**
     * Writes a version-1.0 {@code .npy} file in C order: dtype {@code '<i8'} when every value is an exact integer
     * within ±2^53 and none is -0.0, else {@code '<f8'} (see {@link #dtypeFor}). The bytes are those
     * {@code numpy.save} writes for the same array and dtype.
     *
     * @param shape the length of each axis (empty for a scalar)
     * @param values the elements in C order, as many as the product of the shape
     * @throws IllegalArgumentException when the shape does not match the values
     */
    public static byte[] write(int[] shape, double[] values) {
        String dtype = dtypeFor(values);
        byte[] header = header(dtype, shape, values.length);
        if (values.length > (Integer.MAX_VALUE - 8 - header.length) / 8) {
            throw new IllegalArgumentException(values.length + " values do not fit in one byte array");
        }
        byte[] out = Arrays.copyOf(header, header.length + values.length * 8);
        ByteBuffer data = ByteBuffer.wrap(out, header.length, values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        if (dtype.equals("<f8")) {
            data.asDoubleBuffer().put(values);
        } else {
            LongBuffer longs = data.asLongBuffer();
            long[] chunk = new long[Math.min(CHUNK, values.length)];
            for (int i = 0; i < values.length; i += chunk.length) {
                int len = Math.min(chunk.length, values.length - i);
                for (int j = 0; j < len; j++) {
                    chunk[j] = (long) values[i + j];
                }
                longs.put(chunk, 0, len);
            }
        }
        return out;
    }

    /**
     * Writes a version-1.0 {@code .npy} file in C order to a stream, as {@link #write(int[], double[])} does, in pieces
     * of a few tens of kilobytes. The stream is neither flushed nor closed.
     *
     * @throws IllegalArgumentException when the shape does not match the values
     */
    public static void write(int[] shape, double[] values, OutputStream out) throws IOException {
        writeAs(dtypeFor(values), shape, values, out);
    }

    /** The stream writer of {@code '<f8'} and {@code '<i8'} files. */
    private static void writeAs(String dtype, int[] shape, double[] values, OutputStream out) throws IOException {
        out.write(header(dtype, shape, values.length));
        byte[] chunk = new byte[Math.min(CHUNK, values.length) * 8];
        ByteBuffer buffer = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        DoubleBuffer doubles = buffer.asDoubleBuffer();
        LongBuffer longs = buffer.asLongBuffer();
        boolean floats = dtype.equals("<f8");
        for (int i = 0; i < values.length; i += CHUNK) {
            int len = Math.min(CHUNK, values.length - i);
            if (floats) {
                doubles.clear();
                doubles.put(values, i, len);
            } else {
                for (int j = 0; j < len; j++) {
                    longs.put(j, (long) values[i + j]);
                }
            }
            out.write(chunk, 0, len * 8);
        }
    }

    /**
     * Writes a version-1.0 {@code .npy} file of a result of this type in C order to a stream, in pieces of a few tens of
     * kilobytes: {@code '<f4'} for float32 (each value rounded to float), {@code '<i8'} for int64 (the values must be
     * integers), {@code '<f8'} for every other type. The stream is neither flushed nor closed.
     *
     * @throws IllegalArgumentException when the shape does not match the values
     */
    public static void write(int[] shape, double[] values, ElementType type, OutputStream out) throws IOException {
        if (type != ElementType.FLOAT32) {
            writeAs(type == ElementType.INT64 ? "<i8" : "<f8", shape, values, out);
            return;
        }
        out.write(header("<f4", shape, values.length));
        byte[] chunk = new byte[Math.min(CHUNK, values.length) * 4];
        java.nio.FloatBuffer floats = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        for (int i = 0; i < values.length; i += CHUNK) {
            int len = Math.min(CHUNK, values.length - i);
            for (int j = 0; j < len; j++) {
                floats.put(j, (float) values[i + j]);
            }
            out.write(chunk, 0, len * 4);
        }
    }

    /**
     * Writes a version-1.0 {@code .npy} file of a complex result in C order to a stream: {@code '<c16'} for complex128,
     * {@code '<c8'} for complex64 (each part rounded to float), real and imaginary parts interleaved as numpy stores them.
     *
     * @throws IllegalArgumentException when the shape does not match the values
     */
    public static void writeComplex(int[] shape, double[] re, double[] im, ElementType type, OutputStream out) throws IOException {
        if (!type.isComplex() || re.length != im.length) {
            throw new IllegalArgumentException("a complex result of two parts of one length");
        }
        boolean single = type == ElementType.COMPLEX64;
        out.write(header(single ? "<c8" : "<c16", shape, re.length));
        int half = Math.max(1, CHUNK / 2);
        byte[] chunk = new byte[Math.min(half, re.length) * (single ? 8 : 16)];
        ByteBuffer buffer = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        java.nio.FloatBuffer floats = buffer.asFloatBuffer();
        DoubleBuffer doubles = buffer.asDoubleBuffer();
        for (int i = 0; i < re.length; i += half) {
            int len = Math.min(half, re.length - i);
            for (int j = 0; j < len; j++) {
                if (single) {
                    floats.put(2 * j, (float) re[i + j]).put(2 * j + 1, (float) im[i + j]);
                } else {
                    doubles.put(2 * j, re[i + j]).put(2 * j + 1, im[i + j]);
                }
            }
            out.write(chunk, 0, len * (single ? 8 : 16));
        }
    }

    /** The length in bytes of the file {@link #write(int[], double[], ElementType, OutputStream)} (or, for a complex type, {@link #writeComplex}) writes. */
    public static long length(int[] shape, int size, ElementType type) {
        String dtype = type == ElementType.COMPLEX128 ? "<c16" : "<f8"; // '<c8', '<f4', '<i8' make headers as long as '<f8'
        long item = switch (type) {
            case FLOAT32 -> 4L;
            case COMPLEX64 -> 8L;
            case COMPLEX128 -> 16L;
            default -> 8L;
        };
        return header(dtype, shape, size).length + item * size;
    }

    /**
     * The length in bytes of the file {@link #write} writes for this shape and this many values, known before the values
     * are looked at: the two dtypes it writes ({@code '<f8'}, {@code '<i8'}) make headers of one length.
     *
     * @throws IllegalArgumentException when the shape does not match the number of values
     */
    public static long length(int[] shape, int size) {
        return header("<f8", shape, size).length + 8L * size;
    }

    /**
     * The dtype {@link #write} chooses: {@code "<i8"} when every value v is an exact integer
     * ({@code v == Math.rint(v)}) with |v| ≤ 2^53 and none is -0.0 (an int64 has no negative zero), else
     * {@code "<f8"}. No values at all make {@code "<i8"}.
     */
    public static String dtypeFor(double[] values) {
        for (double v : values) {
            if (v != Math.rint(v) || v > EXACT || v < -EXACT || Double.doubleToRawLongBits(v) == Long.MIN_VALUE) {
                return "<f8";
            }
        }
        return "<i8";
    }

    /** The header numpy writes for a C-order array: magic, version 1.0, length, dict, padding to 64 bytes. */
    static byte[] header(String dtype, int[] shape, long size) {
        Objects.requireNonNull(shape, "shape");
        long product = 1;
        StringBuilder dims = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has a negative length");
            }
            product = shape[i] == 0 ? 0 : product > Long.MAX_VALUE / Math.max(1, shape[i]) ? Long.MAX_VALUE : product * shape[i];
            dims.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        dims.append(shape.length == 1 ? ",)" : ")");
        if (product != size) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " does not match " + size + " values");
        }
        StringBuilder h = new StringBuilder("{'descr': '").append(dtype).append("', 'fortran_order': False, 'shape': ")
                .append(dims).append(", }");
        if (shape.length > 0) {
            h.append(" ".repeat(GROWTH_AXIS_MAX_DIGITS - String.valueOf(shape[0]).length()));
        }
        int prefix = MAGIC.length + 2 + 2;
        int padding = ALIGN - (prefix + h.length() + 1) % ALIGN;
        h.append(" ".repeat(padding)).append('\n');
        if (h.length() > MAX_HEADER_BYTES) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs a longer header than version 1.0 holds");
        }
        byte[] out = Arrays.copyOf(MAGIC, prefix + h.length());
        out[6] = 1;
        out[7] = 0;
        out[8] = (byte) h.length();
        out[9] = (byte) (h.length() >>> 8);
        byte[] text = h.toString().getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(text, 0, out, prefix, text.length);
        return out;
    }

    /** The header's text: Latin-1 in versions 1.0 and 2.0, UTF-8 in 3.0. */
    static String headerText(String part, byte[] bytes, int start, int length, int major) {
        if (major < 3) {
            return new String(bytes, start, length, StandardCharsets.ISO_8859_1);
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, start, length));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw NpyHeader.bad(part, "a version-3.0 header must be UTF-8 and this one is not");
        }
    }

    /**
     * The shape as ints, after the rank, the element limit and the data length are checked, in that order: the limit
     * is checked from the header alone, before anything is allocated.
     */
    private static int[] shape(String part, BigInteger[] dims, NpyDtype.Descr descr, long maxElements, int dataBytes) {
        String prefix = "the part '" + part + "' ";
        if (dims.length > MAX_RANK) {
            throw new InvalidRequestException(part, prefix + "has " + dims.length + " axes; at most " + MAX_RANK + " are read");
        }
        BigInteger count = count(dims);
        if (count.compareTo(BigInteger.valueOf(maxElements)) > 0) {
            throw new LimitExceededException(part, prefix + "has " + count + " elements (shape " + repr(dims)
                    + "), more than the limit of " + maxElements + " elements");
        }
        if (count.multiply(BigInteger.valueOf(descr.type().size())).compareTo(BigInteger.valueOf(dataBytes)) != 0) {
            throw dataLength(part, dims, descr.type(), dataBytes);
        }
        int[] shape = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            if (dims[i].bitLength() > 31) {
                throw new LimitExceededException(part, prefix + "has an axis of length " + dims[i] + " (shape " + repr(dims)
                        + "); an axis is at most " + Integer.MAX_VALUE + " long");
            }
            shape[i] = dims[i].intValue();
        }
        return shape;
    }

    /** The refusal of data longer or shorter than the header declares ({@code dataBytes}: the bytes after the header). */
    static InvalidRequestException dataLength(String part, BigInteger[] dims, NpyDtype type, long dataBytes) {
        BigInteger count = count(dims);
        BigInteger expected = count.multiply(BigInteger.valueOf(type.size()));
        String says = "the header says " + count + " " + type.label() + " value" + (count.equals(BigInteger.ONE) ? "" : "s")
                + " (shape " + repr(dims) + ", " + expected + " bytes) but " + dataBytes + " bytes follow";
        return new InvalidRequestException(part, "the part '" + part + "' "
                + (expected.compareTo(BigInteger.valueOf(dataBytes)) > 0 ? "is truncated: " : "has trailing bytes: ") + says);
    }

    static BigInteger count(BigInteger[] dims) {
        BigInteger count = BigInteger.ONE;
        for (BigInteger d : dims) {
            count = count.multiply(d);
        }
        return count;
    }

    /** A shape as Python writes a tuple: {@code ()}, {@code (5,)}, {@code (2, 3)}. */
    static String repr(Object[] dims) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            s.append(i == 0 ? "" : ", ").append(dims[i]);
        }
        return s.append(dims.length == 1 ? ",)" : ")").toString();
    }
}
