package dev.convolution.core.direct;

import dev.convolution.core.AxisPlan;
import dev.convolution.core.Deadline;
import dev.convolution.core.Plan;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Exact integer sums for integer data whose sums could leave the range where doubles are exact:
 * 128-bit accumulators, arbitrary precision where even those could overflow. Each result is the
 * exact sum rounded once to the nearest double.
 */
final class ExactSums {
    private ExactSums() {
    }

    static double[] compute(Plan plan, double[] xp, double[] g, Deadline deadline) {
        AxisPlan[] axes = plan.nonUnitAxes().toArray(new AxisPlan[0]);
        int r = axes.length;
        int[] padStride = new int[r];
        int[] outStride = new int[r];
        for (int a = r - 1, s = 1, o = 1; a >= 0; a--) {
            padStride[a] = s;
            outStride[a] = o;
            s *= axes[a].paddedLength();
            o *= axes[a].count();
        }
        // every tap's offset in the padded input from an output's first tap
        int[] off = new int[g.length];
        int[] t = new int[r];
        for (int k = 0; k < g.length; k++) {
            int o = 0;
            for (int a = 0; a < r; a++) {
                o += axes[a].tapOffset(t[a]) * padStride[a];
            }
            off[k] = o;
            step(t, axes, true);
        }
        boolean fitsInLong = fitsInLong(xp) && fitsInLong(g);
        double[] y = new double[plan.outputSize()];
        int[] u = new int[r];
        for (int i = 0; i < y.length; i++) {
            if ((i & 1023) == 0) {
                deadline.check();
            }
            int origin = 0;
            int out = 0;
            for (int a = 0; a < r; a++) {
                origin += axes[a].paddedPosition(axes[a].outputOfAscending(u[a]), 0) * padStride[a];
                out += axes[a].outputOfAscending(u[a]) * outStride[a];
            }
            y[out] = fitsInLong ? sum128(xp, g, origin, off) : sumBig(xp, g, origin, off).doubleValue();
            step(u, axes, false);
        }
        return y;
    }

    /** Advances an odometer over taps (or ascending outputs) in row-major order. */
    private static void step(int[] i, AxisPlan[] axes, boolean taps) {
        for (int a = i.length - 1; a >= 0; a--) {
            if (++i[a] < (taps ? axes[a].taps() : axes[a].count())) {
                return;
            }
            i[a] = 0;
        }
    }

    private static boolean fitsInLong(double[] values) {
        for (double v : values) {
            if (Math.abs(v) >= 0x1p62) {
                return false;
            }
        }
        return true;
    }

    private static double sum128(double[] xp, double[] g, int origin, int[] off) {
        long hi = 0;
        long lo = 0;
        for (int k = 0; k < g.length; k++) {
            long a = (long) g[k];
            long b = (long) xp[origin + off[k]];
            long pLo = a * b;
            long pHi = Math.multiplyHigh(a, b);
            long newLo = lo + pLo;
            long carry = Long.compareUnsigned(newLo, lo) < 0 ? 1 : 0;
            lo = newLo;
            try {
                hi = Math.addExact(Math.addExact(hi, pHi), carry);
            } catch (ArithmeticException overflow) {
                // the signed 128-bit sum could overflow: arbitrary precision for this output
                return sumBig(xp, g, origin, off).doubleValue();
            }
        }
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
            return (double) lo;
        }
        return BigInteger.valueOf(hi).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(lo))).doubleValue();
    }

    private static BigInteger sumBig(double[] xp, double[] g, int origin, int[] off) {
        BigInteger sum = BigInteger.ZERO;
        for (int k = 0; k < g.length; k++) {
            double a = g[k];
            double b = xp[origin + off[k]];
            if (a != 0 && b != 0) {
                sum = sum.add(new BigDecimal(a).toBigIntegerExact().multiply(new BigDecimal(b).toBigIntegerExact()));
            }
        }
        return sum;
    }
}
