package dev.convolution.core.kernel;

/**
 * OpenCV's {@code cv::getGaussianKernel(size, sigma, CV_64F)} (OpenCV 4, {@code modules/imgproc/src/smooth.dispatch.cpp}),
 * value for value. OpenCV computes it "bit-exact" in its software floating point ({@code softdouble}: IEEE 754 double
 * operations rounded to nearest, as Java's are), so the same operations in the same order give the same bits:
 * <ul>
 * <li>{@code sigma <= 0} and {@code size} 1, 3, 5, 7 or 9: its fixed binomial tables ({@code [1,4,6,4,1]/16} for 5,
 * {@code [4,13,30,51,60,51,30,13,4]/256} for 9);</li>
 * <li>otherwise {@code s = sigma > 0 ? sigma : fma(size, 0.15, 0.35)} (that is {@code 0.3*((size-1)*0.5-1)+0.8}),
 * {@code t_i = exp(x*x * (-0.125 / (s*s)))} with {@code x = 2i - (size-1)} (so the exponent is {@code -d^2/(2s^2)} at
 * the offset {@code d = x/2} from the centre) for the left half, {@code sum = 2*(t_0 + ... ) + 1},
 * {@code m = 1/sum}, the values {@code t_i * m}, mirrored, and {@code m} in the middle.</li>
 * </ul>
 * The exponential is OpenCV's own ({@code f64_exp} in {@code modules/core/src/softfloat.cpp}), not the C library's:
 * {@code 2^(x/ln 2)} split into a power of two, an entry of a table of {@code 2^(k/64)} and a polynomial of degree 5;
 * {@link #exp} follows it operation by operation.
 */
final class Gaussian {
    /** {@code 2^(k/64)}, k = 0..63, each rounded to the nearest double (OpenCV's {@code expTab}). */
    private static final long[] TWO_TO_K_OVER_64 = {
            0x3ff0000000000000L, 0x3ff02c9a3e778061L, 0x3ff059b0d3158574L, 0x3ff0874518759bc8L,
            0x3ff0b5586cf9890fL, 0x3ff0e3ec32d3d1a2L, 0x3ff11301d0125b51L, 0x3ff1429aaea92de0L,
            0x3ff172b83c7d517bL, 0x3ff1a35beb6fcb75L, 0x3ff1d4873168b9aaL, 0x3ff2063b88628cd6L,
            0x3ff2387a6e756238L, 0x3ff26b4565e27cddL, 0x3ff29e9df51fdee1L, 0x3ff2d285a6e4030bL,
            0x3ff306fe0a31b715L, 0x3ff33c08b26416ffL, 0x3ff371a7373aa9cbL, 0x3ff3a7db34e59ff7L,
            0x3ff3dea64c123422L, 0x3ff4160a21f72e2aL, 0x3ff44e086061892dL, 0x3ff486a2b5c13cd0L,
            0x3ff4bfdad5362a27L, 0x3ff4f9b2769d2ca7L, 0x3ff5342b569d4f82L, 0x3ff56f4736b527daL,
            0x3ff5ab07dd485429L, 0x3ff5e76f15ad2148L, 0x3ff6247eb03a5585L, 0x3ff6623882552225L,
            0x3ff6a09e667f3bcdL, 0x3ff6dfb23c651a2fL, 0x3ff71f75e8ec5f74L, 0x3ff75feb564267c9L,
            0x3ff7a11473eb0187L, 0x3ff7e2f336cf4e62L, 0x3ff82589994cce13L, 0x3ff868d99b4492edL,
            0x3ff8ace5422aa0dbL, 0x3ff8f1ae99157736L, 0x3ff93737b0cdc5e5L, 0x3ff97d829fde4e50L,
            0x3ff9c49182a3f090L, 0x3ffa0c667b5de565L, 0x3ffa5503b23e255dL, 0x3ffa9e6b5579fdbfL,
            0x3ffae89f995ad3adL, 0x3ffb33a2b84f15fbL, 0x3ffb7f76f2fb5e47L, 0x3ffbcc1e904bc1d2L,
            0x3ffc199bdd85529cL, 0x3ffc67f12e57d14bL, 0x3ffcb720dcef9069L, 0x3ffd072d4a07897cL,
            0x3ffd5818dcfba487L, 0x3ffda9e603db3285L, 0x3ffdfc97337b9b5fL, 0x3ffe502ee78b3ff6L,
            0x3ffea4afa2a490daL, 0x3ffefa1bee615a27L, 0x3fff50765b6e4540L, 0x3fffa7c1819e90d8L,
    };
    private static final int TABLE_BITS = 6;
    private static final int TABLE_MASK = (1 << TABLE_BITS) - 1;

