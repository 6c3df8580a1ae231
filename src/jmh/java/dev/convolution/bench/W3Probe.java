package dev.convolution.bench;

import dev.convolution.core.Convolver;
import dev.convolution.core.Grid;
import dev.convolution.core.Limits;
import dev.convolution.core.Method;
import dev.convolution.core.Mode;
import dev.convolution.core.Operation;
import dev.convolution.core.Plan;
import dev.convolution.core.Spec;
import java.util.Arrays;
import java.util.Random;

/** Quick single-threaded timing of W3's shape: the service's direct path against a plain padded row-axpy loop. */
public final class W3Probe {
    private W3Probe() {
    }

    public static void main(String[] args) {
        int n = 1024;
        Random rnd = new Random(1);
        double[] xv = new double[n * n];
        for (int i = 0; i < xv.length; i++) {
            xv[i] = rnd.nextGaussian();
        }
        double[] hv = new double[9];
        for (int i = 0; i < 9; i++) {
            hv[i] = rnd.nextGaussian();
        }
        Grid x = Grid.of(xv, n, n);
        Grid h = Grid.of(hv, 3, 3);
        Plan plan = Plan.of(Spec.defaults(Operation.CONVOLUTION).withMode(Mode.SAME), x.shape(), h.shape(), Limits.NONE);
        Convolver c = new Convolver();
        System.out.println("service direct median " + time(() -> c.compute(plan, x, h, Method.DIRECT)) + " ms");
        double[] y = new double[n * n];
        int pw = n + 2;
        double[] rows = new double[3 * pw];
        System.out.println("axpy rows (1 thread) median " + time(() -> {
            for (int r = 0; r < n; r++) {
                for (int k = 0; k < 3; k++) {
                    int src = r + k - 1;
                    int at = k * pw;
                    if (src < 0 || src >= n) {
                        Arrays.fill(rows, at, at + pw, 0);
                    } else {
                        rows[at] = 0;
                        System.arraycopy(xv, src * n, rows, at + 1, n);
                        rows[at + pw - 1] = 0;
                    }
                }
                int yo = r * n;
                double g0 = hv[8], g1 = hv[7], g2 = hv[6], g3 = hv[5], g4 = hv[4], g5 = hv[3], g6 = hv[2], g7 = hv[1], g8 = hv[0];
                for (int u = 0; u < n; u++) {
                    y[yo + u] = 0.0 + g0 * rows[u] + g1 * rows[u + 1] + g2 * rows[u + 2] + g3 * rows[pw + u] + g4 * rows[pw + u + 1]
                            + g5 * rows[pw + u + 2] + g6 * rows[2 * pw + u] + g7 * rows[2 * pw + u + 1] + g8 * rows[2 * pw + u + 2];
                }
            }
        }) + " ms");
    }

    private static double time(Runnable r) {
        double[] t = new double[30];
        for (int i = 0; i < 20; i++) {
            r.run();
        }
        for (int i = 0; i < t.length; i++) {
            long s = System.nanoTime();
            r.run();
            t[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(t);
        return t[t.length / 2];
    }
}
