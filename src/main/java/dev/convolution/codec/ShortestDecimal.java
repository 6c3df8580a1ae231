package dev.convolution.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;

/**
 * Numbers as JSON text, written straight into a byte buffer: the JSON writer's hot path, where a response holds millions
 * of numbers and going through a {@code String} a number (allocation, copying) costs more than finding the digits.
 *
 * <p>The text is the service's compact form, byte for byte: an integral value within ±2^53 (±2^24 for a float) is
 * written as an integer ({@code 2}, {@code -17}, {@code 0} for ±0.0); any other value in the shortest decimal that reads
 * back as the same double (or float), in the format of Java 19+'s {@code Double.toString} ({@code Float.toString}):
 * plain ({@code 0.001}, {@code 123.456}) for 10^-3 ≤ |v| < 10^7, else scientific ({@code 1.0E-4}, {@code 1.2345E10}).
 * Among shortest decimals the one closest to the value is taken (ties to an even last digit), and where one digit would
 * do, the closest decimal of one or two digits ({@code 4.9E-324}, not {@code 5.0E-324}). That is what Jackson 3's
 * {@code NumberOutput.toString(v, true)} writes, the test's oracle ({@code ShortestDecimalTest}); Java 17's own
 * {@code Double.toString} is an older algorithm that sometimes writes more digits, so it is not.
 *
 * <p>The digits are found with Raffaello Giulietti's Schubfach ("The Schubfach way to render doubles"): the
 * interval of reals that round to the value is scaled by a 126-bit approximation of a power of ten (64 bits for a float),
 * computed here once with {@link BigInteger}, and the shortest decimal in it is chosen with a few comparisons, no
 * loops and no big numbers. Digits are then turned to text eight at a time in a {@code long} and stored with one
 * unaligned write where they can be, so a number costs a handful of multiplications and stores and no allocation.
 *
 * <p>Only {@code out[pos]} up to the returned position is written: a caller needs {@link #MAX_LENGTH} bytes of room
 * ({@link #MAX_FLOAT_LENGTH} for floats), and what lies before or after the number is left as it was.
 */
public final class ShortestDecimal {
    /**
     * Longest text {@code write(double, ...)} produces, so a caller can reserve room: a sign, 17 digits, the point,
     * {@code E}, a minus and a three-digit exponent, as {@code -2.2250738585072014E-308} (24 bytes). The other forms are
     * shorter: an integer below 2^53 has at most 16 digits (17 bytes with its sign), a plain number at most
     * {@code -0.00} and 17 digits (22 bytes), or a sign and 17 digits around the point (19 bytes).
     */
    public static final int MAX_LENGTH = 24;

    /**
     * Longest text {@code write(float, ...)} produces: a sign, 9 digits, the point, {@code E}, a minus and a two-digit
     * exponent, as {@code -1.17549435E-38} (15 bytes).
     */
    public static final int MAX_FLOAT_LENGTH = 15;

    /* A double is c 2^q with 2^52 <= c < 2^53 (normal) or 0 < c < 2^52 and q = -1074 (subnormal). */
    private static final int DOUBLE_Q_MIN = -1074;
    private static final long DOUBLE_C_MIN = 1L << 52;
    /* Below this significand a subnormal double has too few digits in its interval: see shortest(). */
    private static final long DOUBLE_C_TINY = 3;
    /* The decimal exponents k = floor(log10(2^q)) (or of 3/4 2^q) met by doubles. */
    private static final int DOUBLE_K_MIN = -324;
    private static final int DOUBLE_K_MAX = 292;

    /* A float is c 2^q with 2^23 <= c < 2^24 (normal) or 0 < c < 2^23 and q = -149 (subnormal). */
    private static final int FLOAT_Q_MIN = -149;
    private static final int FLOAT_C_MIN = 1 << 23;
    private static final int FLOAT_C_TINY = 8;
    private static final int FLOAT_K_MIN = -45;
    private static final int FLOAT_K_MAX = 31;

