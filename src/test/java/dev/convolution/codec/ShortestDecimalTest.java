package dev.convolution.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.DoubleConsumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import tools.jackson.core.io.NumberOutput;

/**
 * {@link ShortestDecimal} byte for byte against the text the service writes today through Jackson: an integral value
 * within ±2^53 (±2^24 for a float) as {@link Long#toString(long)}, any other as {@code NumberOutput.toString(v, true)}
 * (Jackson's Schubfach, Java 19+'s {@code Double.toString} format). Every value is written at an odd offset into a
 * buffer of sentinel bytes, which must be untouched before and after the number; every value is also checked with its
 * sign flipped. Families: random bit patterns, Gaussians, uniform [0, 1), decimals of few digits, powers of 2 and 10 and
 * their neighbours, subnormals, the extremes, the plain/scientific boundaries at 10^-3 and 10^7, integral values around
 * 2^53 (2^24), and the same for floats plus a sweep of the whole float range.
 */
class ShortestDecimalTest {
    /** Where the number is written: odd, so that no multi-byte store is aligned by chance. */
    private static final int OFFSET = 13;
    private static final byte SENTINEL = (byte) 0xA5;

    static String oracle(double v) {
        return v == Math.rint(v) && Math.abs(v) < 0x1p53 ? Long.toString((long) v) : NumberOutput.toString(v, true);
    }

    static String oracle(float v) {
        return v == Math.rint(v) && Math.abs(v) < 0x1p24f ? Long.toString((long) v) : NumberOutput.toString(v, true);
    }

    /** Writes values, compares each with the oracle and the sentinel bytes around it, and keeps the first failures. */
    private static final class Check {
        private final boolean single;
        private final byte[] buffer = new byte[OFFSET + ShortestDecimal.MAX_LENGTH + 24];
        private final List<String> failures = new ArrayList<>();
        private long checked;
        private int longest;

        Check(boolean single) {
            this.single = single;
        }

        static Check doubles() {
            return new Check(false);
        }

        static Check floats() {
            return new Check(true);
        }

        /** v and -v. */
        void both(double v) {
            one(v);
            one(-v);
        }

        void both(float v) {
            one(v);
            one(-v);
        }

        void one(double v) {
            if (!Double.isFinite(v)) {
                return;
            }
            Arrays.fill(buffer, SENTINEL);
            int end = ShortestDecimal.write(v, buffer, OFFSET);
            compare(oracle(v), end, () -> v + " (0x" + Long.toHexString(Double.doubleToRawLongBits(v)) + ")");
        }

        void one(float v) {
            if (!Float.isFinite(v)) {
                return;
            }
            Arrays.fill(buffer, SENTINEL);
            int end = ShortestDecimal.write(v, buffer, OFFSET);
            compare(oracle(v), end, () -> v + "f (0x" + Integer.toHexString(Float.floatToRawIntBits(v)) + ")");
        }

        private void compare(String want, int end, Supplier<String> what) {
            checked++;
            longest = Math.max(longest, end - OFFSET);
            boolean same = end - OFFSET == want.length();
            for (int i = 0; same && i < want.length(); i++) {
                same = buffer[OFFSET + i] == want.charAt(i);
            }
            boolean untouched = true;
            for (int i = 0; i < buffer.length; i++) {
                if ((i < OFFSET || i >= Math.max(end, OFFSET)) && buffer[i] != SENTINEL) {
                    untouched = false;
                }
            }
            if ((!same || !untouched) && failures.size() < 20) {
                String got = end < OFFSET || end > buffer.length ? "end " + end
                        : new String(buffer, OFFSET, end - OFFSET, StandardCharsets.ISO_8859_1);
                failures.add(what.get() + ": wrote \"" + got + "\", want \"" + want + "\""
                        + (untouched ? "" : ", and bytes outside the number changed"));
            }
        }

