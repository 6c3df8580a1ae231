package dev.convolution.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.convolution.core.channel.ChannelConvolver;
import dev.convolution.core.channel.ChannelLoop;
import dev.convolution.core.channel.FloatChannelLoop;
import dev.convolution.core.error.ResultNotRepresentableException;
import dev.convolution.core.type.ElementType;
import dev.convolution.core.operand.AppliedKernel;
import dev.convolution.core.operand.Padder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A CNN layer's sums over channel pairs ({@link Convolver#channelSums}) against the same pairs computed one by one and
 * added: random ranks 1-3, explicit padding, input dilation, dilation, strides on every axis but the last (the runs
 * that merge rows and those that do not), output counts that are not multiples of the block of four, and runs longer
 * than one piece. Integer data, so every order of additions gives the same bits. In float32 (float data, sums in
 * float): the same bits on every loop, each output within the contract's bound of the exact sum.
 */
class ChannelSumsTest {
    private final Convolver convolver = new Convolver();

    static LongStream seeds() {
        return LongStream.range(1, 121);
    }

    private record Case(Plan plan, Grid[][] sets, Grid[][] kernels) {
    }

    private static Case random(long seed) {
        Random rnd = new Random(new java.util.SplittableRandom(seed).nextLong());
        int rank = 1 + rnd.nextInt(3);
        int kind = rnd.nextInt(4); // 0: long runs, 1: a kernel about as long as the input (dot products), else small
        boolean longRun = kind == 0;
        Spec spec = Spec.defaults(Operation.CROSS_CORRELATION);
        int[] n = new int[rank];
        int[] k = new int[rank];
        int[] ds = new int[rank];
        int[] ss = new int[rank];
        List<AxisPlan> axes = new ArrayList<>();
        for (int a = 0; a < rank; a++) {
            n[a] = 1 + rnd.nextInt(longRun ? (rank == 1 ? 3000 : rank == 2 ? 60 : 14) : 9);
            k[a] = kind == 1 ? Math.max(1, n[a] - rnd.nextInt(3)) : 1 + rnd.nextInt(4);
            int id = 1 + rnd.nextInt(2);
            ds[a] = 1 + rnd.nextInt(2);
            ss[a] = a == rank - 1 ? 1 : 1 + rnd.nextInt(2);
            int span = (k[a] - 1) * ds[a] + 1;
            int extent = (n[a] - 1) * id + 1;
            int before = rnd.nextInt(span + 1);
            int after = Math.max(rnd.nextInt(span + 1), span - extent - before);
            axes.add(AxisPlan.padded("axis " + a, n[a], id, k[a], ds[a], ss[a], before, after, spec.flipsKernel(),
                    spec.reversesOutput(), Long.MAX_VALUE));
        }
        Plan plan = Plan.of(spec.withDilation(ds).withStride(ss), axes, Limits.NONE);
        int ins = 1 + rnd.nextInt(5);
        int outs = 1 + rnd.nextInt(9);
        Grid[][] sets = new Grid[1 + rnd.nextInt(3)][ins];
        for (Grid[] set : sets) {
            for (int i = 0; i < ins; i++) {
                set[i] = RandomProblems.grid(rnd, n, true);
            }
        }
        Grid[][] kernels = new Grid[outs][ins];
        for (int o = 0; o < outs; o++) {
            for (int i = 0; i < ins; i++) {
                kernels[o][i] = RandomProblems.grid(rnd, k, true);
            }
        }
        return new Case(plan, sets, kernels);
    }

