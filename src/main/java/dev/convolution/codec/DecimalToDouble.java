package dev.convolution.codec;

import java.math.BigInteger;
import java.util.stream.LongStream;

/**
 * A decimal w · 10<sup>q</sup> turned into the nearest double, as {@link Double#parseDouble} rounds it, without text and
 * without allocation: the number-conversion step of the JSON number-array reader's hot path, which scans the digits
 * itself and must stay well under 30 ns a number. Clinger's fast path takes the small cases exactly; the rest go through
 * the Eisel–Lemire algorithm (Lemire, "Number Parsing at a Gigabyte per Second", 2021; the fallback conditions as in
 * Mushtak and Lemire, "Fast number parsing without fallback", 2023), which answers NaN in the (unseen) cases it cannot
 * decide, and the caller then parses the text. Tested bit for bit against {@code Double.parseDouble} (DecimalToDoubleTest):
 * millions of shortest and 17-digit forms of random doubles, random significands and exponents, near-halfway values,
 * and the edges of the double range.
 */
public final class DecimalToDouble {
    /** The smallest decimal exponent in the table: below it, any w under 2^64 gives less than half of MIN_VALUE. */
    static final int MIN_Q = -342;
    /** The largest decimal exponent in the table: above it, any w of at least 1 gives more than MAX_VALUE. */
    static final int MAX_Q = 308;

    /**
     * The 128-bit powers of five, two longs an exponent (high word, then low word) from q = MIN_Q up. The entry for q is
     * the integer T(q) = ⌊5^q · 2^(127 − ⌊log2 5^q⌋)⌋: 5^q scaled by a power of two into [2^127, 2^128) and truncated.
     * For q ≥ 0 that is the leading 128 bits of 5^q (exact up to q = 55, where 5^q still fits in 128 bits); for q &lt; 0,
     * with k = −q and L the bit length of 5^k, it is ⌊2^(127 + L) / 5^k⌋, which is never exact. Either way
     * T(q) ≤ 5^q · 2^(127 − ⌊log2 5^q⌋) &lt; T(q) + 1.
     */
    private static final long[] POWERS_OF_FIVE = powersOfFive();

    /** 10^0 to 10^22: the powers of ten a double holds exactly (5^22 &lt; 2^53). */
    private static final double[] EXACT_POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /** 5^0 to 5^27: the powers of five below 2^64 (5^27 &lt; 2^63). */
    private static final long[] POWERS_OF_FIVE_UP_TO_27 = LongStream.iterate(1, p -> 5 * p).limit(28).toArray();

    private static final long TWO_TO_53 = 1L << 53;
    private static final long SIGNIFICAND_MASK = (1L << 52) - 1;

    private DecimalToDouble() {
    }

