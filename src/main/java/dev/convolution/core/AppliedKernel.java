package dev.convolution.core;

/** The kernel in the orientation in which it meets the input as it slides (rotated 180° for convolution). */
public final class AppliedKernel {
    private AppliedKernel() {
    }

    /** {@code g[tr][tc] = h[kernelIndex(tr)][kernelIndex(tc)]}, row-major. */
    public static double[] of(Plan plan, Grid h) {
        AxisPlan rows = plan.rows();
        AxisPlan cols = plan.cols();
        double[] g = new double[h.size()];
        for (int tr = 0; tr < rows.taps(); tr++) {
            int kr = rows.kernelIndex(tr);
            for (int tc = 0; tc < cols.taps(); tc++) {
                g[tr * cols.taps() + tc] = h.at(kr, cols.kernelIndex(tc));
            }
        }
        return g;
    }
}
