package dev.convolution.core.fft;

import dev.convolution.core.Deadline;
import dev.convolution.core.Mode;
import dev.convolution.core.Operation;
import dev.convolution.core.Limits;
import dev.convolution.core.Plan;
import dev.convolution.core.Shape;
import dev.convolution.core.Spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The 2D overlap-save tiles: whatever the tile lengths (small powers of two with partial last
 * tiles on both axes, one tile per axis, the whole mixed-radix transform), every stride-1 sum equals
 * the plain sliding sum.
 */
class OverlapSave2DTest {
    /** The plain stride-1 correlation of a padded input with a kernel. */
    private static double[] sliding(double[] xp, int pr, int pc, double[] g, int er, int ec) {
        int outR = pr - er + 1;
        int outC = pc - ec + 1;
        double[] y = new double[outR * outC];
        for (int i = 0; i < outR; i++) {
            for (int j = 0; j < outC; j++) {
                double acc = 0;
                for (int a = 0; a < er; a++) {
                    for (int b = 0; b < ec; b++) {
                        acc += xp[(i + a) * pc + j + b] * g[a * ec + b];
                    }
                }
                y[i * outC + j] = acc;
            }
        }
        return y;
    }

    @ParameterizedTest(name = "{0}×{1} input, {2}×{3} kernel, tiles {4}×{5}")
    @CsvSource({
        // partial last tiles on both axes, kernels of different spans on the two axes
        "70, 90, 5, 9, 16, 32",
        "70, 90, 5, 9, 8, 16",
        "37, 41, 3, 3, 8, 8",
        // one tile along one axis, several along the other
        "40, 300, 7, 7, 64, 16",
        // a single tile: the whole transform at mixed-radix lengths
        "45, 51, 6, 4, 50, 54",
        // a one-row kernel and a one-column kernel
        "33, 65, 1, 9, 8, 16",
        "65, 33, 9, 1, 16, 8",
        // enough tiles and work to run over the shared pool
        "600, 520, 11, 13, 64, 64",
    })
    void everyTilingGivesThePlainSlidingSums(int pr, int pc, int er, int ec, int tr, int tc) {
        Random rnd = new Random(pr * 1_000L + pc * 10L + er + tr);
        double[] xp = new double[pr * pc];
        for (int i = 0; i < xp.length; i++) {
            xp[i] = rnd.nextGaussian();
        }
        double[] g = new double[er * ec];
        for (int i = 0; i < g.length; i++) {
            g[i] = rnd.nextGaussian();
        }
        double[] expected = sliding(xp, pr, pc, g, er, ec);
        double[] y = OverlapSave2D.correlate(xp, pr, pc, g, er, ec, new int[] {tr, tc}, Deadline.none());
        assertThat(y).hasSize(expected.length);
        double tolerance = 1e-12 * er * ec * 10;
        for (int i = 0; i < y.length; i++) {
            assertThat(y[i]).as("output %d of %d", i, y.length).isCloseTo(expected[i], within(tolerance));
        }
    }

    @ParameterizedTest(name = "{0}² with {1}×{1}: tiles {2}×{3}")
    @CsvSource({
        // large kernels on large inputs: power-of-two tiles, far cheaper than one 2160² transform
        "2048, 63, 512, 512",
        "1024, 15, 128, 128",
        // a small problem: the whole padded input in one transform
        "7, 3, 9, 10",
    })
    void tilesArePowersOfTwoWhereThatIsCheaperThanOneWholeTransform(int n, int k, int tr, int tc) {
        Plan plan = Plan.of(Spec.defaults(Operation.CONVOLUTION).withMode(Mode.SAME), Shape.of(n, n), Shape.of(k, k), Limits.NONE);
        assertThat(TileCost.tileLengths(plan.axis(0), plan.axis(1))).containsExactly(tr, tc);
    }
}