    /**
     * The double nearest to (negative ? −1 : 1) · w · 10^q, ties to even, exactly as {@code Double.parseDouble} reads
     * that decimal, or NaN when this fast path cannot decide (the caller then parses the text). A result other than NaN
     * is always {@code Double.parseDouble}'s answer, bit for bit.
     *
     * <p>w is read as an <em>unsigned</em> 64-bit integer, so every significand of up to 19 digits fits (and any up to
     * 2^64 − 1). w = 0 gives ±0.0 whatever q (the sign kept: "-0.0" is −0.0); below ±MIN_VALUE / 2 the result is ±0.0,
     * beyond ±MAX_VALUE it is ±Infinity, and subnormal results are rounded like any other. NaN comes back only when
     * even the full product with the 128-bit power of five leaves the rounding bit undecided: the value must then lie
     * within about 2^−125 (relatively) of a rounding boundary while being neither an exact double nor a halfway point
     * (those are computed exactly). No test input has done it; Mushtak and Lemire prove it cannot happen with their
     * table, whose rounding differs from this one's for negative q, so the NaN stays as the honest answer.
     *
     * @param w the significand's digits as an unsigned integer
     * @param q the decimal exponent (any int)
     * @param negative whether the number is negative
     */
    public static double toDouble(long w, int q, boolean negative) {
        if (w == 0) {
            return negative ? -0.0 : 0.0;
        }
        // Clinger: w and 10^|q| are both exact doubles, so one multiplication or division rounds once, correctly.
        if (w > 0 && w <= TWO_TO_53 && q >= -22 && q <= 22) {
            double d = (double) w;
            d = q < 0 ? d / EXACT_POWERS_OF_TEN[-q] : d * EXACT_POWERS_OF_TEN[q];
            // The sign as a bit, not as −d: a long select compiles to a conditional move, a double one to a branch
            // that random signs mispredict (3 ns a number measured).
            return Double.longBitsToDouble(Double.doubleToRawLongBits(d) | (negative ? Long.MIN_VALUE : 0L));
        }
        if (q < MIN_Q || q > MAX_Q) {
            return beyondTheTable(q, negative);
        }
        // Eisel–Lemire. With x = w shifted so its top bit is set (by lz) and T(q) the table's entry, the value is
        // Z · 2^(⌊log2 10^q⌋ − 127 − lz) where Z = x · 5^q · 2^(127 − ⌊log2 5^q⌋) is in [2^190, 2^192) and
        // x · T(q) ≤ Z < x · T(q) + x. The 54 leading bits of Z (the double's 53 and a rounding bit) are read from the
        // top 64 bits of x · T(q) when these bounds show they are settled.
        int lz = Long.numberOfLeadingZeros(w);
        long x = w << lz;
        int at = (q - MIN_Q) << 1;
        long tHigh = POWERS_OF_FIVE[at];
        // hi:lo = x · tHigh, the top 128 bits of x · T(q) short of x · tLow / 2^64 < x: Z / 2^64 < hi:lo + x.
        long lo = x * tHigh;
        long hi = unsignedMultiplyHigh(x, tHigh);
        if ((hi & 0x1FF) == 0x1FF && Long.compareUnsigned(lo + x, lo) < 0) {
            // Adding up to x to lo may carry into hi, whose low bits are all ones: the carry could reach the rounding
            // bit. Under once in 500 random inputs.
            return withTheLowWord(w, q, negative, x, lz, hi, lo, POWERS_OF_FIVE[at + 1]);
        }
        // Here ⌊Z / 2^128⌋ is hi, or hi + 1, which changes none of hi's bits above its low 9.
        return rounded(hi, lo, q, lz, negative);
    }

    /** Beyond the table (and w ≠ 0): ±0.0 below it, since w &lt; 2^64 gives |value| &lt; 1.9e−324, ±Infinity above. */
    private static double beyondTheTable(int q, boolean negative) {
        double magnitude = q < MIN_Q ? 0.0 : Double.POSITIVE_INFINITY;
        return negative ? -magnitude : magnitude;
    }

    /** Eisel–Lemire's second product: tLow's share added to hi:lo before rounding, or NaN when even that is short. */
    private static double withTheLowWord(long w, int q, boolean negative, long x, int lz, long hi, long lo, long tLow) {
        // Now hi:lo = ⌊x · T(q) / 2^64⌋ and Z / 2^64 < hi:lo + 2.
        long sum = lo + unsignedMultiplyHigh(x, tLow);
        if (Long.compareUnsigned(sum, lo) < 0) {
            hi++;
        }
        // Only sum = 2^64 − 1 can still carry. T(q) is exact for 0 ≤ q ≤ 55, so hi:lo is then exact. For
        // −27 ≤ q < 0 the open case is the value with few bits (see exactQuotient), which is computed exactly.
        if (sum == -1L && (hi & 0x1FF) == 0x1FF && (q < 0 || q > 55)) {
            return q >= -27 && q < 0 ? exactQuotient(w, -q, negative) : Double.NaN;
        }
        return rounded(hi, sum, q, lz, negative);
    }