    private static final long LOW_63 = (1L << 63) - 1;
    private static final long LOW_32 = (1L << 32) - 1;
    /* '0' in each byte: added to eight digit values 0..9, one a byte, it makes their ASCII text. */
    private static final long ZEROS = 0x3030_3030_3030_3030L;

    /* Multi-byte stores into a byte[] at any index, least significant byte first (the first character of the text). */
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    /* 10^0 .. 10^17 */
    private static final long[] POW10 = powersOfTen();

    /*
     * The scaled powers of ten, two longs a k (high, low) for DOUBLE_K_MIN <= k <= DOUBLE_K_MAX. Write 10^-k = beta 2^r
     * with r = floor(log2(10^-k)) - 125, so that 2^125 <= beta < 2^126; then g = floor(beta) + 1 (126 bits, an
     * overestimate of beta by at most 1), stored as its top 63 bits g >> 63 and its low 63 bits. This is section 9 of the
     * paper; the table is computed at class initialisation with BigInteger, exactly.
     */
    private static final long[] G = doubleTable();

    /* For floats, one long a k, FLOAT_K_MIN <= k <= FLOAT_K_MAX: (g >> 63) + 1, the 63 top bits of g rounded up. */
    private static final long[] G32 = floatTable();

    private ShortestDecimal() {
    }

    /**
     * Writes {@code v} (finite: the caller guarantees it) at {@code out[pos...]}, returns the position after it. At most
     * {@link #MAX_LENGTH} bytes are written, and none outside the number.
     */
    public static int write(double v, byte[] out, int pos) {
        if (v == Math.rint(v) && Math.abs(v) < 0x1p53) {
            return writeInteger((long) v, out, pos);
        }
        long bits = Double.doubleToRawLongBits(v);
        if (bits < 0) {
            out[pos++] = '-';
        }
        long fraction = bits & ((1L << 52) - 1);
        int biasedExponent = (int) (bits >>> 52) & 0x7ff;
        if (biasedExponent != 0) {
            return shortest(out, pos, fraction | DOUBLE_C_MIN, biasedExponent - 1075, 0);
        }
        // subnormal (zero is integral, written above)
        return fraction < DOUBLE_C_TINY
                ? shortest(out, pos, 10 * fraction, DOUBLE_Q_MIN, -1)
                : shortest(out, pos, fraction, DOUBLE_Q_MIN, 0);
    }

    /**
     * Writes the float {@code v} (finite) at {@code out[pos...]}, returns the position after it: float's own shortest
     * decimal ({@code 0.1f} is {@code 0.1}, not the double's {@code 0.10000000149011612}). At most
     * {@link #MAX_FLOAT_LENGTH} bytes are written, and none outside the number.
     */
    public static int write(float v, byte[] out, int pos) {
        if (v == Math.rint(v) && Math.abs(v) < 0x1p24f) {
            return writeInteger((long) v, out, pos);
        }
        int bits = Float.floatToRawIntBits(v);
        if (bits < 0) {
            out[pos++] = '-';
        }
        int fraction = bits & ((1 << 23) - 1);
        int biasedExponent = (bits >>> 23) & 0xff;
        if (biasedExponent != 0) {
            return shortest(out, pos, fraction | FLOAT_C_MIN, biasedExponent - 150, 0);
        }
        return fraction < FLOAT_C_TINY
                ? shortest(out, pos, 10 * fraction, FLOAT_Q_MIN, -1)
                : shortest(out, pos, fraction, FLOAT_Q_MIN, 0);
    }

