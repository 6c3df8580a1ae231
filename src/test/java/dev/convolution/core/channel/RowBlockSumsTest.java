package dev.convolution.core.channel;

import static dev.convolution.core.channel.FloatGrids.applied;
import static dev.convolution.core.channel.FloatGrids.kernels;
import static dev.convolution.core.channel.FloatGrids.requireWithinTheBound;
import static dev.convolution.core.channel.FloatGrids.floats;
import static org.assertj.core.api.Assertions.assertThat;

import dev.convolution.core.AxisPlan;
import dev.convolution.core.Boundary;
import dev.convolution.core.Convolver;
import dev.convolution.core.Deadline;
import dev.convolution.core.Grid;
import dev.convolution.core.Limits;
import dev.convolution.core.Method;
import dev.convolution.core.Mode;
import dev.convolution.core.Operation;
import dev.convolution.core.Plan;
import dev.convolution.core.Shape;
import dev.convolution.core.Spec;
import dev.convolution.core.operand.Padder;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Four output rows at a time over images of several bands ({@link RowBlockSums}): each job pads the rows its band reads
 * from the unpadded inputs into a buffer of its worker's. Its sums must be the same bits as those read from the padded
 * inputs, on every loop, and within float's bound of the exact sums, across band edges, the image's edges (every
 * boundary), a last band and block that are short, pieces of a row, and kernels taller than a band.
 */
class RowBlockSumsTest {
    private final Convolver convolver = new Convolver();

    @ParameterizedTest(name = "{0} × {1}, kernel rows {2}, {3}, outputs {4}, inputs {5}")
    @CsvSource({
        "75, 300, 3, FILL, 2, 2", // three bands, the last short; a last block of three rows
        "130, 1100, 15, REFLECT, 2, 2", // pieces of a row (1,024 and 76 positions)
        "130, 61, 41, WRAP, 1, 1", // a kernel taller than a band: bands of 40 rows
        "37, 200, 15, SYMMETRIC, 2, 1",
        "70, 90, 9, FILL_NONZERO, 1, 2"})
    void imagesOfSeveralBandsPaddedByTheirJobsAreTheSameBitsAsFromThePaddedInputsAndWithinTheBound(int height, int width, int kr,
            String boundary, int outputs, int inputs) {
        Spec spec = Spec.defaults(Operation.CROSS_CORRELATION).withMode(Mode.SAME);
        spec = boundary.equals("FILL_NONZERO") ? spec.withBoundary(Boundary.FILL, 1.5) : spec.withBoundary(Boundary.valueOf(boundary), 0);
        Plan plan = Plan.of(spec, Shape.of(height, width), Shape.of(kr, 7), Limits.NONE);
        check(plan, new Random(height * 31L + kr), outputs, inputs);
    }

    /**
     * A transposed convolution's input has holes between its columns that padding does not write: a buffer kept from
     * band to band must hold zeros there, not the last band's values.
     */
    @Test
    void holesOfAnInputDilatedAlongItsRowsAreZerosInEveryBandsBuffer() {
        // first an image whose bands fill the workers' buffers with values where the dilated input's holes will be
        check(Plan.of(Spec.defaults(Operation.CROSS_CORRELATION).withMode(Mode.SAME), Shape.of(200, 123), Shape.of(5, 5), Limits.NONE),
                new Random(6), 2, 2);
        Spec spec = Spec.defaults(Operation.CROSS_CORRELATION);
        Plan plan = Plan.of(spec, List.of(AxisPlan.padded("axis 0", 90, 1, 5, 1, 1, 2, 2, spec.flipsKernel(), spec.reversesOutput(),
                Long.MAX_VALUE), AxisPlan.padded("axis 1", 60, 2, 5, 1, 1, 2, 2, spec.flipsKernel(), spec.reversesOutput(),
                Long.MAX_VALUE)), Limits.NONE);
        assertThat(plan.axis(1).inputDilation()).isEqualTo(2);
        check(plan, new Random(7), 2, 2);
    }

    @Test
    void aBandIsAMultipleOfFourRowsHoldingAtLeastTheKernelsRowsLessOneAndAtMostTheImage() {
        for (int kr = 1; kr <= 90; kr++) {
            for (int height : new int[] {1, 3, 4, 31, 32, 33, 100, 1024}) {
                int band = RowBlockSums.band(kr, height);
                assertThat(band % RowBlockSums.ROWS).as("kr %d height %d", kr, height).isZero();
                assertThat(band).as("kr %d height %d", kr, height).isLessThan(height + RowBlockSums.ROWS);
                if (band < height) {
                    assertThat(band).as("kr %d height %d", kr, height).isGreaterThanOrEqualTo(Math.max(RowBlockSums.BAND, kr - 1));
                }
            }
        }
    }

    private void check(Plan plan, Random rnd, int outputs, int inputs) {
        assertThat(RowBlockSums.applies(plan, outputs, inputs)).as("four output rows at a time").isTrue();
        int[] n = plan.inputShape();
        int[] k = {plan.axis(0).taps(), plan.axis(1).taps()};
        Grid[] x = new Grid[inputs];
        double[][] values = new double[inputs][];
        for (int i = 0; i < inputs; i++) {
            x[i] = floats(rnd, n);
            values[i] = x[i].values();
        }
        Grid[][] kernels = kernels(rnd, outputs, inputs, k);
        float[][][] g = applied(plan, kernels);
        int size = ChannelSums.paddedSize(plan);
        float[] xp = new float[inputs * size];
        for (int i = 0; i < inputs; i++) {
            Padder.padInto(plan, values[i], 0, xp, i * size);
        }
        double[][] first = null;
        for (FloatChannelLoop loop : FloatChannelLoop.everyForm()) {
            double[][] padded = FloatChannelSums.compute(plan, new float[][] {xp}, g, Deadline.none(), loop)[0];
            double[][] byBands = FloatChannelSums.computeSet(plan, values, g, Deadline.none(), loop);
            assertThat(byBands).as("%s: padded by the bands' jobs as read from the padded inputs", loop.name()).isDeepEqualTo(padded);
            if (first == null) {
                first = byBands;
            }
            assertThat(byBands).as("%s: the same bits as the plain loop", loop.name()).isDeepEqualTo(first);
        }
        requireWithinTheBound(convolver, plan, x, kernels, first);
    }
}