        /** No failure, at least {@code atLeast} values checked, none longer than the bound. */
        void verify(long atLeast) {
            assertThat(failures).isEmpty();
            assertThat(checked).isGreaterThanOrEqualTo(atLeast);
            assertThat(longest).isLessThanOrEqualTo(single ? ShortestDecimal.MAX_FLOAT_LENGTH : ShortestDecimal.MAX_LENGTH);
        }
    }

    private static String written(double v) {
        byte[] out = new byte[ShortestDecimal.MAX_LENGTH];
        return new String(out, 0, ShortestDecimal.write(v, out, 0), StandardCharsets.ISO_8859_1);
    }

    private static String written(float v) {
        byte[] out = new byte[ShortestDecimal.MAX_FLOAT_LENGTH];
        return new String(out, 0, ShortestDecimal.write(v, out, 0), StandardCharsets.ISO_8859_1);
    }

    /** v and its neighbours up to {@code ulps} steps either side. */
    private static void around(double v, int ulps, DoubleConsumer each) {
        each.accept(v);
        double up = v;
        double down = v;
        for (int i = 0; i < ulps; i++) {
            up = Math.nextUp(up);
            down = Math.nextDown(down);
            each.accept(up);
            each.accept(down);
        }
    }

    private static void around(float v, int ulps, Check check) {
        check.both(v);
        float up = v;
        float down = v;
        for (int i = 0; i < ulps; i++) {
            up = Math.nextUp(up);
            down = Math.nextDown(down);
            check.both(up);
            check.both(down);
        }
    }

    // ---- examples, stated outright ----

