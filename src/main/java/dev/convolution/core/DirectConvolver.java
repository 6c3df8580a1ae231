package dev.convolution.core;

import java.math.BigInteger;

/**
 * The sum of products, term by term, over the padded input: {@code y1[o] = Σ_t g[t]·xp[o + t·d]}
 * taken at the origins the {@link AxisPlan} gives. Integer data whose sums could leave the range
 * where doubles are exact (±2^53) are summed exactly in 128-bit (or arbitrary) integers.
 */
public final class DirectConvolver {
    private static final double EXACT_LIMIT = 0x1p53;

    /** Computes the output of a plan. */
    public double[] convolve(Plan plan, Grid x, Grid h) {
        boolean integers = x.allIntegers() && h.allIntegers() && Padder.paddingIsInteger(plan);
        double[] g = AppliedKernel.of(plan, h);
        return convolve(plan, Padder.pad(plan, x), g, integers, separableFactors(plan, g, integers), Deadline.none());
    }

    /**
     * Computes the output from the padded input and the applied kernel.
     *
     * @param integers true when every value met (padding included) is an integer
     * @param factors the {@link #separableFactors separable factors} of the kernel, or null
     */
    double[] convolve(Plan plan, double[] xp, double[] g, boolean integers, double[][] factors, Deadline deadline) {
        if (integers && sumsMayLeaveExactRange(xp, g)) {
            return exact(plan, xp, g, deadline);
        }
        return factors != null ? separable(plan, xp, factors[0], factors[1], deadline) : floating(plan, xp, g, deadline);
    }

    /** True when some product or partial sum may exceed 2^53 in magnitude, where doubles stop being exact. */
    static boolean sumsMayLeaveExactRange(double[] xp, double[] g) {
        double maxX = 0;
        for (double v : xp) {
            maxX = Math.max(maxX, Math.abs(v));
        }
        double sumG = 0;
        for (double v : g) {
            sumG += Math.abs(v);
        }
        // every product and partial sum is bounded by maxX·Σ|g|; the margin covers the rounding of the bound
        return maxX * sumG * (1 + 0x1p-40) >= EXACT_LIMIT;
    }

    /** Outputs per block: the accumulators of a block stay in the L1 cache while every tap passes over them. */
    private static final int BLOCK = 2048;

    /**
     * Blocked accumulation: the outputs are cut into blocks (a row of a 2D output, or up to
     * {@link #BLOCK} consecutive outputs), spread over the shared pool when the job is large. Within
     * a block every tap adds {@code g·xp[…]} to contiguous accumulators, four taps per pass so each
     * accumulator is loaded and stored once per four multiply-adds; the JIT vectorises these loops.
     */
    private static double[] floating(Plan plan, double[] xp, double[] g, Deadline deadline) {
        AxisPlan rows = plan.rows();
        AxisPlan cols = plan.cols();
        int countC = cols.count();
        int blocksPerRow = (countC + BLOCK - 1) / BLOCK;
        double[] y = new double[plan.outputSize()];
        long work = (long) plan.outputSize() * plan.kernelSize();
        Parallel.forEach(rows.count() * blocksPerRow, work, b -> {
            deadline.check();
            int ur = b / blocksPerRow;
            int u0 = (b % blocksPerRow) * BLOCK;
            int u1 = Math.min(countC, u0 + BLOCK);
            if (!cols.reversed() && cols.stride() == 1) {
                // sum straight into the output row: no accumulator copy
                accumulate(plan, xp, g, ur, u0, y, rows.outputOfAscending(ur) * countC + u0, u1 - u0, deadline);
                return;
            }
            double[] acc = new double[u1 - u0];
            accumulate(plan, xp, g, ur, u0, acc, 0, acc.length, deadline);
            store(plan, y, ur, u0, acc);
        });
        return y;
    }

