package dev.convolution.bench;

import dev.convolution.core.Convolver;
import dev.convolution.core.Grid;
import dev.convolution.core.Limits;
import dev.convolution.core.Method;
import dev.convolution.core.auto.MethodChooser;
import dev.convolution.core.Mode;
import dev.convolution.core.Operation;
import dev.convolution.core.Plan;
import dev.convolution.core.Spec;
import java.util.Arrays;
import java.util.Random;

/**
 * The kernel-size sweep behind BENCHMARKS.md's crossover table: for each kernel size, the median
 * time of direct and fft (after warm-up) and the method auto picks. Run by scripts/bench-sweep.
 * Arguments: rank (1 or 2), input length (1D) or side (2D), kernel sizes.
 */
public final class AutoSweep {
    private AutoSweep() {
    }

    private static double medianMillis(Runnable r) {
        for (int i = 0; i < 10; i++) {
            r.run();
        }
        long[] t = new long[15];
        for (int i = 0; i < t.length; i++) {
            long s = System.nanoTime();
            r.run();
            t[i] = System.nanoTime() - s;
        }
        Arrays.sort(t);
        return t[t.length / 2] / 1e6;
    }

    public static void main(String[] args) {
        int rank = Integer.parseInt(args[0]);
        int n = Integer.parseInt(args[1]);
        Random rnd = new Random(1);
        Convolver c = new Convolver();
        MethodChooser chooser = new MethodChooser();
        for (int a = 2; a < args.length; a++) {
            int k = Integer.parseInt(args[a]);
            double[] xv = new double[rank == 1 ? n : n * n];
            double[] hv = new double[rank == 1 ? k : k * k];
            Arrays.setAll(xv, i -> rnd.nextGaussian());
            Arrays.setAll(hv, i -> rnd.nextGaussian());
            Grid x = rank == 1 ? Grid.of(xv, n) : Grid.of(xv, n, n);
            Grid h = rank == 1 ? Grid.of(hv, k) : Grid.of(hv, k, k);
            Spec spec = Spec.defaults(Operation.CONVOLUTION).withMode(Mode.SAME);
            Plan p = Plan.of(spec, x.shape(), h.shape(), Limits.NONE);
            double direct = medianMillis(() -> c.compute(p, x, h, Method.DIRECT));
            double fft = medianMillis(() -> c.compute(p, x, h, Method.FFT));
            Method auto = chooser.choose(p);
            double best = Math.min(direct, fft);
            double chosen = auto == Method.DIRECT ? direct : fft;
            System.out.printf("SWEEP rank=%d n=%d k=%d direct_ms=%.2f fft_ms=%.2f auto=%s auto_over_best=%.2f%n", rank, n, k,
                    direct, fft, auto.name().toLowerCase(java.util.Locale.ROOT), chosen / best);
        }
    }
}
