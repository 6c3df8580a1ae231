package dev.convolution.core.direct;

import dev.convolution.core.AxisPlan;
import dev.convolution.core.Deadline;
import dev.convolution.core.Plan;
import dev.convolution.core.parallel.Parallel;
import java.util.List;

/**
 * A rank-one kernel (an outer product of one vector per axis: box, Gaussian) as one 1D pass per axis
 * (OpenCV's sepFilter2D idea): the padded input is filtered along the last axis with its vector,
 * then the result along the axis before, and so on. {@code Σ K_a} multiply-adds per output instead
 * of {@code Π K_a}. Each pass keeps only the positions the outputs need, so after the last pass the
 * outputs are in ascending order on every axis (reversed at the end for mirrored correlation).
 */
final class SeparablePasses {
    private SeparablePasses() {
    }

    /** See {@link DirectConvolver#separableFactors}: one factor per axis of {@link Plan#nonUnitAxes()}. */
    static double[][] factors(Plan plan, double[] g, boolean integers) {
        List<AxisPlan> axes = plan.nonUnitAxes();
        int[] taps = new int[axes.size()];
        int longAxes = 0;
        for (int a = 0; a < taps.length; a++) {
            taps[a] = axes.get(a).taps();
            longAxes += taps[a] >= 2 ? 1 : 0;
        }
        if (longAxes < 2) {
            return null; // one long axis at most: the tiled loop is already a 1D filter
        }
        double[][] f = rankOne(g, taps);
        return f == null || (integers && !integral(f)) ? null : f;
    }

    /**
     * The factors as floats for the float32 passes, or null where the passes' rounding could leave the contract's
     * float32 bound: each output then carries at most {@code Σ K_a + 2·axes} roundings of float (a product and an
     * addition per tap, a factor's rounding per axis), at most 160 of them ({@code γ < 1e-5}).
     */
    static float[][] floatFactors(double[][] factors) {
        if (factors == null) {
            return null;
        }
        int roundings = 0;
        float[][] f = new float[factors.length][];
        for (int a = 0; a < factors.length; a++) {
            roundings += factors[a].length + 2;
            f[a] = new float[factors[a].length];
            for (int t = 0; t < f[a].length; t++) {
                f[a][t] = (float) factors[a][t];
            }
        }
        return roundings <= 160 ? f : null;
    }

