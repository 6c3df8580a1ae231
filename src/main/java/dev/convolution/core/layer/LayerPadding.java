package dev.convolution.core.layer;

import dev.convolution.core.AxisPlan;
import dev.convolution.core.Boundary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where a layer's padded input takes its values, by the forward pass's padding rule (its {@link PaddingMode} as the
 * core's boundary rule): each padded position from one input element or from none, and each input element into the
 * padded positions that hold it. The input gradient folds its sums over the padded input back onto the input along
 * these, and its trace follows them.
 */
final class LayerPadding {
    private final LayerGeometry g;
    private final Boundary boundary;
    /** The forward pass's axis plans (without size limits: the plans that run were checked). */
    private final AxisPlan[] axes;

    LayerPadding(LayerGeometry g) {
        this.g = g;
        this.boundary = g.mode().boundary();
        this.axes = g.forwardAxes(Long.MAX_VALUE).toArray(new AxisPlan[0]);
    }

    /** For each padded position (flat, over the padded input), the input element (flat, spatial) whose value it holds, or -1. */
    int[] fold() {
        int[] padded = g.paddedSize();
        int size = Math.toIntExact(LayerGeometry.product(padded));
        int[] map = new int[size];
        for (int q = 0; q < size; q++) {
            int[] p = SpatialIndex.unflat(q, padded);
            int flat = 0;
            for (int a = 0; a < p.length && flat >= 0; a++) {
                int s = axes[a].source((long) p[a] - g.padBefore()[a], boundary);
                flat = s == Boundary.FILLED ? -1 : flat * g.inputSize()[a] + s;
            }
            map[q] = flat;
        }
        return map;
    }

    /** The padded positions (per axis, counted from the padded start) whose value input element {@code i} gives. */
    List<int[]> positionsOf(int[] i) {
        List<int[]> perAxis = new ArrayList<>();
        for (int a = 0; a < axes.length; a++) {
            int[] hits = new int[axes[a].paddedLength()];
            int count = 0;
            for (int q = 0; q < axes[a].paddedLength(); q++) {
                if (axes[a].source((long) q - g.padBefore()[a], boundary) == i[a]) {
                    hits[count++] = q;
                }
            }
            perAxis.add(Arrays.copyOf(hits, count));
        }
        List<int[]> out = new ArrayList<>();
        int[] pick = new int[axes.length];
        collect(perAxis, 0, pick, out);
        return out;
    }

    private static void collect(List<int[]> perAxis, int a, int[] pick, List<int[]> out) {
        if (a == perAxis.size()) {
            out.add(pick.clone());
            return;
        }
        for (int q : perAxis.get(a)) {
            pick[a] = q;
            collect(perAxis, a + 1, pick, out);
        }
    }
}
