package dev.convolution.core.channel;

import static dev.convolution.core.channel.FloatGrids.applied;
import static dev.convolution.core.channel.FloatGrids.kernels;
import static dev.convolution.core.channel.FloatGrids.requireWithinTheBound;
import static dev.convolution.core.channel.FloatGrids.floats;
import static org.assertj.core.api.Assertions.assertThat;

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
import dev.convolution.core.type.ElementType;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * float32 channel sums of more terms than {@link FloatChannelLoop#MAX_GROUPS} groups hold (a layer of hundreds of input
 * channels): summed in float a part of at most that many groups at a time, the parts added in double. Every loop gives the
 * same bits, each output is within the contract's float32 bound of the exact sum, and a layer's tensors get the same.
 */
class FloatChannelSumsTest {
    private final Convolver convolver = new Convolver();

    @ParameterizedTest(name = "{0} inputs, {1} outputs, kernel {2}×{2}: {3} parts")
    @CsvSource({
        "200, 1, 5, 2", // 5,000 terms: 40 groups of 125 (the two-output loop)
        "200, 2, 5, 2",
        "150, 9, 3, 1", // 1,350 terms: 11 groups of 126 (eight outputs and one)
        "520, 9, 3, 2", // 4,680 terms: 38 groups of 126
        "100, 3, 9, 4"}) // 8,100 terms: 100 groups of 81 (one input a group)
    void sumsOfMoreTermsThanAPartHoldsAreTheSameBitsOnEveryLoopAndWithinTheBound(int inputs, int outputs, int k, int parts) {
        Plan plan = Plan.of(Spec.defaults(Operation.CROSS_CORRELATION).withMode(Mode.SAME), Shape.of(7, 37), Shape.of(k, k), Limits.NONE);
        assertThat(ChannelConvolver.appliesInFloat(plan, inputs)).isTrue();
        int groupTerms = FloatChannelLoop.GROUP_TERMS / (k * k) * (k * k);
        int groups = (inputs * k * k + groupTerms - 1) / groupTerms;
        assertThat((groups + FloatChannelLoop.MAX_GROUPS - 1) / FloatChannelLoop.MAX_GROUPS).as("parts of %d groups", groups).isEqualTo(parts);
        Random rnd = new Random(inputs * 31L + outputs);
        Grid[] x = new Grid[inputs];
        for (int i = 0; i < inputs; i++) {
            x[i] = floats(rnd, plan.inputShape());
        }
        Grid[][] kernels = kernels(rnd, outputs, inputs, new int[] {k, k});
        float[][][] g = applied(plan, kernels);
        int size = ChannelSums.paddedSize(plan);
        float[] xp = new float[inputs * size];
        double[] tensor = new double[inputs * x[0].values().length];
        int[][] xAt = new int[1][inputs];
        for (int i = 0; i < inputs; i++) {
            Padder.padInto(plan, x[i].values(), 0, xp, i * size);
            xAt[0][i] = i * x[0].values().length;
            System.arraycopy(x[i].values(), 0, tensor, xAt[0][i], x[0].values().length);
        }
        double[][] first = null;
        for (FloatChannelLoop loop : FloatChannelLoop.everyForm()) {
            double[][] y = FloatChannelSums.compute(plan, new float[][] {xp}, g, Deadline.none(), loop)[0];
            if (first == null) {
                first = y;
            }
            assertThat(y).as("%s: the same bits as the plain loop", loop.name()).isDeepEqualTo(first);
        }
        // a layer's forward pass: from a tensor into a tensor, each output after its start (a bias)
        double[] start = new double[outputs];
        int[][] outAt = new int[1][outputs];
        for (int o = 0; o < outputs; o++) {
            start[o] = o + 0.5;
            outAt[0][o] = o * plan.outputSize();
        }
        double[] out = new double[outputs * plan.outputSize()];
        double[] weights = new double[outputs * inputs * k * k];
        int[][] wAt = new int[outputs][inputs];
        for (int o = 0; o < outputs; o++) {
            for (int i = 0; i < inputs; i++) {
                wAt[o][i] = (o * inputs + i) * k * k;
                System.arraycopy(kernels[o][i].values(), 0, weights, wAt[o][i], k * k);
            }
        }
        convolver.channelSumsInto(plan, tensor, xAt, weights, wAt, Method.DIRECT, Deadline.none(), ElementType.FLOAT32, start, out,
                outAt);
        requireWithinTheBound(convolver, plan, x, kernels, first);
        for (int o = 0; o < outputs; o++) {
            for (int q = 0; q < plan.outputSize(); q++) {
                assertThat(out[outAt[0][o] + q]).as("the tensor's output %d position %d", o, q).isEqualTo(start[o] + first[o][q]);
            }
        }
    }
}
