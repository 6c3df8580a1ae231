package dev.convolution.core.operand;

import dev.convolution.core.Grid;
import dev.convolution.core.Plan;

/** The kernel in the orientation in which it meets the input as it slides (rotated 180° for convolution). */
public final class AppliedKernel {
    private AppliedKernel() {
    }

    /**
     * {@code g[t] = h[kernelIndex(t)]} on every axis, row-major. Convolution flips every axis, and
     * flipping every axis of a row-major array reverses its flat order.
     */
    public static double[] of(Plan plan, Grid h) {
        double[] v = h.values();
        if (!plan.spec().flipsKernel()) {
            return v.clone();
        }
        double[] g = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            g[i] = v[v.length - 1 - i];
        }
        return g;
    }

    /**
     * {@link #of} narrowed to float, of the kernel held row-major in {@code v} from {@code at} ({@code length} values: one
     * block of a layer's weight tensor), read in place.
     */
    public static float[] inFloat(Plan plan, double[] v, int at, int length) {
        float[] g = new float[length];
        boolean flips = plan.spec().flipsKernel();
        for (int i = 0; i < length; i++) {
            g[i] = (float) v[at + (flips ? length - 1 - i : i)];
        }
        return g;
    }
}
