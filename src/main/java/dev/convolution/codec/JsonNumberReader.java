package dev.convolution.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * JSON numbers read straight from UTF-8 bytes into {@code buf[count++]}, exactly as a JSON parser reads them: the
 * correctly rounded double of each, integers as integers (so {@code -0} is 0, while {@code -0.0} keeps its sign), and
 * nothing it would refuse (a number outside JSON's grammar, beyond double range, or longer than Jackson's limit). The
 * digits are taken eight bytes at a time where the text leaves room ({@link #number8}), else byte by byte.
 */
class JsonNumberReader {
    /** A number longer than this is left to the parser: Jackson's default limit on a number's length, which it then applies. */
    private static final int MAX_NUMBER_LENGTH = 1000;

    /** Eight bytes of the text as one little-endian word: the first byte lowest. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Eight '0' characters. */
    private static final long ZEROS = 0x3030303030303030L;
    private static final long[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000L,
        10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L, 100_000_000_000_000L, 1_000_000_000_000_000L,
        10_000_000_000_000_000L, 100_000_000_000_000_000L, 1_000_000_000_000_000_000L};

    /** How many of the eight bytes of {@code x}, from the first, are digits before the first that is not one. */
    static int digitCount(long x) {
        // a byte is a digit when its high nibble is 3 and adding 6 keeps it 3; a carry out of a byte only reaches the bytes
        // after it, so the first that is not a digit is always found
        long notDigit = ((x & 0xF0F0F0F0F0F0F0F0L) ^ ZEROS) | (((x + 0x0606060606060606L) & 0xF0F0F0F0F0F0F0F0L) ^ ZEROS);
        return Long.numberOfTrailingZeros(notDigit) >>> 3;
    }

    /**
     * The value of the first {@code k} (1 to 8, never 0: a shift of 64 is no shift in Java) digits of {@code x}: shifted
     * to the top, then summed pairwise (Lemire's SWAR).
     */
    static long digitsValue(long x, int k) {
        int shift = (8 - k) << 3;
        long v = (x << shift) - (ZEROS << shift);
        v = v * 10 + (v >>> 8);
        return ((v & 0x000000FF000000FFL) * (100 + (1_000_000L << 32)) + ((v >>> 16) & 0x000000FF000000FFL) * (1 + (10_000L << 32))) >>> 32;
    }

    /** Read from within the bytes of text that have arrived, closer to their end than this, a reading may have met it. */
    static final int NEAR = 2048;

    final byte[] in;
    /** The end of the bytes that may be read: the text's length, or less while the rest has not arrived. */
    int n;
    /** True when a reading came within {@link #NEAR} bytes of {@code n}, where it may have stopped for want of bytes. */
    boolean nearEnd;
    double[] buf = new double[1024];
    int count;

    JsonNumberReader(byte[] in, int n) {
        this.in = in;
        this.n = n;
    }

    /** Notes a position the reading has come to. */
    final void at(int i) {
        if (i > n - NEAR) {
            nearEnd = true;
        }
    }

    final int skipSpace(int i) {
        byte[] b = in;
        int n = this.n;
        while (i < n) {
            byte c = b[i];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                break;
            }
            i++;
        }
        return i;
    }


    /**
     * {@link #number} eight bytes at a time, where at least 24 bytes are left: the digits of each group of eight are
     * found and summed with a few word operations (SWAR), not a branch a digit, since a branch a digit mispredicts on
     * every number of a new length. A number that runs past what is left goes the byte-by-byte way.
     */
    final int number8(int start) {
        byte[] b = in;
        int n = this.n;
        int i = start;
        boolean negative = b[i] == '-';
        i += negative ? 1 : 0;
        long w = 0;
        int digits = 0;
        int q = 0;
        boolean dropped = false;
        long x = (long) LONGS.get(b, i);
        int k = digitCount(x);
        if (k == 0 || (x & 0xFF) == '0' && k > 1) {
            return -1; // no digit, or a leading zero: not JSON's, the parser's to refuse
        }
        while (k > 0) { // k is 0 only after a group of exactly eight
            int significant = w == 0 ? k - Math.min(k, Long.numberOfTrailingZeros(x ^ ZEROS) >>> 3) : k;
            if (digits + significant <= 18) {
                w = w * POW10[k] + digitsValue(x, k);
                digits += significant;
            } else {
                q += k;
                dropped = true;
            }
            i += k;
            if (k < 8) {
                break;
            }
            if (i + 8 > n) {
                return number(start);
            }
            x = (long) LONGS.get(b, i);
            k = digitCount(x);
        }
        boolean integer = true;
        if (b[i] == '.') {
            // the fraction's three groups loaded at once: none waits for the count of the one before
            integer = false;
            i++;
            if (i + 24 > n) {
                return number(start);
            }
            long x1 = (long) LONGS.get(b, i);
            long x2 = (long) LONGS.get(b, i + 8);
            long x3 = (long) LONGS.get(b, i + 16);
            int k1 = digitCount(x1);
            int k2 = k1 == 8 ? digitCount(x2) : 0;
            int k3 = k2 == 8 ? digitCount(x3) : 0;
            if (k1 == 0 || k3 == 8) {
                return k1 == 0 ? -1 : number(start); // no digit; or more than 23, rare
            }
            int fraction = k1 + k2 + k3;
            int significant = fraction;
            if (w == 0) { // the fraction's leading zeros are not significant
                int z = Math.min(k1, Long.numberOfTrailingZeros(x1 ^ ZEROS) >>> 3);
                if (z == 8) {
                    z += Math.min(k2, Long.numberOfTrailingZeros(x2 ^ ZEROS) >>> 3);
                    z += z == 16 ? Math.min(k3, Long.numberOfTrailingZeros(x3 ^ ZEROS) >>> 3) : 0;
                }
                significant -= z;
            }
            if (!dropped && digits + significant <= 18) {
                long f = digitsValue(x1, k1);
                f = k2 > 0 ? f * POW10[k2] + digitsValue(x2, k2) : f;
                f = k3 > 0 ? f * POW10[k3] + digitsValue(x3, k3) : f;
                w = w == 0 ? f : w * POW10[fraction] + f; // fraction ≤ 18 when w is not 0
                digits += significant;
                q -= fraction;
            } else {
                dropped = true;
            }
            i += fraction;
        }
        byte c = b[i];
        if (c == 'e' || c == 'E') {
            return exponent(start, i, w, q, negative, dropped);
        }
        return finish(start, i, w, q, negative, integer, dropped);
    }

    /** The exponent part (its 'e' at {@code i}) of either path's number, then the number finished. */
    private int exponent(int start, int i, long w, int q, boolean negative, boolean dropped) {
        byte[] b = in;
        int n = this.n;
        i++;
        boolean negativeExponent = i < n && b[i] == '-';
        if (negativeExponent || i < n && b[i] == '+') {
            i++;
        }
        int first = i;
        int e = 0;
        int d;
        while (i < n && (d = b[i] - '0') >= 0 && d <= 9) {
            if (e < 100_000) {
                e = e * 10 + d;
            }
            i++;
        }
        if (i == first) {
            return -1;
        }
        return finish(start, i, w, q + (negativeExponent ? -e : e), negative, false, dropped);
    }

    /** The number {@code ±w·10^q} in {@code [start, end)} kept (both paths end here); the index after it, or −1. */
    private int finish(int start, int end, long w, int q, boolean negative, boolean integer, boolean dropped) {
        if (end - start > MAX_NUMBER_LENGTH) {
            return -1;
        }
        double v;
        if (dropped) {
            v = Double.parseDouble(new String(in, start, end - start, StandardCharsets.ISO_8859_1)); // over 18 digits: rare
        } else if (integer) {
            v = w == 0 ? 0 : negative ? -(double) w : (double) w; // the JSON integer -0 is the integer 0
        } else {
            v = DecimalToDouble.toDouble(w, q, negative);
            if (Double.isNaN(v)) {
                v = Double.parseDouble(new String(in, start, end - start, StandardCharsets.ISO_8859_1));
            }
        }
        if (Double.isInfinite(v)) {
            return -1;
        }
        if (count == buf.length) {
            buf = Arrays.copyOf(buf, count * 2);
        }
        buf[count++] = v;
        return end;
    }

    /**
     * Reads the JSON number at {@code start} into {@code buf[count++]} and returns the index after it, or −1 when there
     * is none there, it breaks JSON's grammar, or it is not finite as a double. Byte by byte: the path near the end of
     * the text, where {@link #number8} could read past it.
     */
    final int number(int start) {
        byte[] b = in;
        int n = this.n;
        int i = start;
        boolean negative = false;
        if (i < n && b[i] == '-') {
            negative = true;
            i++;
        }
        if (i >= n) {
            return -1;
        }
        long w = 0;
        int digits = 0; // significant digits in w (leading zeros are not)
        int q = 0; // w · 10^q, before the exponent part
        boolean dropped = false; // digits beyond 18 were left out of w
        int d = b[i] - '0';
        if (d == 0) {
            i++;
        } else if (d > 0 && d <= 9) {
            do {
                if (digits < 18) {
                    w = w * 10 + d;
                    digits++;
                } else {
                    q++;
                    dropped = true;
                }
                i++;
            } while (i < n && (d = b[i] - '0') >= 0 && d <= 9);
        } else {
            return -1;
        }
        boolean integer = true;
        if (i < n && b[i] == '.') {
            integer = false;
            i++;
            int first = i;
            while (i < n && (d = b[i] - '0') >= 0 && d <= 9) {
                if (digits < 18) {
                    if (w != 0 || d != 0) {
                        w = w * 10 + d;
                        digits++;
                    }
                    q--;
                } else {
                    dropped = true;
                }
                i++;
            }
            if (i == first) {
                return -1;
            }
        }
        if (i < n && (b[i] == 'e' || b[i] == 'E')) {
            return exponent(start, i, w, q, negative, dropped);
        }
        return finish(start, i, w, q, negative, integer, dropped);
    }
}
