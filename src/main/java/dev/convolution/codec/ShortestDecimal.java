package dev.convolution.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
 * computed once with {@code BigInteger} ({@link SchubfachTable}), and the shortest decimal in it is chosen with a few comparisons, no
 * loops and no big numbers. Digits are then turned to text eight at a time in a {@code long}, laid out with shifts and
 * masks rather than branches, and stored with two or three unaligned 8-byte writes: a number costs a few dozen
 * multiplications, shifts and masks, and no allocation.
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
     * exponent, as {@code -1.00000075E-36} (15 bytes).
     */
    public static final int MAX_FLOAT_LENGTH = 15;

    /* A double is c 2^q with 2^52 <= c < 2^53 (normal) or 0 < c < 2^52 and q = -1074 (subnormal). */
    private static final int DOUBLE_Q_MIN = -1074;
    private static final long DOUBLE_C_MIN = 1L << 52;
    /* Below this significand a subnormal double has too few digits in its interval: see shortest(). */
    private static final long DOUBLE_C_TINY = 3;
    /* The decimal exponents k = floor(log10(2^q)) (or of 3/4 2^q) met by doubles. */

    /* A float is c 2^q with 2^23 <= c < 2^24 (normal) or 0 < c < 2^23 and q = -149 (subnormal). */
    private static final int FLOAT_Q_MIN = -149;
    private static final int FLOAT_C_MIN = 1 << 23;
    private static final int FLOAT_C_TINY = 8;

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
     * The text forms of layout(), by form = point + 3 for the plain ones (-3 < point <= 7) and 0 for the scientific one.
     * With dot the count of digits before the point (point, or 1 in scientific) and off the places the digits move right
     * (1 past the point, or 2 - point past "0." and -point zeros):
     *   SHIFT       8 off
     *   MIN_DIGITS  digits written even if fewer are significant: dot + 1 when dot >= 1 (the "0" of "d.0"), else 1
     *   KEEP        the first dot digits stay where they are (dot >= 1)
     *   INSERT      the point after them, or "0." and the zeros
     *   MOVE        the bytes the moved digits fill: past the point, or past "0.0..0" (all, as shifting clears the rest)
     */
    private static final int[] SHIFT = new int[11];
    private static final int[] MIN_DIGITS = new int[11];
    private static final long[] KEEP = new long[11];
    private static final long[] INSERT = new long[11];
    private static final long[] MOVE = new long[11];

    static {
        for (int form = 0; form <= 10; form++) {
            int dot = form == 0 ? 1 : form - 3;
            int off = dot >= 1 ? 1 : 2 - dot;
            SHIFT[form] = off << 3;
            MIN_DIGITS[form] = dot >= 1 ? dot + 1 : 1;
            if (dot >= 1) {
                KEEP[form] = (1L << (dot << 3)) - 1;
                INSERT[form] = (long) '.' << (dot << 3);
                MOVE[form] = ~(KEEP[form] << 8 | 0xff);
            } else {
                INSERT[form] = (ZEROS >>> (64 - (off << 3))) ^ ('0' ^ '.') << 8; // "0." then '0's, off bytes
                MOVE[form] = -1;
            }
        }
    }

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
        out[pos] = '-'; // kept by a negative value, overwritten by a positive one's first digit (no branch to mispredict)
        pos += (int) (bits >>> 63);
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
        out[pos] = '-';
        pos += bits >>> 31;
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
        int k = irregular ? SchubfachTable.floorLog10ThreeQuartersPow2(q) : SchubfachTable.floorLog10Pow2(q);
        int shift = q + SchubfachTable.floorLog2Pow10(-k) + 2;
        int row = (k - SchubfachTable.DOUBLE_K_MIN) << 1;
        long g1 = SchubfachTable.G[row];
        long g0 = SchubfachTable.G[row + 1];
        long cb = c << 2;
        long vb = roundToOdd(g1, g0, cb << shift);
        long vl = roundToOdd(g1, g0, (cb - (irregular ? 1 : 2)) << shift);
        long vr = roundToOdd(g1, g0, (cb + 2) << shift);
        return decimal(out, pos, choose(vb, vl, vr, c & 1), k + dk);
    }

    /*
     * The decimal chosen in the interval [vl, vr] around vb (open at both ends when open is 1), all scaled by 4. The
     * choices depend on the digits, so they are taken with arithmetic rather than branches, which a processor could not
     * predict: (x - y) >>> 63 is 1 when x < y (no operand is near 2^63).
     */
    private static long choose(long vb, long vl, long vr, long open) {
        long s = vb >> 2;
        long t = s + 1;
        long sOut = (s << 2) - vl - open >>> 63;
        long tOut = vr - (t << 2) - open >>> 63;
        long fromMiddle = vb - ((s + t) << 1); // v - (s + t) / 2, times 4
        long tCloser = -fromMiddle - (s & 1) >>> 63; // v above the middle, or on it with s odd
        long f = s + (sOut | (tOut ^ 1) & tCloser);
        long down10 = s / 10 * 10;
        long down10Out = (down10 << 2) - vl - open >>> 63;
        long up10Out = vr - ((down10 + 10) << 2) - open >>> 63;
        long shorter = (99 - s >>> 63) & (down10Out ^ up10Out); // s >= 100 and one multiple of 10 in the interval
        return f ^ (f ^ (down10 + 10 * down10Out)) & -shorter;
    }

    /* The same for a float, in 64 bits: c < 2^24 and g has 63 bits, so one multiplication high suffices. */
    private static int shortest(byte[] out, int pos, int c, int q, int dk) {
        boolean irregular = c == FLOAT_C_MIN && q != FLOAT_Q_MIN;
        int k = irregular ? SchubfachTable.floorLog10ThreeQuartersPow2(q) : SchubfachTable.floorLog10Pow2(q);
        int shift = q + SchubfachTable.floorLog2Pow10(-k) + 33;
        long g = SchubfachTable.G32[k - SchubfachTable.FLOAT_K_MIN];
        long cb = (long) c << 2;
        int vb = roundToOdd(g, cb << shift);
        int vl = roundToOdd(g, (cb - (irregular ? 1 : 2)) << shift);
        int vr = roundToOdd(g, (cb + 2) << shift);
        return decimal(out, pos, choose(vb, vl, vr, c & 1), k + dk);
    }

    private static int choose(int vb, int vl, int vr, int open) {
        int s = vb >> 2;
        int t = s + 1;
        int sOut = (s << 2) - vl - open >>> 31;
        int tOut = vr - (t << 2) - open >>> 31;
        int fromMiddle = vb - ((s + t) << 1);
        int tCloser = -fromMiddle - (s & 1) >>> 31;
        int f = s + (sOut | (tOut ^ 1) & tCloser);
        int down10 = s / 10 * 10;
        int down10Out = (down10 << 2) - vl - open >>> 31;
        int up10Out = vr - ((down10 + 10) << 2) - open >>> 31;
        int shorter = (99 - s >>> 31) & (down10Out ^ up10Out);
        return f ^ (f ^ (down10 + 10 * down10Out)) & -shorter;
    }

    /*
     * floor(g cp / 2^127) rounded to odd: with the bits dropped not all zero, the lowest bit kept is set.
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

    /*
     * f 10^e, 0 < f < 10^17, written: f's digits made 17 (f 10^(17 - len)), split 1 + 8 + 8 and turned to text, the
     * count n of significant digits read from the trailing zero bytes of the last eight.
     */
    private static int decimal(byte[] out, int pos, long f, int e) {
        int len;
        long x;
        if (f >= 1_000_000_000_000_000L) {
            // 16 or 17 digits, as every normal double's (s is in [2^52, 10 2^53)): made 17 without a table
            long short16 = f - 10_000_000_000_000_000L >>> 63;
            len = 17 - (int) short16;
            x = f + ((f << 3) + f & -short16);
        } else {
            len = SchubfachTable.floorLog10Pow2(64 - Long.numberOfLeadingZeros(f));
            len += (int) (POW10[len] - 1 - f >>> 63); // one more when f >= 10^len
            x = f * POW10[17 - len];
        }
        long high9 = x / 100_000_000;
        int first = (int) (x / 10_000_000_000_000_000L);
        long middle = digits8((int) high9 - first * 100_000_000);
        long low = digits8((int) (x - high9 * 100_000_000));
        int n = low != 0 ? 17 - (Long.numberOfLeadingZeros(low) >>> 3)
                : middle != 0 ? 9 - (Long.numberOfLeadingZeros(middle) >>> 3) : 1;
        middle |= ZEROS;
        low |= ZEROS;
        return layout(out, pos, '0' + first | middle << 8, middle >>> 56 | low << 8, low >>> 56, n, e + len);
    }

    /* The float's decimal f 10^e, 0 < f < 10^9: its digits made 9, split 1 + 8. */
    private static int decimal(byte[] out, int pos, int f, int e) {
        int len = SchubfachTable.floorLog10Pow2(32 - Integer.numberOfLeadingZeros(f));
        len += (int) (POW10[len] - 1 - f >>> 63);
        int x = f * (int) POW10[9 - len];
        int first = x / 100_000_000;
        long middle = digits8(x - first * 100_000_000);
        int n = middle != 0 ? 9 - (Long.numberOfLeadingZeros(middle) >>> 3) : 1;
        middle |= ZEROS;
        return layout(out, pos, '0' + first | middle << 8, middle >>> 56 | ZEROS << 8, '0', n, e + len);
    }

    /*
     * Writes 0.d1 d2 ... dn 10^point, n significant digits (dn is not 0, or n = 1), given as text in three words (d1..d8,
     * d9..d16, d17; digits past n are '0'), in Java's format:
     *   0 < point <= 7     d1..d_point . d_point+1..dn        (1 <= |v| < 10^7)
     *   -3 < point <= 0    0 . 0..0 d1..dn                    (10^-3 <= |v| < 1)
     *   otherwise          d1 . d2..dn E point-1              (d1 . 0 when n = 1)
     * (An integral value, n <= point, would come out as d1..dn 0..0 .0 since the digits past n are '0'; it does not
     * reach here, being written as an integer first.)
     *
     * All three are one text: the digits moved right by a few places, with a point among the first eight of them or
     * "0." and zeros in front, as the tables SHIFT, MIN_DIGITS, KEEP, INSERT and MOVE give for each form. The first
     * eight bytes are
     *   (d1..d8 & KEEP) | INSERT | (d1..d8 << SHIFT & MOVE),
     * the next ones the digits shifted by the same amount. Built with shifts and masks, without a branch on the digits
     * (a processor cannot predict those, and a mispredicted branch costs as much as the whole conversion), the text is
     * stored as two or three overlapping 8-byte writes, the last ending at the number's end: nothing past it is touched.
     */
    private static int layout(byte[] out, int pos, long d0, long d8, long d16, int n, int point) {
        int plain = (-3 - point & point - 8) >>> 31; // 1 when -3 < point < 8
        int form = point + 3 & -plain; // 1..10 for the plain forms, 0 for scientific
        int shift = SHIFT[form];
        int length = (shift >>> 3) + Math.max(n, MIN_DIGITS[form]);
        long w0 = d0 & KEEP[form] | INSERT[form] | d0 << shift & MOVE[form];
        long w1 = d0 >>> 64 - shift | d8 << shift;
        if (length >= 16) {
            long w2 = d8 >>> 64 - shift | d16 << shift;
            int half = length - 16 << 2; // the bytes of w2 in the number, times 4: each shift is split in two halves
            LONG.set(out, pos, w0);
            LONG.set(out, pos + 8, w1);
            LONG.set(out, pos + length - 8, w1 >>> half >>> half | w2 << 32 - half << 32 - half);
        } else if (length >= 8) {
            int half = length - 8 << 2;
            LONG.set(out, pos, w0);
            LONG.set(out, pos + length - 8, w0 >>> half >>> half | w1 << 32 - half << 32 - half);
        } else {
            putUpTo8(out, pos, w0, length);
        }
        pos += length;
        return plain != 0 ? pos : exponent(out, pos, point - 1);
    }

    /* The count (1..8) low bytes of text, first byte first: two overlapping stores. */
    private static void putUpTo8(byte[] out, int pos, long text, int count) {
        if (count >= 4) {
            INT.set(out, pos, (int) text);
            INT.set(out, pos + count - 4, (int) (text >>> (count - 4 << 3)));
        } else if (count >= 2) {
            SHORT.set(out, pos, (short) text);
            SHORT.set(out, pos + count - 2, (short) (text >>> (count - 2 << 3)));
        } else {
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
        out[pos] = '-';
        pos += (int) (x >>> 63);
        x = Math.abs(x);
        if (x < 100_000_000) {
            return writeUpTo8((int) x, out, pos);
        }
        long high = x / 100_000_000; // < 2^53 / 10^8 < 10^8
        pos = writeUpTo8((int) high, out, pos);
        LONG.set(out, pos, digits8((int) (x - high * 100_000_000)) | ZEROS);
        return pos + 8;
    }

    /* 0 <= x < 10^8 without leading zeros ("0" for 0). */
    private static int writeUpTo8(int x, byte[] out, int pos) {
        long d = digits8(x);
        int leadingZeros = Math.min(Long.numberOfTrailingZeros(d) >>> 3, 7);
        int count = 8 - leadingZeros;
        putUpTo8(out, pos, (d | ZEROS) >>> (leadingZeros << 3), count);
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

    private static long[] powersOfTen() {
        long[] p = new long[18];
        p[0] = 1;
        for (int i = 1; i < p.length; i++) {
            p[i] = 10 * p[i - 1];
        }
        return p;
    }
}
