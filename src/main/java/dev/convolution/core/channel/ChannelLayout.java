package dev.convolution.core.channel;

import dev.convolution.core.AxisPlan;
import dev.convolution.core.Plan;

/** Where the outputs and taps of a plan lie in its padded input (row-major). */
final class ChannelLayout {
    final int[] count;
    final int[] stride;
    /** The offset of each tap from an output's first position, in the applied kernel's row-major order; ascending. */
    final int[] off;
    final Runs runs;

    ChannelLayout(Plan plan) {
        int rank = plan.rank();
        count = new int[rank];
        stride = new int[rank];
        for (int a = 0; a < rank; a++) {
            count[a] = plan.axis(a).count();
        }
        stride[rank - 1] = 1;
        for (int a = rank - 2; a >= 0; a--) {
            stride[a] = stride[a + 1] * plan.axis(a + 1).paddedLength();
        }
        int taps = 1;
        for (int a = 0; a < rank; a++) {
            taps *= plan.axis(a).taps();
        }
        off = new int[taps];
        for (int t = 0; t < taps; t++) {
            int rest = t;
            int o = 0;
            for (int a = rank - 1; a >= 0; a--) {
                AxisPlan axis = plan.axis(a);
                o += axis.tapOffset(rest % axis.taps()) * stride[a];
                rest /= axis.taps();
            }
            off[t] = o;
        }
        runs = new Runs(plan, count, stride);
    }

    /** The kernel laid out at the input's pitch: its taps with the gaps between them. */
    int span() {
        return off[off.length - 1] + 1;
    }

    /**
     * The cheaper way by the products each computes: runs of outputs compute the padding columns between rows too,
     * dot products the zeros in the gaps of the kernel laid out at the pitch.
     */
    boolean alongTaps() {
        long outputs = 1;
        for (int c : count) {
            outputs *= c;
        }
        return outputs * span() < (long) runs.planes * runs.run * off.length;
    }

    /** The runs of the padded input that the outputs are read along: planes of rows at the padded pitch. */
    static final class Runs {
        final int width;
        final int rowsPerPlane;
        final int pitch;
        final int planes;
        final int run;
        final int[] planeStart;

        Runs(Plan plan, int[] count, int[] stride) {
            int rank = plan.rank();
            width = count[rank - 1];
            // a plane: rows of the axis before the last taken as one run when its stride is 1, else one row
            boolean merge = rank >= 2 && plan.axis(rank - 2).stride() == 1;
            int planeAxes = merge ? rank - 2 : rank - 1; // the axes that number the planes
            rowsPerPlane = merge ? count[rank - 2] : 1;
            pitch = merge ? stride[rank - 2] : width;
            int p = 1;
            for (int a = 0; a < planeAxes; a++) {
                p *= count[a];
            }
            planes = p;
            run = (rowsPerPlane - 1) * pitch + width;
            planeStart = new int[planes];
            for (int q = 0; q < planes; q++) {
                int rest = q;
                int at = 0;
                for (int a = planeAxes - 1; a >= 0; a--) {
                    int j = rest % count[a];
                    rest /= count[a];
                    at += plan.axis(a).paddedPosition(j, 0) * stride[a];
                }
                for (int a = planeAxes; a < rank; a++) {
                    at += plan.axis(a).paddedPosition(0, 0) * stride[a];
                }
                planeStart[q] = at;
            }
        }

        /**
         * Copies a piece of plane {@code p}'s run ({@code n} sums from position {@code from}, a {@code double[]} or a
         * {@code float[]}) to its outputs (an array of the same type).
         */
        void scatter(Object sum, Object out, int p, int from, int n) {
            segments(p, from, n, (src, dst, len) -> System.arraycopy(sum, src, out, dst, len));
        }

        /**
         * The segments of a piece of plane {@code p}'s run ({@code n} positions from {@code from}) that are outputs:
         * position f of the run is column {@code f % pitch} of the plane's row {@code f / pitch}, kept when inside the
         * width.
         */
        void segments(int p, int from, int n, Segment segment) {
            int planeOut = p * rowsPerPlane * width;
            int f = from;
            while (f < from + n) {
                int row = f / pitch;
                int col = f - row * pitch;
                int len = Math.min(width - col, from + n - f);
                if (len > 0) {
                    segment.take(f - from, planeOut + row * width + col, len);
                    f += len;
                }
                f += Math.max(0, Math.min(pitch - Math.max(col, width), from + n - f));
            }
        }
    }

    /** A segment of outputs: {@code len} sums from {@code src} in a piece, outputs from {@code dst} (row-major). */
    interface Segment {
        void take(int src, int dst, int len);
    }
}