    /**
     * Sums every tap's contribution into the outputs u0 … u0+acc.length−1 of ascending output row ur.
     * With stride 1 the taps of both axes are taken as one list of (offset, value) pairs and summed
     * up to eight per pass: the first pass sets the accumulators, later passes add to them, so each
     * accumulator is stored once per eight multiply-adds. The first pass starts from {@code 0.0 +}
     * so an all-zero sum is +0, as when adding to zeroed accumulators.
     */
    private static void accumulate(Plan plan, double[] xp, double[] g, int ur, int u0, double[] acc, int a0, int n,
            Deadline deadline) {
        AxisPlan rows = plan.rows();
        AxisPlan cols = plan.cols();
        int width = cols.paddedLength();
        int sc = cols.stride();
        int kc = cols.taps();
        int dc = cols.dilation();
        int originR = rows.firstOrigin() + ur * rows.stride();
        int base = originR * width + cols.firstOrigin() + u0 * sc;
        if (sc != 1) {
            for (int tr = 0; tr < rows.taps(); tr++) {
                for (int tc = 0; tc < kc; tc++) {
                    double gv = g[tr * kc + tc];
                    int b = base + tr * rows.dilation() * width + tc * dc;
                    for (int u = 0; u < n; u++) {
                        acc[a0 + u] += gv * xp[b + u * sc];
                    }
                }
            }
            return;
        }
        int taps = g.length;
        int j = 0;
        boolean first = true;
        while (j < taps) {
            int left = taps - j;
            if (left >= 8) {
                pass8(acc, a0, xp, g, j, base, kc, dc, rows.dilation() * width, n, first);
                j += 8;
            } else if (left >= 4) {
                pass4(acc, a0, xp, g, j, base, kc, dc, rows.dilation() * width, n, first);
                j += 4;
            } else {
                pass1(acc, a0, xp, g[j], base + offset(j, kc, dc, rows.dilation() * width), n, first);
                j += 1;
            }
            first = false;
            if ((j & 127) == 0) {
                deadline.check(); // a 1D block can meet thousands of taps
            }
        }
    }

    /** The offset in the padded input of flattened tap j from the first tap. */
    private static int offset(int j, int kc, int dc, int rowStep) {
        return (j / kc) * rowStep + (j % kc) * dc;
    }

    private static void pass8(double[] acc, int a0, double[] xp, double[] g, int j, int base, int kc, int dc, int rowStep, int n,
            boolean first) {
        int o0 = base + offset(j, kc, dc, rowStep);
        int o1 = base + offset(j + 1, kc, dc, rowStep);
        int o2 = base + offset(j + 2, kc, dc, rowStep);
        int o3 = base + offset(j + 3, kc, dc, rowStep);
        int o4 = base + offset(j + 4, kc, dc, rowStep);
        int o5 = base + offset(j + 5, kc, dc, rowStep);
        int o6 = base + offset(j + 6, kc, dc, rowStep);
        int o7 = base + offset(j + 7, kc, dc, rowStep);
        double g0 = g[j];
        double g1 = g[j + 1];
        double g2 = g[j + 2];
        double g3 = g[j + 3];
        double g4 = g[j + 4];
        double g5 = g[j + 5];
        double g6 = g[j + 6];
        double g7 = g[j + 7];
        if (first) {
            for (int u = 0; u < n; u++) {
                acc[a0 + u] = 0.0 + g0 * xp[o0 + u] + g1 * xp[o1 + u] + g2 * xp[o2 + u] + g3 * xp[o3 + u]
                        + g4 * xp[o4 + u] + g5 * xp[o5 + u] + g6 * xp[o6 + u] + g7 * xp[o7 + u];
            }
        } else {
            for (int u = 0; u < n; u++) {
                acc[a0 + u] += g0 * xp[o0 + u] + g1 * xp[o1 + u] + g2 * xp[o2 + u] + g3 * xp[o3 + u]
                        + g4 * xp[o4 + u] + g5 * xp[o5 + u] + g6 * xp[o6 + u] + g7 * xp[o7 + u];
            }
        }
    }

    private static void pass4(double[] acc, int a0, double[] xp, double[] g, int j, int base, int kc, int dc, int rowStep, int n,
            boolean first) {
        int o0 = base + offset(j, kc, dc, rowStep);
        int o1 = base + offset(j + 1, kc, dc, rowStep);
        int o2 = base + offset(j + 2, kc, dc, rowStep);
        int o3 = base + offset(j + 3, kc, dc, rowStep);
        double g0 = g[j];
        double g1 = g[j + 1];
        double g2 = g[j + 2];
        double g3 = g[j + 3];
        if (first) {
            for (int u = 0; u < n; u++) {
                acc[a0 + u] = 0.0 + g0 * xp[o0 + u] + g1 * xp[o1 + u] + g2 * xp[o2 + u] + g3 * xp[o3 + u];
            }
        } else {
            for (int u = 0; u < n; u++) {
                acc[a0 + u] += g0 * xp[o0 + u] + g1 * xp[o1 + u] + g2 * xp[o2 + u] + g3 * xp[o3 + u];
            }
        }
    }