    /*
     * The shortest decimal f 10^e in the rounding interval of v = c 2^q (v > 0), written. Notation of the paper: the
     * interval's bounds and v, scaled by 4 2^q (cl, cb, cr), are multiplied by 10^-k, with k chosen so that the scaled
     * v has 16 or 17 digits, and rounded to odd (rop), which keeps every comparison below exact. Then s = floor(v 10^-k):
     * if exactly one of the two multiples of 10 around s lies in the interval, it is the answer (a digit fewer); else
     * the one of s and s + 1 in the interval, or the closer to v when both are (ties to even). The paper proves that
     * this is the shortest decimal in the interval, and the closest to v among the shortest.
     *
     * For a subnormal with c < DOUBLE_C_TINY, c is multiplied by 10 (and the interval shrunk to a tenth of its width
     * around it, since q does not change) and the exponent lowered by one (dk = -1): the result then has two digits, as
     * Java's Double.toString specifies (4.9E-324, not 5.0E-324). The interval is closed when c is even (round half to
     * even reads its bounds back as v), open when c is odd. A power of two above the smallest normal has a lower
     * neighbour half as far as its upper one (the irregular spacing): its interval is 3/4 as wide, and k follows.
     */
    private static int shortest(byte[] out, int pos, long c, int q, int dk) {
        boolean irregular = c == DOUBLE_C_MIN && q != DOUBLE_Q_MIN;
        int k = irregular ? floorLog10ThreeQuartersPow2(q) : floorLog10Pow2(q);
        int shift = q + floorLog2Pow10(-k) + 2;
        int row = (k - DOUBLE_K_MIN) << 1;
        long g1 = G[row];
        long g0 = G[row + 1];
        long cb = c << 2;
        long vb = roundToOdd(g1, g0, cb << shift);
        long vl = roundToOdd(g1, g0, (cb - (irregular ? 1 : 2)) << shift);
        long vr = roundToOdd(g1, g0, (cb + 2) << shift);
        long open = c & 1; // 1: the bounds themselves are outside the interval

        long s = vb >> 2;
        long f;
        long down10 = s / 10 * 10;
        long up10 = down10 + 10;
        boolean down10In = vl + open <= down10 << 2;
        boolean up10In = (up10 << 2) + open <= vr;
        if (s >= 100 && down10In != up10In) {
            f = down10In ? down10 : up10;
        } else {
            long t = s + 1;
            boolean sIn = vl + open <= s << 2;
            boolean tIn = (t << 2) + open <= vr;
            if (sIn != tIn) {
                f = sIn ? s : t;
            } else {
                long fromMiddle = vb - ((s + t) << 1); // v - (s + t) / 2, times 4
                f = fromMiddle < 0 || fromMiddle == 0 && (s & 1) == 0 ? s : t;
            }
        }
        return decimal(out, pos, f, k + dk);
    }

    /* The same for a float, in 64 bits: c < 2^24 and g has 63 bits, so one multiplication high suffices. */
    private static int shortest(byte[] out, int pos, int c, int q, int dk) {
        boolean irregular = c == FLOAT_C_MIN && q != FLOAT_Q_MIN;
        int k = irregular ? floorLog10ThreeQuartersPow2(q) : floorLog10Pow2(q);
        int shift = q + floorLog2Pow10(-k) + 33;
        long g = G32[k - FLOAT_K_MIN];
        long cb = (long) c << 2;
        int vb = roundToOdd(g, cb << shift);
        int vl = roundToOdd(g, (cb - (irregular ? 1 : 2)) << shift);
        int vr = roundToOdd(g, (cb + 2) << shift);
        int open = c & 1;

        int s = vb >> 2;
        int f;
        int down10 = s / 10 * 10;
        int up10 = down10 + 10;
        boolean down10In = vl + open <= down10 << 2;
        boolean up10In = (up10 << 2) + open <= vr;
        if (s >= 100 && down10In != up10In) {
            f = down10In ? down10 : up10;
        } else {
            int t = s + 1;
            boolean sIn = vl + open <= s << 2;
            boolean tIn = (t << 2) + open <= vr;
            if (sIn != tIn) {
                f = sIn ? s : t;
            } else {
                int fromMiddle = vb - ((s + t) << 1);
                f = fromMiddle < 0 || fromMiddle == 0 && (s & 1) == 0 ? s : t;
            }
        }
        return decimal(out, pos, f, k + dk);
    }

