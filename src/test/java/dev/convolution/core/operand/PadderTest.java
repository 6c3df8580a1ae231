package dev.convolution.core.operand;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convolution.core.Boundary;
import dev.convolution.core.Limits;
import dev.convolution.core.Mode;
import dev.convolution.core.Operation;
import dev.convolution.core.Plan;
import dev.convolution.core.Shape;
import dev.convolution.core.Spec;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The padded input written a band of rows at a time is the whole padded input's rows, whatever the band. */
class PadderTest {
    static LongStream seeds() {
        return LongStream.range(0, 60);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyBandOfPaddedRowsIsThoseRowsOfTheWholePaddedInput(long seed) {
        Random rnd = new Random(seed);
        int rank = 1 + rnd.nextInt(4);
        int[] n = new int[rank];
        int[] k = new int[rank];
        for (int a = 0; a < rank; a++) {
            n[a] = 1 + rnd.nextInt(rank > 2 ? 6 : 12);
            k[a] = 1 + rnd.nextInt(5);
        }
        Boundary boundary = Boundary.values()[rnd.nextInt(Boundary.values().length)];
        Spec spec = Spec.defaults(Operation.CONVOLUTION).withMode(rnd.nextBoolean() ? Mode.FULL : Mode.SAME)
                .withBoundary(boundary, boundary == Boundary.FILL ? rnd.nextInt(5) - 2 : 0);
        Plan plan = Plan.of(spec, Shape.of(n), Shape.of(k), Limits.NONE);
        double[] x = new double[3 + Arrays.stream(n).reduce(1, Math::multiplyExact)];
        for (int q = 0; q < x.length; q++) {
            x[q] = (float) rnd.nextGaussian();
        }
        int size = (int) Padder.paddedSize(plan);
        float[] whole = new float[size];
        Padder.padInto(plan, x, 3, whole, 0);
        int width = plan.axis(rank - 1).paddedLength();
        int rows = size / width;
        for (int from = 0; from < rows; from++) {
            for (int to = from + 1; to <= rows; to += 1 + rnd.nextInt(3)) {
                float[] band = new float[5 + (to - from) * width];
                Arrays.fill(band, Float.NaN);
                Padder.padRowsInto(plan, x, 3, band, 5, from, to);
                assertThat(Arrays.copyOfRange(band, 5, band.length)).as("%s rows %d to %d", plan, from, to)
                        .isEqualTo(Arrays.copyOfRange(whole, from * width, to * width));
                assertThat(Arrays.copyOfRange(band, 0, 5)).as("nothing before the band's first row is written").containsOnly(Float.NaN);
            }
        }
    }
}