    private double[][][] pairByPair(Case c) {
        double[][][] y = new double[c.sets().length][c.kernels().length][c.plan().outputSize()];
        for (int s = 0; s < y.length; s++) {
            for (int o = 0; o < c.kernels().length; o++) {
                for (int i = 0; i < c.sets()[s].length; i++) {
                    double[] r = convolver.compute(c.plan(), c.sets()[s][i], c.kernels()[o][i], Method.DIRECT).output();
                    for (int q = 0; q < r.length; q++) {
                        y[s][o][q] += r[q];
                    }
                }
            }
        }
        return y;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void channelSumsEqualThePairsAddedUpOnEveryLoop(long seed) {
        Case c = random(seed);
        double[][][] expected = pairByPair(c);
        assertThat(ChannelConvolver.applies(c.plan())).as("%s", c.plan()).isTrue();
        assertThat(convolver.channelSums(c.plan(), c.sets(), c.kernels(), Method.AUTO, Deadline.none()))
                .as("%s through the convolver", c.plan()).isDeepEqualTo(expected);
        assertThat(convolver.channelSums(c.plan(), c.sets()[0], c.kernels(), Method.AUTO, Deadline.none()))
                .as("%s one set", c.plan()).isDeepEqualTo(expected[0]);
        int ins = c.sets()[0].length;
        double[][][] xp = new double[c.sets().length][ins][];
        for (int s = 0; s < xp.length; s++) {
            for (int i = 0; i < ins; i++) {
                xp[s][i] = Padder.pad(c.plan(), c.sets()[s][i]);
            }
        }
        double[][][] g = new double[c.kernels().length][ins][];
        for (int o = 0; o < g.length; o++) {
            for (int i = 0; i < ins; i++) {
                g[o][i] = AppliedKernel.of(c.plan(), c.kernels()[o][i]);
            }
        }
        assertThat(ChannelLoop.everyForm()).as("the plain loop, the Vector API loop, and its nested form (tests run with the module)")
                .hasSize(3);
        int size = ChannelConvolver.paddedSize(c.plan());
        double[][] laid = new double[xp.length][ins * size];
        for (int s = 0; s < xp.length; s++) {
            for (int i = 0; i < ins; i++) {
                System.arraycopy(xp[s][i], 0, laid[s], i * size, size);
            }
        }
        for (ChannelLoop loop : ChannelLoop.everyForm()) {
            ChannelConvolver channels = new ChannelConvolver(loop);
            assertThat(ChannelConvolver.alongTaps(c.plan()) ? channels.sumsAlongTaps(c.plan(), xp, g, Deadline.none())
                    : channels.sumsAlongRuns(c.plan(), laid, g, Deadline.none())).as("%s loop %s", c.plan(), loop.name())
                    .isDeepEqualTo(expected);
        }
    }

    /** The case with float data that are not integers (Gaussians rounded to float), for the float32 sums. */
    private static Case inFloats(Case c, long seed) {
        Random rnd = new Random(seed);
        Grid[][] sets = new Grid[c.sets().length][];
        for (int s = 0; s < sets.length; s++) {
            sets[s] = floats(rnd, c.sets()[s]);
        }
        Grid[][] kernels = new Grid[c.kernels().length][];
        for (int o = 0; o < kernels.length; o++) {
            kernels[o] = floats(rnd, c.kernels()[o]);
        }
        return new Case(c.plan(), sets, kernels);
    }

    private static Grid[] floats(Random rnd, Grid[] grids) {
        Grid[] out = new Grid[grids.length];
        for (int i = 0; i < grids.length; i++) {
            double[] v = new double[grids[i].values().length];
            for (int q = 0; q < v.length; q++) {
                v[q] = (float) (rnd.nextGaussian() * 3);
            }
            out[i] = new Grid(grids[i].shape(), v);
        }
        return out;
    }

    private static Grid[] abs(Grid[] grids) {
        Grid[] out = new Grid[grids.length];
        for (int i = 0; i < grids.length; i++) {
            double[] v = grids[i].values().clone();
            for (int q = 0; q < v.length; q++) {
                v[q] = Math.abs(v[q]);
            }
            out[i] = new Grid(grids[i].shape(), v);
        }
        return out;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void float32ChannelSumsAreTheSameBitsOnEveryLoopAndWithinTheContractsBound(long seed) {
        Case c = inFloats(random(seed), seed);
        int ins = c.sets()[0].length;
        if (!ChannelConvolver.appliesInFloat(c.plan(), ins)) {
            return; // dot products along the taps: summed in double, as the double sums above
        }
        double[][][] exact = pairByPair(c);
        Grid[][] absSets = new Grid[c.sets().length][];
        for (int s = 0; s < absSets.length; s++) {
            absSets[s] = abs(c.sets()[s]);
        }
        Grid[][] absKernels = new Grid[c.kernels().length][];
        for (int o = 0; o < absKernels.length; o++) {
            absKernels[o] = abs(c.kernels()[o]);
        }
        double[][][] moduli = pairByPair(new Case(c.plan(), absSets, absKernels));
        int size = ChannelConvolver.paddedSize(c.plan());
        float[][] xp = new float[c.sets().length][ins * size];
        for (int s = 0; s < xp.length; s++) {
            for (int i = 0; i < ins; i++) {
                double[] padded = Padder.pad(c.plan(), c.sets()[s][i]);
                for (int q = 0; q < size; q++) {
                    xp[s][i * size + q] = (float) padded[q];
                }
            }
        }
        float[][][] g = new float[c.kernels().length][ins][];
        for (int o = 0; o < g.length; o++) {
            for (int i = 0; i < ins; i++) {
                double[] applied = AppliedKernel.of(c.plan(), c.kernels()[o][i]);
                g[o][i] = new float[applied.length];
                for (int t = 0; t < applied.length; t++) {
                    g[o][i][t] = (float) applied[t];
                }
            }
        }
        assertThat(FloatChannelLoop.everyForm()).as("the plain loop and the Vector API loop (tests run with the module)").hasSize(2);
        double[][][] first = null;
        for (FloatChannelLoop loop : FloatChannelLoop.everyForm()) {
            double[][][] y = new ChannelConvolver(loop).sumsInFloat(c.plan(), xp, g, Deadline.none());
            if (first == null) {
                first = y;
            }
            assertThat(y).as("%s loop %s: the same bits as the plain loop", c.plan(), loop.name()).isDeepEqualTo(first);
        }
        double[][][] through = convolver.channelSums(c.plan(), c.sets(), c.kernels(), Method.DIRECT, Deadline.none(), ElementType.FLOAT32);
        for (int s = 0; s < exact.length; s++) {
            for (int o = 0; o < exact[s].length; o++) {
                for (int q = 0; q < exact[s][o].length; q++) {
                    assertThat(through[s][o][q]).as("%s set %d output %d position %d: the loops' float", c.plan(), s, o, q)
                            .isEqualTo(first[s][o][q]);
                    assertThat(Math.abs(through[s][o][q] - exact[s][o][q])).as("%s set %d output %d position %d", c.plan(), s, o, q)
                            .isLessThanOrEqualTo(1e-5 * moduli[s][o][q]);
                }
            }
        }
    }

    /**
     * The layer's way ({@link Convolver#channelSumsInto}): the input and kernel blocks read where they lie in larger
     * arrays (other values between them, NaN, which would show if read) and each sum written from its start into another (every other value
     * left as it was), in float32 (sums in float) and float64.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void sumsIntoATensorAreTheirStartPlusTheChannelSumsAndLeaveTheRestAlone(long seed) {
        for (ElementType type : List.of(ElementType.FLOAT64, ElementType.FLOAT32)) {
            Case c = type == ElementType.FLOAT32 ? inFloats(random(seed), seed) : random(seed);
            int sets = c.sets().length;
            int ins = c.sets()[0].length;
            int outs = c.kernels().length;
            int inSize = c.sets()[0][0].values().length;
            int outSize = c.plan().outputSize();
            Random rnd = new Random(seed);
            double[] x = new double[sets * ins * (inSize + 3) + 2];
            Arrays.fill(x, Double.NaN);
            int[][] xAt = new int[sets][ins];
            List<Integer> slots = shuffled(sets * ins, rnd);
            for (int s = 0; s < sets; s++) {
                for (int i = 0; i < ins; i++) {
                    xAt[s][i] = 2 + slots.get(s * ins + i) * (inSize + 3);
                    System.arraycopy(c.sets()[s][i].values(), 0, x, xAt[s][i], inSize);
                }
            }
            double[] out = new double[sets * outs * (outSize + 2) + 1];
            Arrays.fill(out, 12345.5);
            int[][] outAt = new int[sets][outs];
            slots = shuffled(sets * outs, rnd);
            double[] start = new double[outs];
            for (int o = 0; o < outs; o++) {
                start[o] = type == ElementType.FLOAT32 ? (float) rnd.nextGaussian() : rnd.nextInt(9) - 4;
                for (int s = 0; s < sets; s++) {
                    outAt[s][o] = 1 + slots.get(s * outs + o) * (outSize + 2);
                }
            }
            double[] expected = out.clone();
            double[][][] sums = convolver.channelSums(c.plan(), c.sets(), c.kernels(), Method.AUTO, Deadline.none(), type);
            for (int s = 0; s < sets; s++) {
                for (int o = 0; o < outs; o++) {
                    for (int q = 0; q < outSize; q++) {
                        expected[outAt[s][o] + q] = start[o] + sums[s][o][q];
                    }
                }
            }
            // the kernels too lie in shuffled blocks of a larger array, NaN between them
            int taps = c.kernels()[0][0].values().length;
            double[] w = new double[outs * ins * (taps + 2) + 1];
            Arrays.fill(w, Double.NaN);
            int[][] wAt = new int[outs][ins];
            slots = shuffled(outs * ins, rnd);
            for (int o = 0; o < outs; o++) {
                for (int i = 0; i < ins; i++) {
                    wAt[o][i] = 1 + slots.get(o * ins + i) * (taps + 2);
                    System.arraycopy(c.kernels()[o][i].values(), 0, w, wAt[o][i], taps);
                }
            }
            convolver.channelSumsInto(c.plan(), x, xAt, w, wAt, Method.AUTO, Deadline.none(), type, start, out, outAt);
            assertThat(out).as("%s %s", type, c.plan()).isEqualTo(expected);
        }
    }

    /** A 6 × 40 correlation with a 3 × 3 kernel, padded by one on each side (as a layer's `same`). */
    private static Plan sixByForty() {
        Spec spec = Spec.defaults(Operation.CROSS_CORRELATION);
        List<AxisPlan> axes = List.of(AxisPlan.padded("axis 0", 6, 1, 3, 1, 1, 1, 1, spec.flipsKernel(), spec.reversesOutput(),
                Long.MAX_VALUE), AxisPlan.padded("axis 1", 40, 1, 3, 1, 1, 1, 1, spec.flipsKernel(), spec.reversesOutput(),
                Long.MAX_VALUE));
        return Plan.of(spec, axes, Limits.NONE);
    }

    private static List<Integer> shuffled(int count, Random rnd) {
        List<Integer> slots = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            slots.add(i);
        }
        Collections.shuffle(slots, rnd);
        return slots;
    }

    @Test
    void float32SumsIntoATensorThatOverflowFloatAreRefusedNamingTheOutput() {
        Plan plan = sixByForty();
        double[] x = new double[2 * 240];
        Arrays.fill(x, 1);
        x[240 + 2 * 40 + 7] = 3e38; // input 1 at (2, 7): its neighbourhood's sums overflow float
        double[] kernel = {0, 0, 0, 0, 4, 0, 0, 0, 0}; // one kernel for both inputs, read twice
        assertThat(ChannelConvolver.appliesInFloat(plan, 2)).isTrue();
        double[] out = new double[240];
        assertThatThrownBy(() -> convolver.channelSumsInto(plan, x, new int[][] {{0, 240}}, kernel, new int[][] {{0, 0}}, Method.AUTO,
                Deadline.none(), ElementType.FLOAT32, new double[] {0}, out, new int[][] {{0}}))
                .isInstanceOf(ResultNotRepresentableException.class)
                .hasMessageContaining("single precision (float32)").hasMessageContaining("output [2, 7] is +infinity");
    }

    /**
     * float32 sums of kernels with more taps than a group holds (an input's taps split over groups), for one, two and
     * three outputs, with rows undilated (one or two outputs: four output rows at a time, {@code RowBlockSums}) and
     * dilated (the two-output loop): the same bits on every loop, each output within the bound of its terms' moduli.
     */
    @ParameterizedTest(name = "outputs {0}, row dilation {1}")
    @org.junit.jupiter.params.provider.CsvSource({"1, 1", "2, 1", "3, 1", "1, 2", "2, 2"})
    void float32SumsOfLongKernelsSplitOverGroupsAreTheSameBitsOnEveryLoop(int outs, int rowDilation) {
        Spec spec = Spec.defaults(Operation.CROSS_CORRELATION);
        List<AxisPlan> axes = List.of(AxisPlan.padded("axis 0", 23, 1, 13, rowDilation, 1, 6 * rowDilation, 6 * rowDilation,
                spec.flipsKernel(), spec.reversesOutput(),
                Long.MAX_VALUE), AxisPlan.padded("axis 1", 431, 1, 15, 1, 1, 7, 7, spec.flipsKernel(), spec.reversesOutput(),
                Long.MAX_VALUE));
        Plan plan = Plan.of(spec.withDilation(rowDilation, 1), axes, Limits.NONE);
        Random rnd = new Random(outs);
        Case c = inFloats(new Case(plan, new Grid[][] {{RandomProblems.grid(rnd, new int[] {23, 431}, false),
                RandomProblems.grid(rnd, new int[] {23, 431}, false)}}, kernels(rnd, outs, 2, new int[] {13, 15})), outs);
        assertThat(ChannelConvolver.appliesInFloat(plan, 2)).as("195 taps an input, 390 terms: four groups").isTrue();
        double[][][] exact = pairByPair(c);
        Grid[][] absKernels = new Grid[outs][];
        for (int o = 0; o < outs; o++) {
            absKernels[o] = abs(c.kernels()[o]);
        }
        double[][][] moduli = pairByPair(new Case(plan, new Grid[][] {abs(c.sets()[0])}, absKernels));
        int size = ChannelConvolver.paddedSize(plan);
        float[][] xp = new float[1][2 * size];
        float[][][] g = new float[outs][2][];
        for (int i = 0; i < 2; i++) {
            Padder.padInto(plan, c.sets()[0][i].values(), 0, xp[0], i * size);
            for (int o = 0; o < outs; o++) {
                double[] applied = AppliedKernel.of(plan, c.kernels()[o][i]);
                g[o][i] = new float[applied.length];
                for (int t = 0; t < applied.length; t++) {
                    g[o][i][t] = (float) applied[t];
                }
            }
        }
        double[][][] first = null;
        for (FloatChannelLoop loop : FloatChannelLoop.everyForm()) {
            double[][][] y = new ChannelConvolver(loop).sumsInFloat(plan, xp, g, Deadline.none());
            if (first == null) {
                first = y;
            }
            assertThat(y).as("loop %s: the same bits as the plain loop", loop.name()).isDeepEqualTo(first);
        }
        for (int o = 0; o < outs; o++) {
            for (int q = 0; q < exact[0][o].length; q++) {
                assertThat(Math.abs(first[0][o][q] - exact[0][o][q])).as("output %d position %d", o, q)
                        .isLessThanOrEqualTo(1e-5 * moduli[0][o][q]);
            }
        }
    }

    /**
     * Four output rows at a time, a block's zero weights meet every input row of its window: an infinite input that
     * only the block's last row reaches would make NaN of the rows before it. The first output that is not finite is
     * still the one named, output [3, 0] (rows 0-2 do not reach input row 5).
     */
    @Test
    void float32SumsOfOneInfiniteInputNameTheFirstOutputItReaches() {
        Spec spec = Spec.defaults(Operation.CROSS_CORRELATION);
        List<AxisPlan> axes = List.of(AxisPlan.padded("axis 0", 12, 1, 5, 1, 1, 2, 2, spec.flipsKernel(), spec.reversesOutput(),
                Long.MAX_VALUE), AxisPlan.padded("axis 1", 30, 1, 5, 1, 1, 2, 2, spec.flipsKernel(), spec.reversesOutput(),
                Long.MAX_VALUE));
        Plan plan = Plan.of(spec, axes, Limits.NONE);
        double[] x = new double[12 * 30];
        Arrays.fill(x, 1);
        x[5 * 30] = Double.POSITIVE_INFINITY; // input (5, 0)
        double[] ones = new double[25];
        Arrays.fill(ones, 1);
        Grid[][] kernels = {{Grid.of(ones, 5, 5)}, {Grid.of(ones, 5, 5)}};
        assertThatThrownBy(() -> convolver.channelSums(plan, new Grid[][] {{Grid.of(x, 12, 30)}}, kernels, Method.DIRECT,
                Deadline.none(), ElementType.FLOAT32))
                .isInstanceOf(ResultNotRepresentableException.class).hasMessageContaining("output [3, 0] is +infinity");
    }

    private static Grid[][] kernels(Random rnd, int outs, int ins, int[] shape) {
        Grid[][] kernels = new Grid[outs][ins];
        for (int o = 0; o < outs; o++) {
            for (int i = 0; i < ins; i++) {
                kernels[o][i] = RandomProblems.grid(rnd, shape, false);
            }
        }
        return kernels;
    }

    @Test
    void float32CasesIncludeOneGroupAndSeveral() {
        Set<Boolean> several = new HashSet<>();
        seeds().forEach(seed -> {
            Case c = random(seed);
            int ins = c.sets()[0].length;
            if (ChannelConvolver.appliesInFloat(c.plan(), ins)) {
                several.add(c.plan().kernelSize() * ins > FloatChannelLoop.GROUP_TERMS);
            }
        });
        assertThat(several).as("float32 sums of one group of terms and of several").containsExactlyInAnyOrder(false, true);
    }

    @Test
    void bothWaysAreTaken() {
        Set<Boolean> ways = new HashSet<>();
        seeds().forEach(seed -> ways.add(ChannelConvolver.alongTaps(random(seed).plan())));
        assertThat(ways).as("along runs of outputs and along the taps").containsExactlyInAnyOrder(false, true);
    }
}