    /*
     * floor(g cp / 2^127) rounded to odd: with the bits dropped not all zero, the lowest bit kept is set (section 9.9).
     * g = g1 2^63 + g0, so g cp / 2^127 = y1 + (y0 / 2 + x1 + x0 / 2^64) / 2^63 with g1 cp = y1 2^64 + y0 and
     * g0 cp = x1 2^64 + x0; the paper shows that x0 and the last bit of y0 never decide the result.
     */
    private static long roundToOdd(long g1, long g0, long cp) {
        long x1 = Math.multiplyHigh(g0, cp);
        long y0 = g1 * cp;
        long y1 = Math.multiplyHigh(g1, cp);
        long z = (y0 >>> 1) + x1;
        long floor = y1 + (z >>> 63);
        return floor | ((z & LOW_63) + LOW_63) >>> 63;
    }

    /* floor(g cp / 2^95) rounded to odd, for floats (the paper's appendix). */
    private static int roundToOdd(long g, long cp) {
        long x1 = Math.multiplyHigh(g, cp);
        return (int) (x1 >>> 31 | ((x1 & LOW_32) + LOW_32) >>> 32);
    }

    /* f 10^e, f < 10^17, written: its digits made 17 (f 10^(17 - len)), split 1 + 8 + 8 and turned to text. */
    private static int decimal(byte[] out, int pos, long f, int e) {
        int len = floorLog10Pow2(64 - Long.numberOfLeadingZeros(f));
        if (f >= POW10[len]) {
            len++;
        }
        long x = f * POW10[17 - len];
        long high9 = x / 100_000_000;
        int low8 = (int) (x - high9 * 100_000_000);
        int first = (int) high9 / 100_000_000;
        int middle8 = (int) high9 - first * 100_000_000;
        long middle = digits8(middle8);
        long low = digits8(low8);
        int n = low != 0 ? 17 - (Long.numberOfLeadingZeros(low) >>> 3)
                : middle != 0 ? 9 - (Long.numberOfLeadingZeros(middle) >>> 3) : 1;
        return layout(out, pos, first, middle | ZEROS, low | ZEROS, n, e + len);
    }

    /* The float's decimal f 10^e, f < 10^9: its digits made 9, split 1 + 8. */
    private static int decimal(byte[] out, int pos, int f, int e) {
        int len = floorLog10Pow2(32 - Integer.numberOfLeadingZeros(f));
        if (f >= POW10[len]) {
            len++;
        }
        int x = f * (int) POW10[9 - len];
        int first = x / 100_000_000;
        long middle = digits8(x - first * 100_000_000);
        int n = middle != 0 ? 9 - (Long.numberOfLeadingZeros(middle) >>> 3) : 1;
        return layout(out, pos, first, middle | ZEROS, ZEROS, n, e + len);
    }

    /*
     * Writes 0.d1 d2 ... dn 10^point, n significant digits (dn is not 0, or n = 1) given as the first digit and the text
     * of the next 8 and the 8 after (unused beyond n), in Java's format:
     *   0 < point <= 7     d1..d_point . d_point+1..dn       (1 <= |v| < 10^7)
     *   -3 < point <= 0    0 . 0..0 d1..dn                   (10^-3 <= |v| < 1)
     *   otherwise          d1 . d2..dn E point-1             (d1 . 0 when n = 1)
     * In the first form n > point: an integral value below 10^7 was written as an integer, and the shortest decimal
     * of any other value that size has a fraction (an integer that close to it would be exactly a double itself).
     */
    private static int layout(byte[] out, int pos, int first, long middle, long low, int n, int point) {
        if (0 < point && point <= 7) {
            // the digits one place to the right, then the first eight bytes again, with the point in its place
            putDigits(out, pos + 1, first, middle, low, n);
            long head = ('0' + first) | middle << 8;
            int at = point << 3;
            long before = (1L << at) - 1;
            long text = head & before | (long) '.' << at | head << 8 & ~(before << 8 | 0xff);
            putBytes(out, pos, text, Math.min(n + 1, 8));
            return pos + n + 1;
        }
        if (-3 < point && point <= 0) {
            out[pos] = '0';
            out[pos + 1] = '.';
            pos += 2;
            if (point < 0) {
                out[pos] = '0';
                if (point < -1) {
                    out[pos + 1] = '0';
                }
                pos -= point;
            }
            putDigits(out, pos, first, middle, low, n);
            return pos + n;
        }
        putDigits(out, pos + 1, first, middle, low, n);
        out[pos] = (byte) ('0' + first);
        out[pos + 1] = '.';
        int end = pos + 1 + n;
        if (n == 1) {
            out[end++] = '0';
        }
        return exponent(out, end, point - 1);
    }