    private static void pass1(double[] acc, int a0, double[] xp, double g0, int o0, int n, boolean first) {
        if (first) {
            for (int u = 0; u < n; u++) {
                acc[a0 + u] = 0.0 + g0 * xp[o0 + u];
            }
        } else {
            for (int u = 0; u < n; u++) {
                acc[a0 + u] += g0 * xp[o0 + u];
            }
        }
    }

    /**
     * The factors {u, v} of a kernel that is exactly an outer product, {@code g[r][c] = u[r]·v[c]} for
     * every tap (checked in double arithmetic, so the two passes multiply by the same numbers), or null.
     */
    static double[][] rankOne(double[] g, int kr, int kc) {
        int pivot = 0;
        for (int i = 1; i < g.length; i++) {
            if (Math.abs(g[i]) > Math.abs(g[pivot])) {
                pivot = i;
            }
        }
        double p = g[pivot];
        if (p == 0) {
            return null;
        }
        int pr = pivot / kc;
        int pc = pivot % kc;
        double[] v = new double[kc];
        System.arraycopy(g, pr * kc, v, 0, kc);
        double[] u = new double[kr];
        for (int r = 0; r < kr; r++) {
            u[r] = g[r * kc + pc] / p;
        }
        for (int r = 0; r < kr; r++) {
            for (int c = 0; c < kc; c++) {
                if (u[r] * v[c] != g[r * kc + c]) {
                    return null;
                }
            }
        }
        return new double[][] {u, v};
    }

    /**
     * The factors {u, v} with which a 2D kernel runs as two 1D passes, or null when it is not exactly
     * rank one, or when integer data would meet a non-integer factor (integer data stay exact only if
     * both passes multiply by integers).
     */
    static double[][] separableFactors(Plan plan, double[] g, boolean integers) {
        int kr = plan.rows().taps();
        int kc = plan.cols().taps();
        if (kr < 2 || kc < 2) {
            return null;
        }
        double[][] factors = rankOne(g, kr, kc);
        return factors == null || (integers && !(integral(factors[0]) && integral(factors[1]))) ? null : factors;
    }

