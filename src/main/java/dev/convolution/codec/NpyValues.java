package dev.convolution.codec;

import dev.convolution.core.error.InvalidRequestException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;

/** The values of a {@code .npy} file as doubles: each stored type converted and checked, Fortran order made C order. */
final class NpyValues {
    private NpyValues() {
    }

    /** The values in file order as doubles, each checked to be a finite double that holds the stored value exactly. */
    static double[] read(Layout layout, NpyDtype.Descr descr, byte[] bytes, int start, int n) {
        double[] v = new double[n];
        read(layout, descr, bytes, start, v);
        return v;
    }

    /** The next {@code v.length} values in file order into {@code v}, each checked as {@link #read(Layout, NpyDtype.Descr, byte[], int, int)} does. */
    static void read(Layout layout, NpyDtype.Descr descr, byte[] bytes, int start, double[] v) {
        int n = v.length;
        ByteBuffer data = ByteBuffer.wrap(bytes, start, n * descr.type().size()).order(descr.order());
        switch (descr.type()) {
            case FLOAT64:
                data.asDoubleBuffer().get(v);
                for (int i = 0; i < n; i++) {
                    if (!Double.isFinite(v[i])) {
                        throw layout.notFinite(v[i], i);
                    }
                }
                break;
            case FLOAT32:
                floats(layout, data.asFloatBuffer(), v);
                break;
            case INT8:
                for (int i = 0; i < n; i++) {
                    v[i] = bytes[start + i];
                }
                break;
            case UINT8:
                for (int i = 0; i < n; i++) {
                    v[i] = bytes[start + i] & 0xff;
                }
                break;
            case BOOL:
                for (int i = 0; i < n; i++) {
                    byte b = bytes[start + i];
                    if ((b & ~1) != 0) {
                        throw layout.invalid("holds the byte " + (b & 0xff) + " at flat index " + layout.cIndex(i)
                                + " of its bool data; a bool is the byte 0 or 1");
                    }
                    v[i] = b;
                }
                break;
            case INT16:
            case UINT16:
                shorts(data.asShortBuffer(), v, descr.type() == NpyDtype.UINT16);
                break;
            case INT32:
            case UINT32:
                ints(data.asIntBuffer(), v, descr.type() == NpyDtype.UINT32);
                break;
            case INT64:
            case UINT64:
                longs(layout, data.asLongBuffer(), v, descr.type() == NpyDtype.UINT64);
                break;
            default:
                throw new IllegalStateException("no conversion for " + descr.type());
        }
    }

    /**
     * A complex file's values in file order: {@code [real parts, imaginary parts]}, each part checked to be finite (a
     * complex64's parts are floats, exact in a double).
     */
    static double[][] readComplex(Layout layout, NpyDtype.Descr descr, byte[] bytes, int start, int n) {
        double[] re = new double[n];
        double[] im = new double[n];
        readComplex(layout, descr, bytes, start, re, im);
        return new double[][] {re, im};
    }

    /** The next {@code re.length} complex values into {@code re} and {@code im}, checked as the allocating form does. */
    static void readComplex(Layout layout, NpyDtype.Descr descr, byte[] bytes, int start, double[] re, double[] im) {
        int n = re.length;
        ByteBuffer data = ByteBuffer.wrap(bytes, start, n * descr.type().size()).order(descr.order());
        boolean single = descr.type() == NpyDtype.COMPLEX64;
        FloatBuffer floats = single ? data.asFloatBuffer() : null;
        java.nio.DoubleBuffer doubles = single ? null : data.asDoubleBuffer();
        for (int i = 0; i < n; i++) {
            double r = single ? floats.get(2 * i) : doubles.get(2 * i);
            double m = single ? floats.get(2 * i + 1) : doubles.get(2 * i + 1);
            if (!Double.isFinite(r)) {
                throw layout.notFinite(r, i);
            }
            if (!Double.isFinite(m)) {
                throw layout.invalid("holds " + (Double.isNaN(m) ? "NaN" : m > 0 ? "inf" : "-inf") + " in the imaginary part at flat index "
                        + layout.cIndex(i) + "; values must be finite numbers");
            }
            re[i] = r;
            im[i] = m;
        }
    }

    private static void floats(Layout layout, FloatBuffer in, double[] v) {
        float[] chunk = new float[Math.min(Npy.CHUNK, v.length)];
        for (int i = 0; i < v.length; i += chunk.length) {
            int len = Math.min(chunk.length, v.length - i);
            in.get(chunk, 0, len);
            for (int j = 0; j < len; j++) {
                float f = chunk[j];
                if (!Float.isFinite(f)) {
                    throw layout.notFinite(f, i + j);
                }
                v[i + j] = f;
            }
        }
    }