    /*
     * The n digits: the first, then up to 8 of middle, then up to 8 of low. From nine digits on, the middle eight are
     * one store and the last eight another, ending at the last digit (overlapping the middle ones when n < 17).
     */
    private static void putDigits(byte[] out, int pos, int first, long middle, long low, int n) {
        if (n >= 9) {
            out[pos] = (byte) ('0' + first);
            LONG.set(out, pos + 1, middle);
            int lowUsed = n - 9; // 0..8 digits of low; shifts of 8 * (8 - lowUsed) and 8 * lowUsed, each in two halves
            int half = lowUsed << 2;
            long last8 = middle >>> half >>> half | low << (32 - half) << (32 - half);
            LONG.set(out, pos + n - 8, last8);
        } else {
            putBytes(out, pos, ('0' + first) | middle << 8, n);
        }
    }

    /* The count (0..8) low bytes of text, first byte first. */
    private static void putBytes(byte[] out, int pos, long text, int count) {
        if (count == 8) {
            LONG.set(out, pos, text);
            return;
        }
        if ((count & 4) != 0) {
            INT.set(out, pos, (int) text);
            pos += 4;
            text >>>= 32;
        }
        if ((count & 2) != 0) {
            SHORT.set(out, pos, (short) text);
            pos += 2;
            text >>>= 16;
        }
        if ((count & 1) != 0) {
            out[pos] = (byte) text;
        }
    }

    /* E, a minus if e < 0, then |e| (at most 324) without leading zeros. */
    private static int exponent(byte[] out, int pos, int e) {
        out[pos++] = 'E';
        if (e < 0) {
            out[pos++] = '-';
            e = -e;
        }
        if (e >= 100) {
            int hundreds = e / 100;
            out[pos++] = (byte) ('0' + hundreds);
            e -= 100 * hundreds;
            int tens = e / 10;
            out[pos] = (byte) ('0' + tens);
            out[pos + 1] = (byte) ('0' + e - 10 * tens);
            return pos + 2;
        }
        if (e >= 10) {
            int tens = e / 10;
            out[pos] = (byte) ('0' + tens);
            out[pos + 1] = (byte) ('0' + e - 10 * tens);
            return pos + 2;
        }
        out[pos] = (byte) ('0' + e);
        return pos + 1;
    }

    /* |x| < 2^53 as Long.toString writes it. */
    private static int writeInteger(long x, byte[] out, int pos) {
        if (x < 0) {
            out[pos++] = '-';
            x = -x;
        }
        if (x < 100_000_000) {
            return writeUpTo8((int) x, out, pos);
        }
        long high = x / 100_000_000; // < 2^53 / 10^8 < 10^8
        int low = (int) (x - high * 100_000_000);
        pos = writeUpTo8((int) high, out, pos);
        LONG.set(out, pos, digits8(low) | ZEROS);
        return pos + 8;
    }