    private static boolean integral(double[][] factors) {
        for (double[] v : factors) {
            for (double e : v) {
                if (e != Math.rint(e)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The factors {@code v_a} of a kernel that is exactly an outer product, {@code g[i] = v_0[i_0]·…·v_last[i_last]}
     * for every tap (checked in double arithmetic, so the passes multiply by the same numbers), or null.
     */
    static double[][] rankOne(double[] g, int[] taps) {
        int rank = taps.length;
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
        int[] strides = new int[rank];
        int[] at = new int[rank];
        for (int a = rank - 1, s = 1, q = pivot; a >= 0; a--) {
            strides[a] = s;
            s *= taps[a];
            at[a] = q % taps[a];
            q /= taps[a];
        }
        double[][] v = new double[rank][];
        for (int a = 0; a < rank; a++) {
            v[a] = new double[taps[a]];
            int base = pivot - at[a] * strides[a];
            for (int t = 0; t < taps[a]; t++) {
                // the last axis keeps the kernel's own values, the others are relative to the pivot
                v[a][t] = a == rank - 1 ? g[base + t * strides[a]] : g[base + t * strides[a]] / p;
            }
        }
        int[] i = new int[rank];
        for (int flat = 0; flat < g.length; flat++) {
            double product = v[0][i[0]];
            for (int a = 1; a < rank; a++) {
                product *= v[a][i[a]];
            }
            if (product != g[flat]) {
                return null;
            }
            for (int a = rank - 1; a >= 0; a--) {
                if (++i[a] < taps[a]) {
                    break;
                }
                i[a] = 0;
            }
        }
        return v;
    }

    /** The outputs of a plan from its padded input, one pass per axis with the factors. */
    static double[] compute(Plan plan, double[] xp, double[][] v, Deadline deadline) {
        AxisPlan[] axes = plan.nonUnitAxes().toArray(new AxisPlan[0]);
        int r = axes.length;
        int[] lo = new int[r];
        int[] need = new int[r];
        int[] padStride = new int[r];
        for (int a = r - 1, s = 1; a >= 0; a--) {
            AxisPlan ax = axes[a];
            int j = ax.outputOfAscending(0);
            lo[a] = ax.paddedPosition(j, 0);
            need[a] = (ax.count() - 1) * ax.stride() + ax.paddedPosition(j, ax.taps() - 1) - lo[a] + 1;
            padStride[a] = s;
            s *= ax.paddedLength();
        }
        // the first pass, along the last axis, reads the needed positions of the padded input
        AxisPlan last = axes[r - 1];
        int countL = last.count();
        int sl = last.stride();
        int rowsIn = 1;
        for (int a = 0; a < r - 1; a++) {
            rowsIn *= need[a];
        }
        double[] cur = new double[rowsIn * countL];
        double[] vl = v[r - 1];
        int[] offL = tapOffsets(last);
        long work1 = (long) rowsIn * countL * vl.length;
        double[] first = cur;
        Parallel.forEach(rowsIn, work1, row -> {
            if ((row & 63) == 0) {
                deadline.check();
            }
            int base = lo[r - 1];
            for (int a = r - 2, q = row; a >= 0; a--) {
                base += (lo[a] + q % need[a]) * padStride[a];
                q /= need[a];
            }
            int out = row * countL;
            for (int t = 0; t < vl.length; t++) {
                double gv = vl[t];
                int b = base + offL[t];
                if (sl == 1) {
                    for (int u = 0; u < countL; u++) {
                        first[out + u] += gv * xp[b + u];
                    }
                } else {
                    for (int u = 0; u < countL; u++) {
                        first[out + u] += gv * xp[b + u * sl];
                    }
                }
            }
        });
        // then along each axis before it, on the contiguous result of the pass before
        int inner = countL;
        for (int a = r - 2; a >= 0; a--) {
            AxisPlan ax = axes[a];
            int outer = 1;
            for (int c = 0; c < a; c++) {
                outer *= need[c];
            }
            double[] in = cur;
            double[] next = new double[outer * ax.count() * inner];
            double[] va = v[a];
            int[] offA = tapOffsets(ax);
            int count = ax.count();
            int stride = ax.stride();
            int needA = need[a];
            int innerA = inner;
            Parallel.forEach(outer * count, (long) outer * count * inner * va.length, ou -> {
                if ((ou & 63) == 0) {
                    deadline.check();
                }
                int o = ou / count;
                int u = ou % count;
                int dst = ou * innerA;
                for (int t = 0; t < va.length; t++) {
                    double gv = va[t];
                    int src = (o * needA + u * stride + offA[t]) * innerA;
                    for (int i = 0; i < innerA; i++) {
                        next[dst + i] += gv * in[src + i];
                    }
                }
            });
            cur = next;
            inner *= count;
        }
        if (plan.spec().reversesOutput()) {
            for (int i = 0, j = cur.length - 1; i < j; i++, j--) {
                double t = cur[i];
                cur[i] = cur[j];
                cur[j] = t;
            }
        }
        return cur;
    }

    /** {@link #compute} for float32 data: the passes in float (see {@link #floatFactors}). */
    static float[] compute(Plan plan, float[] xp, float[][] v, Deadline deadline) {
        AxisPlan[] axes = plan.nonUnitAxes().toArray(new AxisPlan[0]);
        int r = axes.length;
        int[] lo = new int[r];
        int[] need = new int[r];
        int[] padStride = new int[r];
        for (int a = r - 1, s = 1; a >= 0; a--) {
            AxisPlan ax = axes[a];
            int j = ax.outputOfAscending(0);
            lo[a] = ax.paddedPosition(j, 0);
            need[a] = (ax.count() - 1) * ax.stride() + ax.paddedPosition(j, ax.taps() - 1) - lo[a] + 1;
            padStride[a] = s;
            s *= ax.paddedLength();
        }
        // the first pass, along the last axis, reads the needed positions of the padded input
        AxisPlan last = axes[r - 1];
        int countL = last.count();
        int sl = last.stride();
        int rowsIn = 1;
        for (int a = 0; a < r - 1; a++) {
            rowsIn *= need[a];
        }
        float[] cur = new float[rowsIn * countL];
        float[] vl = v[r - 1];
        int[] offL = tapOffsets(last);
        long work1 = (long) rowsIn * countL * vl.length;
        float[] first = cur;
        Parallel.forEach(rowsIn, work1, row -> {
            if ((row & 63) == 0) {
                deadline.check();
            }
            int base = lo[r - 1];
            for (int a = r - 2, q = row; a >= 0; a--) {
                base += (lo[a] + q % need[a]) * padStride[a];
                q /= need[a];
            }
            int out = row * countL;
            for (int t = 0; t < vl.length; t++) {
                float gv = vl[t];
                int b = base + offL[t];
                if (sl == 1) {
                    for (int u = 0; u < countL; u++) {
                        first[out + u] += gv * xp[b + u];
                    }
                } else {
                    for (int u = 0; u < countL; u++) {
                        first[out + u] += gv * xp[b + u * sl];
                    }
                }
            }
        });
        // then along each axis before it, on the contiguous result of the pass before
        int inner = countL;
        for (int a = r - 2; a >= 0; a--) {
            AxisPlan ax = axes[a];
            int outer = 1;
            for (int c = 0; c < a; c++) {
                outer *= need[c];
            }
            float[] in = cur;
            float[] next = new float[outer * ax.count() * inner];
            float[] va = v[a];
            int[] offA = tapOffsets(ax);
            int count = ax.count();
            int stride = ax.stride();
            int needA = need[a];
            int innerA = inner;
            Parallel.forEach(outer * count, (long) outer * count * inner * va.length, ou -> {
                if ((ou & 63) == 0) {
                    deadline.check();
                }
                int o = ou / count;
                int u = ou % count;
                int dst = ou * innerA;
                for (int t = 0; t < va.length; t++) {
                    float gv = va[t];
                    int src = (o * needA + u * stride + offA[t]) * innerA;
                    for (int i = 0; i < innerA; i++) {
                        next[dst + i] += gv * in[src + i];
                    }
                }
            });
            cur = next;
            inner *= count;
        }
        if (plan.spec().reversesOutput()) {
            for (int i = 0, j = cur.length - 1; i < j; i++, j--) {
                float t = cur[i];
                cur[i] = cur[j];
                cur[j] = t;
            }
        }
        return cur;
    }

    /** {@link AxisPlan#tapOffset} of every tap of an axis. */
    private static int[] tapOffsets(AxisPlan axis) {
        int[] o = new int[axis.taps()];
        for (int t = 0; t < o.length; t++) {
            o[t] = axis.tapOffset(t);
        }
        return o;
    }
}