    /** The double from hi:lo, Z's top 128 bits (hi exact but for a carry into its low 9 bits), rounded to even. */
    private static double rounded(long hi, long lo, int q, int lz, boolean negative) {
        long sign = negative ? Long.MIN_VALUE : 0L;
        int upper = (int) (hi >>> 63); // hi is in [2^62, 2^64): its top bit is 63 or 62
        int biased = floorLog2TenPow(q) + upper + 1086 - lz; // the biased exponent before rounding
        if (biased <= 0) {
            return subnormal(hi, upper, biased, sign);
        }
        long m = hi >>> (upper + 9); // 54 bits: the double's 53 and the rounding bit
        long roundUp = m & 1;
        // An exact tie needs w · 10^q = odd 54-bit · 2^e: possible only for −4 ≤ q ≤ 23. For 0 ≤ q ≤ 23, 5^q < 2^64 so
        // T(q) is exact and hi:lo is the exact product: a tie is lo = 0 and hi zero below the rounding bit. It then
        // rounds to even. (For −4 ≤ q < 0, T(q) is below the true power, so a tie shows as hi's low bits all ones and
        // lo = 2^64 − 1 after both products, and is answered by exactQuotient.)
        // (lo == 0 first: it is almost never true, where roundUp is a coin toss that a branch on it would mispredict.)
        if (lo == 0 && roundUp != 0 && q >= 0 && q <= 23 && (hi & ((1L << (upper + 9)) - 1)) == 0) {
            roundUp = (m >>> 1) & 1;
        }
        long significand = (m >>> 1) + roundUp;
        if (significand == TWO_TO_53) {
            significand = TWO_TO_53 >>> 1;
            biased++;
        }
        if (biased >= 0x7FF) {
            return Double.longBitsToDouble(sign | Double.doubleToRawLongBits(Double.POSITIVE_INFINITY));
        }
        return Double.longBitsToDouble(sign | ((long) biased << 52) | (significand & SIGNIFICAND_MASK));
    }

    /**
     * A subnormal result (or zero): the value is hi · 2^(−1074 − shift). It is never a tie or exact (that would need
     * w · 2^(1075 − k) = odd · 5^k with k = −q ≤ 342), so a rounding bit of 1 always rounds up.
     */
    private static double subnormal(long hi, int upper, int biased, long sign) {
        int shift = upper + 11 - biased; // at least 11
        if (shift > 64) {
            return Double.longBitsToDouble(sign); // under half of MIN_VALUE
        }
        long bits = ((hi >>> (shift - 1)) + 1) >>> 1; // 2^52 when it rounds up to MIN_NORMAL: the same bits
        return Double.longBitsToDouble(sign | bits);
    }

    /**
     * w · 10^−k for 1 ≤ k ≤ 27 when 5^k divides w, else NaN. Those are the values with few significant bits (exact
     * doubles among them, and the halfway points of −4 ≤ q < 0): Z is then an integer with only zeros below its top 64
     * bits, and w' · T(q), a hair below it, shows all ones under the rounding bit, the case the bounds leave open. Here
     * w / 5^k is an integer below 2^62, so converting it rounds once (ties to even), and 2^−k scales it exactly.
     */
    private static double exactQuotient(long w, int k, boolean negative) {
        long power = POWERS_OF_FIVE_UP_TO_27[k];
        if (Long.remainderUnsigned(w, power) != 0) {
            return Double.NaN;
        }
        double value = (double) Long.divideUnsigned(w, power) / (double) (1L << k);
        return negative ? -value : value;
    }

    /** ⌊log2 10^q⌋ for |q| ≤ 400 (checked against BigInteger in the test): 217706 / 2^16 is log2 10 to 6 decimals. */
    static int floorLog2TenPow(int q) {
        return (q * 217706) >> 16;
    }

    /** The high 64 bits of the unsigned 128-bit product a · b (Java 17 has only the signed Math.multiplyHigh). */
    private static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    private static long[] powersOfFive() {
        long[] table = new long[2 * (MAX_Q - MIN_Q + 1)];
        BigInteger five = BigInteger.valueOf(5);
        for (int q = MIN_Q; q <= MAX_Q; q++) {
            BigInteger power = five.pow(Math.abs(q));
            int length = power.bitLength(); // 5^k for k ≥ 1 is no power of two: ⌊log2 5^k⌋ = length − 1, ⌊log2 5^−k⌋ = −length
            BigInteger t = q >= 0
                    ? (length <= 128 ? power.shiftLeft(128 - length) : power.shiftRight(length - 128))
                    : BigInteger.ONE.shiftLeft(127 + length).divide(power);
            if (t.bitLength() != 128) {
                throw new AssertionError("power of five 5^" + q + " not scaled into [2^127, 2^128)");
            }
            table[2 * (q - MIN_Q)] = t.shiftRight(64).longValue();
            table[2 * (q - MIN_Q) + 1] = t.longValue();
        }
        return table;
    }
}