    /* 0 <= x < 10^8 without leading zeros ("0" for 0). */
    private static int writeUpTo8(int x, byte[] out, int pos) {
        long d = digits8(x);
        int leadingZeros = Math.min(Long.numberOfTrailingZeros(d) >>> 3, 7);
        int count = 8 - leadingZeros;
        putBytes(out, pos, (d | ZEROS) >>> (leadingZeros << 3), count);
        return pos + count;
    }

    /*
     * The 8 decimal digits of 0 <= x < 10^8, one a byte, the most significant in the lowest byte (so the text's first
     * character when stored little-endian). x is split into 4 + 4 digits in two 32-bit lanes, each into 2 + 2 in
     * 16-bit lanes, each into 1 + 1 in bytes: quotients by 100 and 10 taken in every lane at once by a multiplication
     * and a shift (floor(y 10486 / 2^20) = floor(y / 100) for y < 10^4, floor(y 103 / 2^10) = floor(y / 10) for
     * y < 100), no lane overflowing into the next.
     */
    private static long digits8(int x) {
        int high4 = x / 10_000;
        long lanes4 = high4 | (long) (x - high4 * 10_000) << 32;
        long hundreds = (lanes4 * 10_486 >>> 20) & 0x0000_007f_0000_007fL;
        long lanes2 = hundreds | (lanes4 - hundreds * 100) << 16;
        long tens = (lanes2 * 103 >>> 10) & 0x000f_000f_000f_000fL;
        return tens | (lanes2 - tens * 10) << 8;
    }

    /*
     * floor(log10(2^e)), floor(log10(3/4 2^e)) and floor(log2(10^e)) by a multiplication and a shift, with the
     * constants floor(log10(2) 2^41), floor(log10(3/4) 2^41) and floor(log2(10) 2^38). Exact for |e| well beyond the
     * exponents of doubles (the test checks every exponent used against BigInteger).
     */
    static int floorLog10Pow2(int e) {
        return (int) (e * 661_971_961_083L >> 41);
    }

    static int floorLog10ThreeQuartersPow2(int e) {
        return (int) (e * 661_971_961_083L - 274_743_187_321L >> 41);
    }

    static int floorLog2Pow10(int e) {
        return (int) (e * 913_124_641_741L >> 38);
    }

    private static long[] powersOfTen() {
        long[] p = new long[18];
        p[0] = 1;
        for (int i = 1; i < p.length; i++) {
            p[i] = 10 * p[i - 1];
        }
        return p;
    }

    private static long[] doubleTable() {
        long[] g = new long[2 * (DOUBLE_K_MAX - DOUBLE_K_MIN + 1)];
        for (int k = DOUBLE_K_MIN; k <= DOUBLE_K_MAX; k++) {
            BigInteger gk = g(k);
            int row = (k - DOUBLE_K_MIN) << 1;
            g[row] = gk.shiftRight(63).longValueExact();
            g[row + 1] = gk.longValue() & LOW_63;
        }
        return g;
    }

    private static long[] floatTable() {
        long[] g = new long[FLOAT_K_MAX - FLOAT_K_MIN + 1];
        for (int k = FLOAT_K_MIN; k <= FLOAT_K_MAX; k++) {
            g[k - FLOAT_K_MIN] = g(k).shiftRight(63).longValueExact() + 1;
        }
        return g;
    }

    /* g = floor(10^-k / 2^r) + 1 with r = floor(log2(10^-k)) - 125: 2^125 < g <= 2^126. */
    static BigInteger g(int k) {
        int r = floorLog2Pow10(-k) - 125;
        BigInteger beta = k <= 0
                ? BigInteger.TEN.pow(-k).shiftLeft(-r) // shiftLeft by a negative count is a floor shift right
                : BigInteger.ONE.shiftLeft(-r).divide(BigInteger.TEN.pow(k));
        BigInteger g = beta.add(BigInteger.ONE);
        if (g.bitLength() != 126) {
            throw new IllegalStateException("g(" + k + ") has " + g.bitLength() + " bits");
        }
        return g;
    }
}