    private static void shorts(ShortBuffer in, double[] v, boolean unsigned) {
        short[] chunk = new short[Math.min(Npy.CHUNK, v.length)];
        for (int i = 0; i < v.length; i += chunk.length) {
            int len = Math.min(chunk.length, v.length - i);
            in.get(chunk, 0, len);
            if (unsigned) {
                for (int j = 0; j < len; j++) {
                    v[i + j] = chunk[j] & 0xffff;
                }
            } else {
                for (int j = 0; j < len; j++) {
                    v[i + j] = chunk[j];
                }
            }
        }
    }

    private static void ints(IntBuffer in, double[] v, boolean unsigned) {
        int[] chunk = new int[Math.min(Npy.CHUNK, v.length)];
        for (int i = 0; i < v.length; i += chunk.length) {
            int len = Math.min(chunk.length, v.length - i);
            in.get(chunk, 0, len);
            if (unsigned) {
                for (int j = 0; j < len; j++) {
                    v[i + j] = chunk[j] & 0xffffffffL;
                }
            } else {
                for (int j = 0; j < len; j++) {
                    v[i + j] = chunk[j];
                }
            }
        }
    }

    /** 64-bit integers, refused beyond ±2^53 (an unsigned value of 2^63 or more reads as negative here). */
    private static void longs(Layout layout, LongBuffer in, double[] v, boolean unsigned) {
        long[] chunk = new long[Math.min(Npy.CHUNK, v.length)];
        long min = unsigned ? 0 : -Npy.EXACT;
        for (int i = 0; i < v.length; i += chunk.length) {
            int len = Math.min(chunk.length, v.length - i);
            in.get(chunk, 0, len);
            for (int j = 0; j < len; j++) {
                long x = chunk[j];
                if (x > Npy.EXACT || x < min) {
                    throw layout.invalid("holds the " + (unsigned ? "uint64 value " + Long.toUnsignedString(x) : "int64 value " + x)
                            + " at flat index " + layout.cIndex(i + j) + ", beyond ±2^53 (" + Npy.EXACT
                            + "): a double cannot hold it exactly");
                }
                v[i + j] = x;
            }
        }
    }

    /**
     * Fortran-order values (the first axis varies fastest) put in C order (the last axis varies fastest): for each
     * C-order position the Fortran offset is the sum of the index times the Fortran stride, axis by axis.
     */
    static double[] fortranToC(double[] f, int[] shape) {
        int rank = shape.length;
        double[] c = new double[f.length];
        if (f.length == 0) {
            return c;
        }
        int[] stride = new int[rank];
        stride[0] = 1;
        for (int a = 1; a < rank; a++) {
            stride[a] = stride[a - 1] * shape[a - 1];
        }
        int[] index = new int[rank];
        int last = shape[rank - 1];
        int lastStride = stride[rank - 1];
        int base = 0;
        for (int o = 0; o < c.length; o += last) {
            for (int j = 0, src = base; j < last; j++, src += lastStride) {
                c[o + j] = f[src];
            }
            for (int a = rank - 2; a >= 0; a--) {
                base += stride[a];
                if (++index[a] < shape[a]) {
                    break;
                }
                base -= stride[a] * shape[a];
                index[a] = 0;
            }
        }
        return c;
    }

    /** How the file's data is laid out, to report a bad value by its C-order flat index. */
    static final class Layout {
        private final String part;
        private final int[] shape;
        private final boolean fortran;
        private final long base;

        Layout(String part, int[] shape, boolean fortran) {
            this(part, shape, fortran, 0);
        }

        /** A C-order layout whose values read next start at flat index {@code base} (a row of a streamed file). */
        Layout(String part, int[] shape, boolean fortran, long base) {
            this.part = part;
            this.shape = shape;
            this.fortran = fortran;
            this.base = base;
        }

        /** The C-order flat index of the element at a position in the file's data. */
        long cIndex(int fileIndex) {
            if (!fortran) {
                return base + fileIndex;
            }
            long c = 0;
            long rest = fileIndex;
            long cStride = 1;
            long[] strides = new long[shape.length];
            for (int a = shape.length - 1; a >= 0; a--) {
                strides[a] = cStride;
                cStride *= shape[a];
            }
            for (int a = 0; a < shape.length; a++) {
                c += (rest % shape[a]) * strides[a];
                rest /= shape[a];
            }
            return c;
        }

        InvalidRequestException notFinite(double value, int fileIndex) {
            return invalid("holds " + (Double.isNaN(value) ? "NaN" : value > 0 ? "inf" : "-inf") + " at flat index "
                    + cIndex(fileIndex) + "; values must be finite numbers");
        }

        InvalidRequestException invalid(String what) {
            return new InvalidRequestException(part, "the part '" + part + "' " + what);
        }
    }
}
