package dev.convolution.core.fft;

import dev.convolution.core.Deadline;
import java.util.Arrays;
import java.util.Random;

/**
 * Times the N-d overlap-save at given tile lengths, to check the tile cost model:
 * {@code java -cp … dev.convolution.core.fft.TileProbe 110,110,110 15,15,15 64,64,64 128,128,128 …}
 * (padded lengths, spans, then tile candidates, a first length of 0 for the first axis summed directly,
 * {@link OverlapSaveND#DIRECT}; prints the model's cost and the median time of each).
 */
public final class TileProbe {
    private TileProbe() {
    }

    public static void main(String[] args) {
        int[] p = ints(args[0]);
        int[] e = ints(args[1]);
        Random rnd = new Random(1);
        int size = 1;
        int ks = 1;
        for (int a = 0; a < p.length; a++) {
            size *= p[a];
            ks *= e[a];
        }
        double[] xp = new double[size];
        double[] gd = new double[ks];
        for (int i = 0; i < xp.length; i++) {
            xp[i] = rnd.nextGaussian();
        }
        for (int i = 0; i < gd.length; i++) {
            gd[i] = rnd.nextGaussian();
        }
        System.out.println("model picks " + Arrays.toString(TileCost.tileLengths(p, e)));
        for (int c = 2; c < args.length; c++) { // every candidate warmed up before any is timed
            for (int r = 0; r < 4; r++) {
                OverlapSaveND.correlate(xp, p, gd, e, ints(args[c]), Deadline.none());
            }
        }
        for (int c = 2; c < args.length; c++) {
            int[] t = ints(args[c]);
            double[] times = new double[12];
            for (int r = 0; r < 4; r++) {
                OverlapSaveND.correlate(xp, p, gd, e, t, Deadline.none());
            }
            for (int r = 0; r < times.length; r++) {
                long s = System.nanoTime();
                OverlapSaveND.correlate(xp, p, gd, e, t, Deadline.none());
                times[r] = (System.nanoTime() - s) / 1e6;
            }
            Arrays.sort(times);
            System.out.printf("tiles %s cost %.3g median %.2f ms%n", Arrays.toString(t), TileCost.cost(p, e, t), times[times.length / 2]);
        }
    }

    private static int[] ints(String s) {
        return Arrays.stream(s.split(",")).mapToInt(Integer::parseInt).toArray();
    }
}