    @Test
    void integralValuesWithin2To53AreIntegersAndOthersTheShortestDecimalInJavasFormat() {
        assertThat(written(2.0)).isEqualTo("2");
        assertThat(written(-0.0)).isEqualTo("0");
        assertThat(written(0.0)).isEqualTo("0");
        assertThat(written(-17.0)).isEqualTo("-17");
        assertThat(written(1e7)).isEqualTo("10000000");
        assertThat(written(0x1p53 - 1)).isEqualTo("9007199254740991");
        assertThat(written(0x1p53)).isEqualTo("9.007199254740992E15");
        assertThat(written(0.1)).isEqualTo("0.1");
        assertThat(written(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(written(2.0 / 3)).isEqualTo("0.6666666666666666");
        assertThat(written(-123.456)).isEqualTo("-123.456");
        assertThat(written(0.001)).isEqualTo("0.001");
        assertThat(written(Math.nextDown(0.001))).isEqualTo("9.999999999999998E-4");
        assertThat(written(1e7 + 0.5)).isEqualTo("1.00000005E7");
        assertThat(written(9999999.5)).isEqualTo("9999999.5");
        assertThat(written(1e23)).isEqualTo("1.0E23");
        assertThat(written(Double.MIN_VALUE)).isEqualTo("4.9E-324");
        assertThat(written(-Double.MIN_NORMAL)).isEqualTo("-2.2250738585072014E-308");
        assertThat(written(Double.MAX_VALUE)).isEqualTo("1.7976931348623157E308");
    }

    @Test
    void shortestWhereJava17sDoubleToStringIsNot() {
        // Java 17 writes 1.9999999999999998E23, 9.999999999999999E22, 2.82879384806159008E17 and 1.17549435E-38
        assertThat(written(2e23)).isEqualTo("2.0E23");
        assertThat(written(1e23)).isEqualTo("1.0E23");
        assertThat(written(2.82879384806159E17)).isEqualTo("2.82879384806159E17");
        assertThat(written(Float.MIN_NORMAL)).isEqualTo("1.1754944E-38");
    }

    @Test
    void floatsAreWrittenWithFloatsOwnShortestDigits() {
        assertThat(written(0.1f)).isEqualTo("0.1");
        assertThat(written(2.0f)).isEqualTo("2");
        assertThat(written(-0.0f)).isEqualTo("0");
        assertThat(written(0x1p24f)).isEqualTo("1.6777216E7");
        assertThat(written(0x1p24f - 1)).isEqualTo("16777215");
        assertThat(written(1.1f)).isEqualTo("1.1");
        assertThat(written(Float.MIN_VALUE)).isEqualTo("1.4E-45");
        assertThat(written(-Float.MIN_NORMAL)).isEqualTo("-1.1754944E-38");
        assertThat(written(Float.MAX_VALUE)).isEqualTo("3.4028235E38");
        assertThat(written(1e-4f)).isEqualTo("1.0E-4");
    }

    @Test
    void maxLengthIsReachedAndIsTheBound() {
        assertThat(written(-Double.MIN_NORMAL)).hasSize(ShortestDecimal.MAX_LENGTH);
        assertThat(written(-Float.intBitsToFloat(0x03aa242d))).isEqualTo("-1.00000075E-36").hasSize(ShortestDecimal.MAX_FLOAT_LENGTH);
        // and every family below checks that no value is longer
    }

    // ---- doubles against the oracle ----

    @Test
    void randomBitPatternsMatchTheOracle() {
        Check check = Check.doubles();
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 8_000_000; i++) {
            check.one(Double.longBitsToDouble(random.nextLong()));
        }
        check.verify(7_990_000);
    }

    @Test
    void randomGaussiansAndUniformValuesMatchTheOracle() {
        Check check = Check.doubles();
        Random random = new Random(2);
        for (int i = 0; i < 1_000_000; i++) {
            check.one(random.nextGaussian());
            check.one(random.nextDouble());
        }
        // Gaussians scaled over the whole range of magnitudes
        for (int i = 0; i < 300_000; i++) {
            check.both(random.nextGaussian() * Math.pow(10, random.nextInt(617) - 308));
        }
        check.verify(2_590_000);
    }

    @Test
    void decimalsOfFewDigitsMatchTheOracle() {
        Check check = Check.doubles();
        for (int k = 1; k <= 3000; k++) {
            for (int j = 0; j <= 22; j++) {
                check.both(k / Math.pow(10, j)); // k / 10^j as computed, often not the nearest double
                check.both(Double.parseDouble(k + "e-" + j)); // the nearest double to k / 10^j
            }
        }
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 200_000; i++) {
            int digits = 1 + random.nextInt(8);
            long k = random.nextLong((long) Math.pow(10, digits));
            check.both(Double.parseDouble(k + "e" + (random.nextInt(640) - 330)));
        }
        check.verify(500_000);
    }

    @Test
    void powersOfTwoAndTenAndTheirNeighboursMatchTheOracle() {
        Check check = Check.doubles();
        for (int e = -1074; e <= 1023; e++) {
            around(Math.scalb(1.0, e), 3, check::both); // every binary exponent, its regular and irregular spacing
        }
        for (int j = -323; j <= 308; j++) {
            around(Double.parseDouble("1e" + j), 3, check::both);
            around(Double.parseDouble("5e" + j), 1, check::both);
        }
        check.verify(35_000);
    }

