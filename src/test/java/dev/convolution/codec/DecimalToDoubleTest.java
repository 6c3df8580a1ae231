package dev.convolution.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * {@link DecimalToDouble} against its oracle, {@code Double.parseDouble} of the decimal text w + "E" + q: every answer
 * other than NaN must have the oracle's bits exactly (the sign of zero included), and NaN (the caller's fallback to
 * parseDouble) must stay rare. The inputs: the shortest and 17-to-19-digit forms of millions of random doubles, random
 * significands of 1 to 20 digits with exponents from −350 to 320, values a hair either side of the halfway point between
 * two doubles and exactly on it, and the edges: powers of ten, 2^53, MAX_VALUE, MIN_NORMAL, the subnormals, MIN_VALUE,
 * underflow to zero, overflow to infinity, zero significands, negative numbers.
 */
class DecimalToDoubleTest {
    /** 5^0 to 5^27. */
    private static final long[] POWERS_OF_FIVE = LongStream.iterate(1, p -> 5 * p).limit(28).toArray();
    /** 10^19, above 2^63: as an unsigned long. */
    private static final long TEN_TO_19 = Long.parseUnsignedLong("10000000000000000000");

    /** A decimal as the JSON reader hands it over: significand digits (unsigned), exponent, sign. */
    record Decimal(long w, int q, boolean negative) {
        /** The oracle's text: sign, w's digits, "E", q. */
        String text() {
            return (negative ? "-" : "") + Long.toUnsignedString(w) + "E" + q;
        }

        /**
         * A decimal string ("-1.25E-7", "3.0", "1.2345678901234567e+10") split into digits and exponent as the reader
         * splits it: leading zeros dropped, trailing zeros kept, at most 19 significant digits.
         */
        static Decimal parse(String s) {
            int i = 0;
            boolean negative = s.charAt(0) == '-';
            if (negative || s.charAt(0) == '+') {
                i++;
            }
            long w = 0;
            int q = 0;
            int digits = 0;
            boolean fraction = false;
            for (; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '.') {
                    fraction = true;
                } else if (c >= '0' && c <= '9') {
                    if (w != 0 || c != '0') {
                        w = w * 10 + (c - '0');
                        digits++;
                    }
                    if (fraction) {
                        q--;
                    }
                } else {
                    break;
                }
            }
            if (i < s.length()) {
                q += Integer.parseInt(s.substring(i + 1).replace("+", ""));
            }
            if (digits > 19) {
                throw new IllegalArgumentException("more than 19 significant digits: " + s);
            }
            return new Decimal(w, q, negative);
        }

        /** Trailing zeros of the significand moved into the exponent. */
        Decimal stripped() {
            long v = w;
            int e = q;
            while (v != 0 && Long.remainderUnsigned(v, 10) == 0) {
                v = Long.divideUnsigned(v, 10);
                e++;
            }
            return new Decimal(v, e, negative);
        }

        /** The decimal's leading n significant digits, truncated. */
        static Decimal truncated(BigDecimal exact, int n) {
            return of(exact.round(new MathContext(n, RoundingMode.DOWN)));
        }

        /** A decimal of at most 19 digits (its unscaled value below 2^64). */
        static Decimal of(BigDecimal d) {
            BigInteger digits = d.unscaledValue().abs();
            if (digits.bitLength() > 64) {
                throw new IllegalArgumentException("not below 2^64: " + d);
            }
            return new Decimal(digits.longValue(), -d.scale(), d.signum() < 0);
        }

