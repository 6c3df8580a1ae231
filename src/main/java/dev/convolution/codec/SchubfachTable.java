package dev.convolution.codec;

import java.math.BigInteger;

/**
 * The tables of {@link ShortestDecimal}'s Schubfach (Giulietti, "The Schubfach way to render doubles"): the scaled
 * powers of ten g(k) for doubles and floats, computed exactly with BigInteger at class initialisation, and the integer
 * logarithms that index them.
 */
final class SchubfachTable {
    static final int DOUBLE_K_MIN = -324;
    static final int DOUBLE_K_MAX = 292;
    static final int FLOAT_K_MIN = -45;
    static final int FLOAT_K_MAX = 31;
    private static final long LOW_63 = (1L << 63) - 1;

    /*
     * The scaled powers of ten, two longs a k (high, low) for DOUBLE_K_MIN <= k <= DOUBLE_K_MAX. Write 10^-k = beta 2^r
     * with r = floor(log2(10^-k)) - 125, so that 2^125 <= beta < 2^126; then g = floor(beta) + 1 (126 bits, an
     * overestimate of beta by at most 1), stored as its top 63 bits g >> 63 and its low 63 bits, as in the paper. The
     * table is computed at class initialisation with BigInteger, exactly (617 rows, a few milliseconds once).
     */
    static final long[] G = doubleTable();

    /* For floats, one long a k, FLOAT_K_MIN <= k <= FLOAT_K_MAX: (g >> 63) + 1, the 63 top bits of g rounded up. */
    static final long[] G32 = floatTable();

    private SchubfachTable() {
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

    /*
     * g(k) = floor(10^-k / 2^r) + 1 with r = floor(log2(10^-k)) - 125, for every k, without a big division: for k <= 0,
     * 10^-k is an integer (each the previous times 10) shifted by -r; for k > 0, floor(2^N / 10^k) is the previous one
     * divided by 10 (a floor of a floor is the floor), then shifted right by N + r, with N = 1100 above -r for every k.
     */
    private static long[] doubleTable() {
        long[] g = new long[2 * (DOUBLE_K_MAX - DOUBLE_K_MIN + 1)];
        BigInteger tenToMinusK = BigInteger.ONE;
        for (int k = 0; k >= DOUBLE_K_MIN; k--) {
            row(g, k, tenToMinusK.shiftLeft(125 - floorLog2Pow10(-k))); // shiftLeft by a negative count: floor of >>
            tenToMinusK = tenToMinusK.multiply(BigInteger.TEN);
        }
        int n = 1100;
        BigInteger twoToNOverTenToK = BigInteger.ONE.shiftLeft(n);
        for (int k = 1; k <= DOUBLE_K_MAX; k++) {
            twoToNOverTenToK = twoToNOverTenToK.divide(BigInteger.TEN);
            row(g, k, twoToNOverTenToK.shiftRight(n + floorLog2Pow10(-k) - 125));
        }
        return g;
    }

    /* Stores g = floor(beta) + 1 as row k, checking that it has its 126 bits. */
    private static void row(long[] g, int k, BigInteger floorBeta) {
        BigInteger gk = floorBeta.add(BigInteger.ONE);
        if (gk.bitLength() != 126) {
            throw new IllegalStateException("g(" + k + ") has " + gk.bitLength() + " bits");
        }
        int row = (k - DOUBLE_K_MIN) << 1;
        g[row] = gk.shiftRight(63).longValueExact();
        g[row + 1] = gk.longValue() & LOW_63;
    }

    private static long[] floatTable() {
        long[] g = new long[FLOAT_K_MAX - FLOAT_K_MIN + 1];
        for (int k = FLOAT_K_MIN; k <= FLOAT_K_MAX; k++) {
            g[k - FLOAT_K_MIN] = G[(k - DOUBLE_K_MIN) << 1] + 1;
        }
        return g;
    }

    /* Row k of the table, g, for the test. */
    static BigInteger g(int k) {
        int row = (k - DOUBLE_K_MIN) << 1;
        return BigInteger.valueOf(G[row]).shiftLeft(63).or(BigInteger.valueOf(G[row + 1]));
    }
}