    @Test
    void subnormalsAndTheExtremesMatchTheOracle() {
        Check check = Check.doubles();
        for (long t = 1; t <= 100_000; t++) {
            check.both(Double.longBitsToDouble(t)); // the smallest, where fewer than 17 digits suffice
            check.both(Double.longBitsToDouble(0x000f_ffff_ffff_ffffL - t + 1)); // the largest
        }
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < 200_000; i++) {
            check.both(Double.longBitsToDouble(random.nextLong(1, 1L << 52)));
        }
        for (double v : new double[] {Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE}) {
            around(v, 10, check::both);
        }
        check.both(0.0);
        check.verify(800_000);
    }

    @Test
    void valuesAtThePlainAndScientificBoundariesMatchTheOracle() {
        Check check = Check.doubles();
        around(1e-3, 2000, check::both);
        around(1e7, 2000, check::both);
        around(1e7 - 0.5, 100, check::both);
        around(1.0, 100, check::both);
        for (int k = 1; k <= 9999; k++) {
            check.both(k * 1e-7); // 10^-3 and the next-smaller decade, few digits
            check.both(1e7 - k / 1e4);
            check.both(1e7 + k / 1e4);
        }
        check.verify(60_000);
    }

    @Test
    void integralValuesAround2To53MatchTheOracle() {
        Check check = Check.doubles();
        around(0x1p53, 3000, check::both); // integers below, every other integer above
        around(0x1p52, 3000, check::both); // halves below 2^52, integers above
        around(0x1p63, 10, check::both);
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 300_000; i++) {
            check.both((double) random.nextLong(1L << 53)); // every digit count of an integer
            check.both((double) random.nextLong(1 + random.nextInt(1_000_000_000)));
        }
        for (long p = 1; p > 0 && p < Long.MAX_VALUE / 10; p *= 10) {
            around((double) p, 2, check::both);
        }
        check.verify(1_200_000);
    }

    // ---- floats against the oracle ----

    @Test
    void floatRandomBitPatternsAndASweepOfEveryFloatExponentMatchTheOracle() {
        Check check = Check.floats();
        SplittableRandom random = new SplittableRandom(6);
        for (int i = 0; i < 4_000_000; i++) {
            check.one(Float.intBitsToFloat(random.nextInt()));
        }
        for (long bits = 0; bits < 1L << 32; bits += 1021) { // a prime stride: every exponent, many significands
            check.one(Float.intBitsToFloat((int) bits));
        }
        check.verify(8_000_000);
    }

    @Test
    void floatGaussiansUniformValuesAndDecimalsOfFewDigitsMatchTheOracle() {
        Check check = Check.floats();
        Random random = new Random(7);
        for (int i = 0; i < 500_000; i++) {
            check.one((float) random.nextGaussian());
            check.one(random.nextFloat());
        }
        for (int k = 1; k <= 3000; k++) {
            for (int j = 0; j <= 12; j++) {
                check.both(k / (float) Math.pow(10, j));
                check.both(Float.parseFloat(k + "e-" + j));
            }
        }
        check.verify(1_100_000);
    }

    @Test
    void floatPowersSubnormalsExtremesBoundariesAndIntegersAround2To24MatchTheOracle() {
        Check check = Check.floats();
        for (int e = -149; e <= 127; e++) {
            around(Math.scalb(1.0f, e), 3, check);
        }
        for (int j = -45; j <= 38; j++) {
            around(Float.parseFloat("1e" + j), 3, check);
        }
        for (int t = 1; t < 1 << 23; t += 7) { // every seventh subnormal, with the smallest and largest below
            check.both(Float.intBitsToFloat(t));
        }
        for (int t = 1; t <= 10_000; t++) {
            check.both(Float.intBitsToFloat(t));
            check.both(Float.intBitsToFloat((1 << 23) - t));
        }
        for (float v : new float[] {Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, 1e-3f, 1e7f, 1.0f}) {
            around(v, 1000, check);
        }
        around(0x1p24f, 1000, check);
        around(0x1p23f, 1000, check);
        check.verify(2_400_000);
    }

    // ---- the buffer ----

    @Test
    void aBufferThatEndsWhereTheNumberEndsIsEnough() {
        SplittableRandom random = new SplittableRandom(8);
        for (int i = 0; i < 20_000; i++) {
            double v = i % 2 == 0 ? Double.longBitsToDouble(random.nextLong()) : random.nextDouble() * 1e4;
            if (!Double.isFinite(v)) {
                continue;
            }
            String want = oracle(v);
            byte[] tight = new byte[5 + want.length()];
            assertThat(ShortestDecimal.write(v, tight, 5)).isEqualTo(tight.length);
            assertThat(new String(tight, 5, want.length(), StandardCharsets.ISO_8859_1)).isEqualTo(want);
            float f = (float) v;
            if (Float.isFinite(f)) {
                String wantFloat = oracle(f);
                byte[] tightFloat = new byte[wantFloat.length()];
                assertThat(ShortestDecimal.write(f, tightFloat, 0)).isEqualTo(tightFloat.length);
                assertThat(new String(tightFloat, StandardCharsets.ISO_8859_1)).isEqualTo(wantFloat);
            }
        }
    }

    @Test
    void numbersWrittenOneAfterAnotherLeaveTheEarlierOnesIntact() {
        SplittableRandom random = new SplittableRandom(9);
        byte[] out = new byte[100_000 * (ShortestDecimal.MAX_LENGTH + 1)];
        StringBuilder want = new StringBuilder();
        int pos = 0;
        for (int i = 0; i < 100_000; i++) {
            double v = random.nextDouble() < 0.5 ? random.nextDouble() - 0.5 : Math.rint(random.nextDouble() * 1e6);
            if (i > 0) {
                out[pos++] = ',';
                want.append(',');
            }
            pos = ShortestDecimal.write(v, out, pos);
            want.append(oracle(v));
        }
        assertThat(new String(out, 0, pos, StandardCharsets.ISO_8859_1)).isEqualTo(want.toString());
    }

    // ---- the arithmetic behind it ----

    @Test
    void logarithmHelpersAreExactForEveryExponentUsed() {
        for (int e = -1100; e <= 1100; e++) {
            BigDecimal pow2 = e >= 0 ? new BigDecimal(BigInteger.TWO.pow(e)) : BigDecimal.ONE.divide(new BigDecimal(BigInteger.TWO.pow(-e)));
            assertThat(SchubfachTable.floorLog10Pow2(e)).as("floor(log10(2^%d))", e).isEqualTo(floorLog10(pow2));
            assertThat(SchubfachTable.floorLog10ThreeQuartersPow2(e)).as("floor(log10(3/4 2^%d))", e)
                    .isEqualTo(floorLog10(pow2.multiply(new BigDecimal("0.75"))));
        }
        for (int e = -330; e <= 330; e++) {
            BigDecimal pow10 = BigDecimal.ONE.scaleByPowerOfTen(e);
            int k = SchubfachTable.floorLog2Pow10(e);
            assertThat(twoTo(k).compareTo(pow10) <= 0 && twoTo(k + 1).compareTo(pow10) > 0)
                    .as("floor(log2(10^%d)) = %d", e, k).isTrue();
        }
    }

    @Test
    void scaledPowersOfTenAreTheCeilingOfTheirDefinition() {
        for (int k = -324; k <= 292; k++) {
            // g - 1 <= 10^-k / 2^r < g with r = floor(log2(10^-k)) - 125
            BigInteger g = SchubfachTable.g(k);
            BigDecimal scaled = BigDecimal.ONE.scaleByPowerOfTen(-k)
                    .multiply(twoTo(125 - SchubfachTable.floorLog2Pow10(-k)));
            assertThat(new BigDecimal(g.subtract(BigInteger.ONE)).compareTo(scaled)).as("k = %d", k).isLessThanOrEqualTo(0);
            assertThat(new BigDecimal(g).compareTo(scaled)).as("k = %d", k).isGreaterThan(0);
            assertThat(g.bitLength()).isEqualTo(126);
        }
    }

    private static BigDecimal twoTo(int e) {
        return e >= 0 ? new BigDecimal(BigInteger.TWO.pow(e)) : BigDecimal.ONE.divide(new BigDecimal(BigInteger.TWO.pow(-e)));
    }

    /** floor(log10(x)) for x > 0, exactly. */
    private static int floorLog10(BigDecimal x) {
        return x.precision() - x.scale() - 1; // x = unscaled 10^-scale, the unscaled value of precision digits
    }
}