        Decimal plus(long delta) {
            return new Decimal(w + delta, q, negative);
        }
    }

    /** What a run saw: how many decimals, how many answered NaN, and the first wrong answers. */
    static final class Tally {
        final String name;
        long checked;
        long fallbacks;
        final List<String> wrong = new ArrayList<>();

        Tally(String name) {
            this.name = name;
        }

        /** The decimal against parseDouble of its text. */
        void check(Decimal d) {
            check(d, Double.parseDouble(d.text()));
        }

        /** The decimal against a known answer (which must also be parseDouble's). */
        void check(Decimal d, double expected) {
            checked++;
            double got = DecimalToDouble.toDouble(d.w(), d.q(), d.negative());
            if (Double.isNaN(got)) {
                fallbacks++;
            } else if (Double.doubleToRawLongBits(got) != Double.doubleToRawLongBits(expected) && wrong.size() < 20) {
                wrong.add(d.text() + " gave " + got + ", expected " + expected);
            }
        }

        double fallbackRate() {
            return (double) fallbacks / checked;
        }

        /** No wrong answer, and at most maxRate of NaN; the counts go to the test's output for the record. */
        void assertRight(long minChecked, double maxRate) {
            System.out.printf("DecimalToDouble %s: %d checked, %d NaN (fallback)%n", name, checked, fallbacks);
            assertThat(wrong).as(name).isEmpty();
            assertThat(checked).as(name + ": decimals checked").isGreaterThanOrEqualTo(minChecked);
            assertThat(fallbackRate()).as(name + ": NaN rate").isLessThanOrEqualTo(maxRate);
        }
    }

    private static double randomFiniteDouble(Random rnd) {
        double d;
        do {
            d = Double.longBitsToDouble(rnd.nextLong());
        } while (!Double.isFinite(d));
        return d;
    }

    private static double randomSubnormal(Random rnd) {
        double d = Double.longBitsToDouble(1 + rnd.nextLong(Double.doubleToRawLongBits(Double.MIN_NORMAL) - 1));
        return rnd.nextBoolean() ? d : -d;
    }

    /** The exact decimal halfway between d > 0 and the next double up. */
    private static BigDecimal midpointAbove(double d) {
        return new BigDecimal(d).add(new BigDecimal(Math.ulp(d)).multiply(new BigDecimal("0.5")));
    }

    private static void checkShortestAndPadded(Tally tally, double d) {
        Decimal shortest = Decimal.parse(Double.toString(d));
        tally.check(shortest, d);
        tally.check(shortest.stripped(), d);
        tally.check(shortest.stripped());
    }

    @Test
    void shortestDigitsOfRandomDoublesGiveBackTheDouble() {
        Tally tally = new Tally("shortest digits of random doubles");
        Random rnd = new Random(1);
        for (int i = 0; i < 1_000_000; i++) {
            checkShortestAndPadded(tally, randomFiniteDouble(rnd)); // every exponent, subnormals included
            checkShortestAndPadded(tally, rnd.nextGaussian()); // the service's usual data
        }
        for (int i = 0; i < 200_000; i++) {
            checkShortestAndPadded(tally, rnd.nextDouble() * Math.pow(10, rnd.nextInt(41) - 20));
        }
        tally.assertRight(6_600_000, 1e-6);
    }

    @Test
    void seventeenToNineteenDigitFormsOfRandomDoublesGiveBackTheDouble() {
        Tally tally = new Tally("17- to 19-digit forms of random doubles");
        Random rnd = new Random(2);
        for (int i = 0; i < 60_000; i++) {
            double d = i % 2 == 0 ? randomFiniteDouble(rnd) : rnd.nextGaussian();
            tally.check(Decimal.parse(String.format("%.16e", d)), d);
            // The nearest 17-digit decimal always reads back as d; 18 and 19 digits are closer still.
            BigDecimal exact = new BigDecimal(d);
            for (int digits = 17; digits <= 19; digits++) {
                BigDecimal near = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
                Decimal decimal = Decimal.of(near);
                tally.check(decimal, d);
                tally.check(decimal.stripped());
            }
        }
        tally.assertRight(420_000, 1e-6);
    }

    @Test
    void randomSignificandsOfOneToNineteenDigitsWithExponentsFromMinus350To320MatchParseDouble() {
        Tally tally = new Tally("random 1- to 19-digit significands, exponents -350..320");
        Random rnd = new Random(3);
        long[] low = new long[20];
        low[1] = 1;
        for (int n = 2; n <= 19; n++) {
            low[n] = low[n - 1] * 10;
        }
        for (int i = 0; i < 1_000_000; i++) {
            int n = 1 + rnd.nextInt(19);
            long w = low[n] + rnd.nextLong(9 * low[n]); // n digits: 10^(n−1) to 10^n − 1 (unsigned for n = 19)
            tally.check(new Decimal(w, rnd.nextInt(671) - 350, rnd.nextBoolean()));
        }
        tally.assertRight(1_000_000, 1e-4);
    }

    @Test
    void significandsUpTo2To64AreReadUnsigned() {
        Tally tally = new Tally("significands above 2^63, up to 2^64 - 1");
        Random rnd = new Random(4);
        for (int i = 0; i < 100_000; i++) {
            long w = rnd.nextLong() | Long.MIN_VALUE;
            tally.check(new Decimal(w, rnd.nextInt(671) - 350, rnd.nextBoolean()));
        }
        for (int q = -345; q <= 310; q++) {
            tally.check(new Decimal(-1L, q, false)); // 2^64 − 1
            tally.check(new Decimal(Long.MIN_VALUE, q, false)); // 2^63
            tally.check(new Decimal(TEN_TO_19 - 1, q, true));
        }
        tally.assertRight(100_000, 1e-4);
    }

    @Test
    void valuesAHairEitherSideOfTheHalfwayPointRoundTheRightWay() {
        Tally tally = new Tally("near halfway points");
        Random rnd = new Random(5);
        for (int i = 0; i < 30_000; i++) {
            double d = Math.abs(i % 3 == 0 ? rnd.nextGaussian() : randomFiniteDouble(rnd));
            if (d == Double.MAX_VALUE) {
                continue;
            }
            BigDecimal mid = midpointAbove(d);
            for (int digits = 17; digits <= 19; digits++) {
                Decimal below = Decimal.truncated(mid, digits);
                for (long delta = -1; delta <= 1; delta++) {
                    tally.check(below.plus(delta));
                }
            }
        }
        // Halfway points are where the truncated powers of five are least sure: allow a few NaN, never a wrong answer.
        tally.assertRight(270_000, 1e-3);
    }

    @Test
    void exactHalfwayPointsRoundToEven() {
        Tally exact = new Tally("exact halfway points, q 0..23");
        Tally fraction = new Tally("exact halfway points, q -4..-1");
        Random rnd = new Random(6);
        for (int i = 0; i < 100_000; i++) {
            // A halfway point is an odd 54-bit integer M times a power of two; with q ≥ 0, 5^q must divide M.
            int q = rnd.nextInt(24);
            long five = BigInteger.valueOf(5).pow(q).longValueExact();
            long r = ((1L << 53) / five + 1 + rnd.nextLong(Math.max(1, (1L << 53) / five - 1))) | 1; // odd, M in [2^53, 2^54)
            long m = r * five;
            if (m >= (1L << 54)) {
                continue;
            }
            int room = Long.numberOfLeadingZeros(r);
            long w = r << rnd.nextInt(room); // w · 10^q = M · 2^(shift + q)
            for (long delta = -1; delta <= 1; delta++) {
                exact.check(new Decimal(w + delta, q, rnd.nextBoolean()));
            }
            // With q = −k: w = M · 5^k · 2^j, value M · 2^(j − k).
            int k = 1 + rnd.nextInt(4);
            long m54 = ((1L << 53) + rnd.nextLong(1L << 53)) | 1;
            long wk = m54 * BigInteger.valueOf(5).pow(k).longValueExact();
            fraction.check(new Decimal(wk, -k, false));
            fraction.check(new Decimal(wk + 1, -k, false));
            fraction.check(new Decimal(wk - 1, -k, false));
        }
        exact.assertRight(200_000, 0);
        // For q < 0 the table's T(q) is a hair below the power of five, so the product cannot settle an exact tie;
        // 5^k divides w there, and the quotient w / 5^k converted and scaled by 2^−k settles it.
        fraction.assertRight(300_000, 0);
    }

    @Test
    void exactDoublesWrittenWithUpTo27DecimalsAreExact() {
        Tally tally = new Tally("exact doubles with 1 to 27 decimals");
        Random rnd = new Random(10);
        for (int i = 0; i < 75_000; i++) {
            // m · 2^−k with m odd below 2^53 is a double with exactly k decimals, m · 5^k of them significant: m is
            // drawn below 10^19 / 5^k so that they fit in 19.
            int k = 1 + rnd.nextInt(27);
            long m = rnd.nextLong(Math.min(1L << 53, Long.divideUnsigned(TEN_TO_19, POWERS_OF_FIVE[k]))) | 1;
            double d = (double) m / (double) (1L << k);
            Decimal decimal = Decimal.of(new BigDecimal(d));
            tally.check(decimal, d);
            if (Long.compareUnsigned(decimal.w(), Long.divideUnsigned(-1L, 10)) < 0) {
                tally.check(new Decimal(decimal.w() * 10, decimal.q() - 1, false), d); // a trailing zero
            }
            tally.check(decimal.plus(1));
            tally.check(decimal.plus(-1));
        }
        tally.assertRight(225_000, 0);
    }

    @Test
    void powersOfTenAndMultiplesOfThem() {
        Tally tally = new Tally("powers of ten");
        long p = 1;
        for (int j = 0; j <= 19; j++) {
            for (int q = -360; q <= 330; q++) {
                tally.check(new Decimal(p, q, false));
                tally.check(new Decimal(p, q, true));
            }
            p *= 10; // 10^19 is above 2^63: read unsigned
        }
        for (int q = -300; q <= 300; q++) {
            assertThat(DecimalToDouble.toDouble(1, q, false)).as("1E%d", q).isEqualTo(Double.parseDouble("1E" + q));
        }
        tally.assertRight(27_000, 0);
    }

    @Test
    void integersAround2To53() {
        Tally tally = new Tally("around 2^53");
        for (long delta = -64; delta <= 64; delta++) {
            for (int q = -25; q <= 25; q++) {
                tally.check(new Decimal((1L << 53) + delta, q, false));
                tally.check(new Decimal((1L << 53) + delta, q, true));
            }
        }
        assertThat(DecimalToDouble.toDouble((1L << 53) + 1, 0, false)).isEqualTo(9007199254740992.0); // tie to even
        assertThat(DecimalToDouble.toDouble((1L << 53) + 3, 0, false)).isEqualTo(9007199254740996.0); // tie to even
        tally.assertRight(13_000, 0);
    }

    @Test
    void maxValueAndJustBeyondOverflowToInfinity() {
        assertThat(DecimalToDouble.toDouble(17976931348623157L, 292, false)).isEqualTo(Double.MAX_VALUE);
        assertThat(DecimalToDouble.toDouble(17976931348623157L, 292, true)).isEqualTo(-Double.MAX_VALUE);
        BigDecimal mid = midpointAbove(Double.MAX_VALUE); // 2^1024 − 2^970: from here up, parseDouble says Infinity
        Decimal below = Decimal.truncated(mid, 19);
        assertThat(DecimalToDouble.toDouble(below.w(), below.q(), false)).isEqualTo(Double.MAX_VALUE);
        assertThat(DecimalToDouble.toDouble(below.w() + 1, below.q(), false)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(DecimalToDouble.toDouble(below.w() + 1, below.q(), true)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(DecimalToDouble.toDouble(18, 307, false)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(DecimalToDouble.toDouble(1, 309, false)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(DecimalToDouble.toDouble(1, Integer.MAX_VALUE, true)).isEqualTo(Double.NEGATIVE_INFINITY);
        Tally tally = new Tally("near MAX_VALUE");
        for (int q = 280; q <= 320; q++) {
            for (long w = 17976931348623150L; w <= 17976931348623170L; w++) {
                tally.check(new Decimal(w, q - 16, false));
                tally.check(new Decimal(w * 100 + 99, q - 18, true));
            }
        }
        tally.assertRight(1_600, 0);
    }

    @Test
    void normalSubnormalAndZeroBoundaries() {
        assertThat(DecimalToDouble.toDouble(22250738585072014L, -324, false)).isEqualTo(Double.MIN_NORMAL);
        assertThat(DecimalToDouble.toDouble(2225073858507201L, -323, false)).isEqualTo(Math.nextDown(Double.MIN_NORMAL));
        assertThat(DecimalToDouble.toDouble(49, -325, false)).isEqualTo(Double.MIN_VALUE);
        assertThat(DecimalToDouble.toDouble(49, -325, true)).isEqualTo(-Double.MIN_VALUE);
        // Half of MIN_VALUE is 2^−1075 = 2.4703282292062327208...E−324: below it zero, above it MIN_VALUE.
        assertThat(DecimalToDouble.toDouble(2470328229206232720L, -342, false)).isEqualTo(0.0);
        assertThat(DecimalToDouble.toDouble(2470328229206232721L, -342, false)).isEqualTo(Double.MIN_VALUE);
        assertThat(Double.doubleToRawLongBits(DecimalToDouble.toDouble(2470328229206232720L, -342, true)))
                .isEqualTo(Double.doubleToRawLongBits(-0.0));

        Tally tally = new Tally("subnormals and their boundaries");
        double[] edges = {Double.MIN_VALUE, 2 * Double.MIN_VALUE, 3 * Double.MIN_VALUE, Math.nextDown(Double.MIN_NORMAL),
            Double.MIN_NORMAL, Math.nextUp(Double.MIN_NORMAL), Double.MIN_NORMAL / 2, Double.MIN_NORMAL / 1024};
        for (double d : edges) {
            checkShortestAndPadded(tally, d);
            BigDecimal mid = midpointAbove(d);
            for (int digits = 1; digits <= 19; digits++) {
                Decimal below = Decimal.truncated(mid, digits);
                for (long delta = -2; delta <= 2; delta++) {
                    tally.check(below.plus(delta));
                }
            }
        }
        Random rnd = new Random(7);
        for (int i = 0; i < 50_000; i++) {
            double d = randomSubnormal(rnd);
            checkShortestAndPadded(tally, d);
            BigDecimal near = new BigDecimal(d).round(new MathContext(17 + rnd.nextInt(3), RoundingMode.HALF_EVEN));
            tally.check(Decimal.of(near), d);
        }
        for (int q = -345; q <= -300; q++) {
            for (int n = 0; n < 200; n++) {
                tally.check(new Decimal(rnd.nextLong(), q, rnd.nextBoolean()));
            }
        }
        tally.assertRight(200_000, 0);
    }

    @Test
    void belowTheTableEverySignificandUnderflowsToSignedZero() {
        for (int q : new int[] {-343, -344, -400, -100_000, Integer.MIN_VALUE}) {
            for (long w : new long[] {1, 9, 1234567890123456789L, TEN_TO_19 - 1, -1L}) {
                assertThat(Double.doubleToRawLongBits(DecimalToDouble.toDouble(w, q, false))).as("%s E%d", w, q)
                        .isEqualTo(Double.doubleToRawLongBits(0.0))
                        .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(Long.toUnsignedString(w) + "E" + q)));
                assertThat(Double.doubleToRawLongBits(DecimalToDouble.toDouble(w, q, true))).as("-%s E%d", w, q)
                        .isEqualTo(Double.doubleToRawLongBits(-0.0));
            }
        }
    }

    @Test
    void aZeroSignificandIsZeroWithItsSignWhateverTheExponent() {
        for (int q : new int[] {Integer.MIN_VALUE, -400, -342, -22, -1, 0, 1, 22, 308, 400, Integer.MAX_VALUE}) {
            assertThat(Double.doubleToRawLongBits(DecimalToDouble.toDouble(0, q, false))).as("0E%d", q)
                    .isEqualTo(Double.doubleToRawLongBits(0.0));
            assertThat(Double.doubleToRawLongBits(DecimalToDouble.toDouble(0, q, true))).as("-0E%d", q)
                    .isEqualTo(Double.doubleToRawLongBits(-0.0))
                    .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble("-0E" + q)));
        }
    }

    @Test
    void aNegativeNumberIsThePositiveOneWithTheSignBitSet() {
        Random rnd = new Random(8);
        for (int i = 0; i < 200_000; i++) {
            long w = rnd.nextLong() >>> rnd.nextInt(64);
            int q = rnd.nextInt(700) - 360;
            double positive = DecimalToDouble.toDouble(w, q, false);
            double negative = DecimalToDouble.toDouble(w, q, true);
            if (!Double.isNaN(positive)) {
                assertThat(Double.doubleToRawLongBits(negative)).as("-%s E%d", Long.toUnsignedString(w), q)
                        .isEqualTo(Double.doubleToRawLongBits(positive) | Long.MIN_VALUE);
            }
        }
    }

    @Test
    void theBinaryExponentOfAPowerOfTenIsExact() {
        for (int q = -400; q <= 400; q++) {
            BigInteger ten = BigInteger.TEN.pow(Math.abs(q));
            int exact = q >= 0 ? ten.bitLength() - 1 : -ten.bitLength(); // 10^k (k ≥ 1) is no power of two
            assertThat(DecimalToDouble.floorLog2TenPow(q)).as("floor(log2 10^%d)", q).isEqualTo(exact);
        }
    }

    @Test
    void aConversionAllocatesNothing() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        Random rnd = new Random(9);
        long[] ws = new long[4096];
        int[] qs = new int[4096];
        for (int i = 0; i < ws.length; i++) {
            Decimal d = Decimal.parse(Double.toString(rnd.nextGaussian() * Math.pow(10, rnd.nextInt(601) - 300)));
            ws[i] = d.w();
            qs[i] = d.q();
        }
        long bits = 0;
        for (int round = 0; round < 50; round++) { // warm up so that the measured loop runs compiled
            for (int i = 0; i < ws.length; i++) {
                bits += Double.doubleToRawLongBits(DecimalToDouble.toDouble(ws[i], qs[i], (i & 1) != 0));
            }
        }
        long before = threads.getThreadAllocatedBytes(id);
        for (int round = 0; round < 250; round++) {
            for (int i = 0; i < ws.length; i++) {
                bits += Double.doubleToRawLongBits(DecimalToDouble.toDouble(ws[i], qs[i], (i & 1) != 0));
            }
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertThat(bits).as("the results, summed (keeps the loop from being optimised away)").isNotZero();
        assertThat(allocated).as("bytes allocated by a million conversions").isLessThan(100_000);
    }
}