    /** OpenCV's constants for its exponential, by their bits: the scale of the table, 1/ln 2, the polynomial's. */
    private static final double TABLE_SCALE = Double.longBitsToDouble(0x3f83ce0f3e46f431L);
    private static final double PRESCALE = Double.longBitsToDouble(0x3ff71547652b82feL) * (1 << TABLE_BITS);
    private static final double POSTSCALE = 1.0 / (1 << TABLE_BITS);
    private static final double CLAMP = 3000.0 * (1 << TABLE_BITS);
    private static final double P5 = 1.0 / TABLE_SCALE;
    private static final double P4 = Double.longBitsToDouble(0x3fe62e42fefa39f1L) / TABLE_SCALE;
    private static final double P3 = Double.longBitsToDouble(0x3fcebfbdff82a45aL) / TABLE_SCALE;
    private static final double P2 = Double.longBitsToDouble(0x3fac6b08d81fec75L) / TABLE_SCALE;
    private static final double P1 = Double.longBitsToDouble(0x3f83b2a72b4f3cd3L) / TABLE_SCALE;
    private static final double P0 = Double.longBitsToDouble(0x3f55e7aa1566c2a4L) / TABLE_SCALE;

    /** OpenCV's tables for {@code sigma <= 0}, sizes 1, 3, 5, 7 and 9 (index size / 2), in 256ths. */
    private static final int[][] BINOMIAL_256THS = {
            {256},
            {64, 128, 64},
            {16, 64, 96, 64, 16},
            {8, 28, 56, 72, 56, 28, 8},
            {4, 13, 30, 51, 60, 51, 30, 13, 4},
    };

    private Gaussian() {
    }

    /**
     * {@code cv2.getGaussianKernel(size, sigma)} as a vector.
     *
     * @param size odd, at least 1 (OpenCV's formula for even sizes is not offered)
     * @param sigma finite; 0 or less lets OpenCV choose it from the size
     */
    static double[] vector(int size, double sigma) {
        if (size < 1 || size % 2 == 0 || size > 46_341 || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("size " + size + ", sigma " + sigma);
        }
        if (sigma <= 0 && size <= 9) {
            int[] table = BINOMIAL_256THS[size / 2];
            double[] g = new double[size];
            for (int i = 0; i < size; i++) {
                g[i] = table[i] / 256.0; // exact: these are OpenCV's values
            }
            return g;
        }
        double s = sigma > 0 ? sigma : Math.fma(size, 0.15, 0.35);
        double scale = -0.125 / (s * s);
        int half = (size - 1) / 2;
        double[] t = new double[half];
        double sum = 0;
        for (int i = 0, x = 1 - size; i < half; i++, x += 2) {
            t[i] = exp((x * x) * scale);
            sum += t[i];
        }
        sum *= 2;
        sum += 1; // the middle: exp(0)
        double m = 1 / sum;
        double[] g = new double[size];
        for (int i = 0; i < half; i++) {
            g[i] = t[i] * m;
            g[size - 1 - i] = g[i];
        }
        g[half] = m;
        return g;
    }

    /**
     * OpenCV's {@code exp} of a {@code softdouble}: with {@code y = x * 64/ln 2} (clamped to {@code ±192000} when
     * {@code |x| >= 2048}) and {@code n = rint(y)}, it is {@code 2^(n >> 6)} (0 below the normal range, infinite
     * above), times the table's scale, times {@code 2^((n & 63)/64)}, times a polynomial in {@code (y - n)/64}; every
     * operation rounded as written, left to right.
     */
    static double exp(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? x : 0.0;
        }
        double y = Math.getExponent(x) > 10 ? (x < 0 ? -CLAMP : CLAMP) : x * PRESCALE;
        int n = (int) Math.rint(y);
        int biased = Math.max(0, Math.min(2047, (n >> TABLE_BITS) + 1023));
        double power = Double.longBitsToDouble((long) biased << 52);
        double r = (y - Math.rint(y)) * POSTSCALE;
        double poly = ((((P0 * r + P1) * r + P2) * r + P3) * r + P4) * r + P5;
        return power * TABLE_SCALE * Double.longBitsToDouble(TWO_TO_K_OVER_64[n & TABLE_MASK]) * poly;
    }

    /** The table of {@code 2^(k/64)}, for a test that checks every entry against its definition. */
    static double twoToKOver64(int k) {
        return Double.longBitsToDouble(TWO_TO_K_OVER_64[k]);
    }
}
