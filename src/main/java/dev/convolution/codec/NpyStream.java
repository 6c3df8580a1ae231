package dev.convolution.codec;

import dev.convolution.core.error.InvalidRequestException;
import dev.convolution.core.error.LimitExceededException;
import dev.convolution.core.type.ElementType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A {@code .npy} file read from a stream as it arrives: its header first, then its data a row at a time (a row: one
 * index of the first axis), each value converted and checked as {@link Npy#read} checks it, a bad value named by its
 * flat index in the whole array. Nothing beyond one row is held.
 */
public final class NpyStream {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private final String part;
    private final InputStream in;
    private final byte[] head;
    private final NpyDtype.Descr descr;
    private final int[] shape;
    private final boolean fortran;
    private final long dataBytes;
    private long read;
    private byte[] buffer = new byte[0];
    /** A row as doubles, reused, for a file of another dtype read into floats. */
    private double[] wide = new double[0];

    private NpyStream(String part, InputStream in, byte[] head, NpyDtype.Descr descr, int[] shape, boolean fortran, long dataBytes) {
        this.part = part;
        this.in = in;
        this.head = head;
        this.descr = descr;
        this.shape = shape;
        this.fortran = fortran;
        this.dataBytes = dataBytes;
    }

    /**
     * Reads the magic string, version and header of a {@code .npy} file from {@code in}, leaving the stream at its first
     * data byte.
     *
     * @param maxDataBytes the most data bytes the file may declare (more: 413 from the header alone)
     * @param limit the setting named when {@code maxDataBytes} is exceeded
     * @throws InvalidRequestException when the header is malformed, truncated, or its dtype is not read here
     */
    public static NpyStream open(String part, InputStream in, long maxDataBytes, String limit) throws IOException {
        String prefix = "the part '" + part + "' ";
        byte[] start = in.readNBytes(MAGIC.length + 2);
        if (start.length == 0) {
            throw new InvalidRequestException(part, prefix + "is not a .npy file: it is empty");
        }
        for (int i = 0; i < Math.min(start.length, MAGIC.length); i++) {
            if (start[i] != MAGIC[i]) {
                throw new InvalidRequestException(part, prefix + "is not a .npy file: it does not start with \\x93NUMPY");
            }
        }
        if (start.length < MAGIC.length + 2) {
            throw new InvalidRequestException(part, prefix + "is truncated: it ends after " + start.length
                    + " bytes, inside the .npy magic string and version");
        }
        int major = start[6] & 0xff;
        int minor = start[7] & 0xff;
        if (minor != 0 || major < 1 || major > 3) {
            throw new InvalidRequestException(part, prefix + "has .npy format version " + major + "." + minor + "; supported: 1.0, 2.0, 3.0");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        byte[] lengthField = in.readNBytes(lengthBytes);
        if (lengthField.length < lengthBytes) {
            throw new InvalidRequestException(part, prefix + "is truncated: it ends after " + (start.length + lengthField.length)
                    + " bytes, inside the .npy header length");
        }
        ByteBuffer lf = ByteBuffer.wrap(lengthField).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = major == 1 ? lf.getShort() & 0xffffL : lf.getInt() & 0xffffffffL;
        if (headerLength > Npy.MAX_HEADER_BYTES) {
            throw NpyHeader.bad(part, "it is " + headerLength + " bytes long, more than the " + Npy.MAX_HEADER_BYTES + " read here");
        }
        byte[] text = in.readNBytes((int) headerLength);
        if (text.length < headerLength) {
            throw new InvalidRequestException(part, prefix + "is truncated: its .npy header says it is " + headerLength
                    + " bytes long but " + text.length + " bytes follow");
        }
        NpyHeader header = NpyHeader.parse(part, Npy.headerText(part, text, 0, text.length, major));
        NpyDtype.Descr descr = NpyDtype.of(part, header.descr());
        BigInteger[] dims = header.shape();
        if (dims.length < 1 || dims.length > 4) {
            throw new InvalidRequestException(part, prefix + "has " + dims.length + " axes (shape " + Npy.repr(dims)
                    + "); a streamed input has 1 to 4");
        }
        BigInteger bytes = Npy.count(dims).multiply(BigInteger.valueOf(descr.type().size()));
        if (bytes.compareTo(BigInteger.valueOf(maxDataBytes)) > 0) {
            throw new LimitExceededException(part, prefix + "has " + bytes + " bytes of data (shape " + Npy.repr(dims) + ", "
                    + descr.type().label() + "), more than the limit of " + maxDataBytes + " (" + limit + ")");
        }
        int[] shape = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            if (dims[i].bitLength() > 31 || dims[i].signum() == 0) {
                throw new InvalidRequestException(part, prefix + "has an axis of length " + dims[i] + " (shape " + Npy.repr(dims)
                        + "); a streamed input's axes are 1 to " + Integer.MAX_VALUE + " long");
            }
            shape[i] = dims[i].intValue();
        }
        ByteArrayOutputStream whole = new ByteArrayOutputStream(start.length + lengthBytes + text.length);
        whole.write(start);
        whole.write(lengthField);
        whole.write(text);
        return new NpyStream(part, in, whole.toByteArray(), descr, shape, header.fortranOrder() && shape.length > 1,
                bytes.longValueExact());
    }

    /** The array's shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** The element type of its dtype. */
    public ElementType type() {
        return descr.type().elementType();
    }

    /** True when its data is in Fortran order (the first axis varies fastest): such a file cannot be read by rows. */
    public boolean fortranOrder() {
        return fortran;
    }

    /** The bytes of one item of its dtype. */
    public int itemSize() {
        return descr.type().size();
    }

    /** The bytes of data the header declares. */
    public long dataBytes() {
        return dataBytes;
    }

    /** Elements in one row (the product of the dimensions after the first). */
    public int rowSize() {
        long n = 1;
        for (int a = 1; a < shape.length; a++) {
            n *= shape[a];
        }
        if (n * descr.type().size() > Integer.MAX_VALUE - 8) {
            throw new LimitExceededException(part, "the part '" + part + "' has rows of " + n + " elements (shape "
                    + Npy.repr(Arrays.stream(shape).boxed().toArray()) + "); a row of a streamed input is at most "
                    + (Integer.MAX_VALUE - 8) / descr.type().size() + " elements");
        }
        return (int) n;
    }

    /**
     * Reads the next row (C order) into {@code re} (and a complex file's imaginary parts into {@code im}), each of
     * {@link #rowSize()} values.
     *
     * @throws InvalidRequestException when the data ends before the row does, or a value is not finite or exact
     */
    public void readRow(double[] re, double[] im) throws IOException {
        if (fortran) {
            throw new IllegalStateException("a Fortran-order file is not read by rows");
        }
        int bytes = next(re.length * descr.type().size());
        NpyValues.Layout layout = new NpyValues.Layout(part, shape, false, read / descr.type().size());
        if (descr.type().elementType().isComplex()) {
            NpyValues.readComplex(layout, descr, buffer, 0, re, im);
        } else {
            NpyValues.read(layout, descr, buffer, 0, re);
        }
        read += bytes;
    }

    /** Reads the next {@code bytes} of data into the buffer; 400 when the data ends first. */
    private int next(int bytes) throws IOException {
        if (buffer.length < bytes) {
            buffer = new byte[bytes];
        }
        int got = in.readNBytes(buffer, 0, bytes);
        if (got < bytes) {
            throw new InvalidRequestException(part, "the part '" + part + "' is truncated: its data ends after " + (read + got)
                    + " of the " + dataBytes + " bytes its header declares");
        }
        return bytes;
    }

    /**
     * Reads the next row (C order) into floats: a float32 file's values as they are (each checked to be finite), any
     * other real file's converted and checked as {@link #readRow(double[], double[])} does, then rounded to float.
     */
    public void readRow(float[] values) throws IOException {
        if (descr.type() != NpyDtype.FLOAT32) {
            if (wide.length != values.length) {
                wide = new double[values.length];
            }
            readRow(wide, null);
            for (int i = 0; i < wide.length; i++) {
                values[i] = (float) wide[i];
            }
            return;
        }
        int n = values.length;
        int bytes = next(n * 4);
        ByteBuffer.wrap(buffer, 0, bytes).order(descr.order()).asFloatBuffer().get(values);
        // finite unless an exponent is all ones: the exponent bits plus one unit of the exponent reach the sign bit only
        // then; an OR over them, branch-free, runs in vectors (a min over them did not: 3-4 against 10 GB/s on Java 25)
        int any = 0;
        for (float f : values) {
            any |= (Float.floatToRawIntBits(f) & 0x7f800000) + 0x00800000;
        }
        if (any < 0) {
            NpyValues.Layout layout = new NpyValues.Layout(part, shape, false, read / 4);
            for (int i = 0; i < n; i++) {
                if (!Float.isFinite(values[i])) {
                    throw layout.notFinite(values[i], i);
                }
            }
        }
        read += bytes;
    }

    /**
     * The whole file, its data read to the end, as {@link Npy#read} reads it (any order, the same checks and messages):
     * for an input read whole rather than streamed.
     *
     * @param maxElements the element limit of {@link Npy#read}
     */
    public NpyArray readWhole(long maxElements) throws IOException {
        if (read != 0) {
            throw new IllegalStateException("rows were read already");
        }
        requireElements(maxElements);
        byte[] data = in.readNBytes((int) dataBytes);
        if (data.length == dataBytes) {
            // bytes after the data: refused as Npy.read refuses them, counted without being held
            long trailing = in.transferTo(OutputStream.nullOutputStream());
            if (trailing > 0) {
                throw Npy.dataLength(part, Arrays.stream(shape).mapToObj(BigInteger::valueOf).toArray(BigInteger[]::new),
                        descr.type(), dataBytes + trailing);
            }
        }
        byte[] file = Arrays.copyOf(head, head.length + data.length);
        System.arraycopy(data, 0, file, head.length, data.length);
        read = data.length;
        return Npy.read(part, file, maxElements);
    }

    /** 413 (as {@link Npy#read} refuses it) when the file has more than {@code maxElements} elements. */
    public void requireElements(long maxElements) {
        BigInteger elements = BigInteger.valueOf(dataBytes / descr.type().size());
        if (elements.compareTo(BigInteger.valueOf(maxElements)) > 0) {
            throw new LimitExceededException(part, "the part '" + part + "' has " + elements + " elements (shape "
                    + Npy.repr(Arrays.stream(shape).boxed().toArray()) + "), more than the limit of " + maxElements + " elements");
        }
    }

    /**
     * A version-1.0 {@code .npy} file written as its values are made: the header (with the whole shape) first, then the
     * values in C order, a block at a time, in the type's dtype ({@code <f4}, {@code <i8}, {@code <f8}, {@code <c8},
     * {@code <c16}; every other type as {@code <f8}), the bytes {@link Npy#write} and {@link Npy#writeComplex} write for the
     * same array.
     */
    public static final class Writer {
        private final int[] shape;
        private final ElementType type;
        private final OutputStream out;
        private final long count;
        private final int item;
        private byte[] chunk = new byte[0];
        private long written;

        public Writer(int[] shape, ElementType type, OutputStream out) {
            this.shape = shape.clone();
            this.type = type;
            this.out = out;
            long n = 1;
            for (int d : shape) {
                n = Math.multiplyExact(n, (long) d);
            }
            this.count = n;
            this.item = itemSize(type);
        }

        private static int itemSize(ElementType type) {
            return switch (type) {
                case FLOAT32 -> 4;
                case COMPLEX64 -> 8;
                case COMPLEX128 -> 16;
                default -> 8;
            };
        }

        private static String dtype(ElementType type) {
            return switch (type) {
                case FLOAT32 -> "<f4";
                case INT64 -> "<i8";
                case COMPLEX64 -> "<c8";
                case COMPLEX128 -> "<c16";
                default -> "<f8";
            };
        }

        /** The file's length in bytes, header included. */
        public static long length(int[] shape, ElementType type) {
            long n = 1;
            for (int d : shape) {
                n = Math.multiplyExact(n, (long) d);
            }
            return Npy.header(dtype(type), shape, n).length + n * itemSize(type);
        }

        /** Writes the header. */
        public void header() throws IOException {
            out.write(Npy.header(dtype(type), shape, count));
        }

        /**
         * Writes the next {@code re.length} values ({@code im}: a complex type's imaginary parts, else null): float32 and
         * complex64 parts rounded to float, int64 values as integers.
         */
        public void values(double[] re, double[] im) throws IOException {
            count(re.length);
            int per = Math.max(1, Npy.CHUNK * 8 / item);
            if (chunk.length < per * item) {
                chunk = new byte[per * item];
            }
            ByteBuffer buffer = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
            java.nio.DoubleBuffer doubles = buffer.asDoubleBuffer();
            java.nio.FloatBuffer floats = buffer.asFloatBuffer();
            java.nio.LongBuffer longs = buffer.asLongBuffer();
            float[] narrow = type == ElementType.FLOAT32 ? new float[per] : null;
            for (int i = 0; i < re.length; i += per) {
                int len = Math.min(per, re.length - i);
                switch (type) {
                    case FLOAT32 -> {
                        for (int j = 0; j < len; j++) {
                            narrow[j] = (float) re[i + j];
                        }
                        floats.clear();
                        floats.put(narrow, 0, len);
                    }
                    case INT64 -> {
                        for (int j = 0; j < len; j++) {
                            longs.put(j, (long) re[i + j]);
                        }
                    }
                    case COMPLEX64 -> {
                        for (int j = 0; j < len; j++) {
                            floats.put(2 * j, (float) re[i + j]).put(2 * j + 1, (float) im[i + j]);
                        }
                    }
                    case COMPLEX128 -> {
                        for (int j = 0; j < len; j++) {
                            doubles.put(2 * j, re[i + j]).put(2 * j + 1, im[i + j]);
                        }
                    }
                    default -> {
                        doubles.clear();
                        doubles.put(re, i, len);
                    }
                }
                out.write(chunk, 0, len * item);
            }
        }

        /** Writes the next values of a float32 file, given as floats. */
        public void values(float[] values) throws IOException {
            if (type != ElementType.FLOAT32) {
                throw new IllegalStateException("floats are the values of a float32 file only");
            }
            count(values.length);
            int per = Npy.CHUNK * 2;
            if (chunk.length < per * 4) {
                chunk = new byte[per * 4];
            }
            java.nio.FloatBuffer floats = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            for (int i = 0; i < values.length; i += per) {
                int len = Math.min(per, values.length - i);
                floats.clear();
                floats.put(values, i, len);
                out.write(chunk, 0, len * 4);
            }
        }

        private void count(int n) {
            if (written + n > count) {
                throw new IllegalStateException("more values than the shape holds");
            }
            written += n;
        }

        /** True when every value of the shape has been written. */
        public boolean complete() {
            return written == count;
        }
    }
}