    private static boolean integral(double[] values) {
        for (double v : values) {
            if (v != Math.rint(v)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A rank-one kernel as two 1D passes (OpenCV's sepFilter2D idea): first every padded row that an
     * output meets is filtered along the columns with v, then the rows of that intermediate are
     * combined with u. {@code K_r + K_c} multiply-adds per output instead of {@code K_r·K_c}.
     */
    private static double[] separable(Plan plan, double[] xp, double[] u, double[] v, Deadline deadline) {
        AxisPlan rows = plan.rows();
        AxisPlan cols = plan.cols();
        int width = cols.paddedLength();
        int countC = cols.count();
        int sc = cols.stride();
        int dc = cols.dilation();
        int firstRow = rows.firstOrigin();
        int lastRow = rows.firstOrigin() + (rows.count() - 1) * rows.stride() + (rows.taps() - 1) * rows.dilation();
        int needed = lastRow - firstRow + 1;
        double[] tmp = new double[needed * countC];
        long work = (long) needed * countC * v.length + (long) plan.outputSize() * u.length;
        Parallel.forEach(needed, work, q -> {
            deadline.check();
            int base = (firstRow + q) * width + cols.firstOrigin();
            int out = q * countC;
            for (int tc = 0; tc < v.length; tc++) {
                double gv = v[tc];
                int b = base + tc * dc;
                if (sc == 1) {
                    for (int uc = 0; uc < countC; uc++) {
                        tmp[out + uc] += gv * xp[b + uc];
                    }
                } else {
                    for (int uc = 0; uc < countC; uc++) {
                        tmp[out + uc] += gv * xp[b + uc * sc];
                    }
                }
            }
        });
        double[] y = new double[plan.outputSize()];
        Parallel.forEach(rows.count(), work, ur -> {
            deadline.check();
            double[] acc = new double[countC];
            int q0 = ur * rows.stride();
            for (int tr = 0; tr < u.length; tr++) {
                double gu = u[tr];
                int b = (q0 + tr * rows.dilation()) * countC;
                for (int uc = 0; uc < countC; uc++) {
                    acc[uc] += gu * tmp[b + uc];
                }
            }
            store(plan, y, ur, 0, acc);
        });
        return y;
    }

    /** Writes accumulators for ascending outputs u0… of ascending row ur to their places in the output. */
    private static void store(Plan plan, double[] y, int ur, int u0, double[] acc) {
        AxisPlan rows = plan.rows();
        AxisPlan cols = plan.cols();
        int countC = cols.count();
        int base = rows.outputOfAscending(ur) * countC;
        if (!cols.reversed()) {
            System.arraycopy(acc, 0, y, base + u0, acc.length);
        } else {
            for (int u = 0; u < acc.length; u++) {
                y[base + countC - 1 - (u0 + u)] = acc[u];
            }
        }
    }

    /** Exact integer sums: 128-bit accumulators, arbitrary precision when even those could overflow. */
    private static double[] exact(Plan plan, double[] xp, double[] g, Deadline deadline) {
        AxisPlan rows = plan.rows();
        AxisPlan cols = plan.cols();
        int width = cols.paddedLength();
        int kc = cols.taps();
        double[] y = new double[plan.outputSize()];
        double[] acc = new double[cols.count()];
        boolean fitsInLong = fitsInLong(xp) && fitsInLong(g);
        for (int ur = 0; ur < rows.count(); ur++) {
            int originR = rows.firstOrigin() + ur * rows.stride();
            for (int uc = 0; uc < cols.count(); uc++) {
                if ((uc & 1023) == 0) {
                    deadline.check();
                }
                int originC = cols.firstOrigin() + uc * cols.stride();
                acc[uc] = fitsInLong ? sum128(xp, g, originR, originC, rows, cols, width, kc)
                        : sumBig(xp, g, originR, originC, rows, cols, width, kc).doubleValue();
            }
            store(plan, y, ur, 0, acc);
        }
        return y;
    }

    private static boolean fitsInLong(double[] values) {
        for (double v : values) {
            if (Math.abs(v) >= 0x1p62) {
                return false;
            }
        }
        return true;
    }

    private static double sum128(double[] xp, double[] g, int originR, int originC, AxisPlan rows, AxisPlan cols,
            int width, int kc) {
        long hi = 0;
        long lo = 0;
        for (int tr = 0; tr < rows.taps(); tr++) {
            int rowBase = (originR + tr * rows.dilation()) * width + originC;
            for (int tc = 0; tc < kc; tc++) {
                long a = (long) g[tr * kc + tc];
                long b = (long) xp[rowBase + tc * cols.dilation()];
                long pLo = a * b;
                long pHi = Math.multiplyHigh(a, b);
                long newLo = lo + pLo;
                long carry = Long.compareUnsigned(newLo, lo) < 0 ? 1 : 0;
                lo = newLo;
                try {
                    hi = Math.addExact(Math.addExact(hi, pHi), carry);
                } catch (ArithmeticException overflow) {
                    // the signed 128-bit sum could overflow: arbitrary precision for this output
                    return sumBig(xp, g, originR, originC, rows, cols, width, kc).doubleValue();
                }
            }
        }
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
            return (double) lo;
        }
        return BigInteger.valueOf(hi).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(lo))).doubleValue();
    }

    private static BigInteger sumBig(double[] xp, double[] g, int originR, int originC, AxisPlan rows, AxisPlan cols,
            int width, int kc) {
        BigInteger sum = BigInteger.ZERO;
        for (int tr = 0; tr < rows.taps(); tr++) {
            int rowBase = (originR + tr * rows.dilation()) * width + originC;
            for (int tc = 0; tc < kc; tc++) {
                double a = g[tr * kc + tc];
                double b = xp[rowBase + tc * cols.dilation()];
                if (a != 0 && b != 0) {
                    sum = sum.add(new java.math.BigDecimal(a).toBigIntegerExact()
                            .multiply(new java.math.BigDecimal(b).toBigIntegerExact()));
                }
            }
        }
        return sum;
    }
}
