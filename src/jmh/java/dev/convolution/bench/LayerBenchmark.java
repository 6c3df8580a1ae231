package dev.convolution.bench;

import dev.convolution.core.layer.ConvLayer;
import dev.convolution.core.layer.LayerGeometry;
import dev.convolution.core.layer.LayerOps;
import dev.convolution.core.layer.Padding;
import dev.convolution.core.layer.PaddingMode;
import dev.convolution.core.layer.Tensor;
import dev.convolution.core.type.ElementType;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The layer workloads L1–L4 (docs/performance.md), double precision, in-process (scripts/bench-layers-torch.py times PyTorch on the same shapes):
 * L1 conv2d N=8, 64 → 64, 56×56, 3×3, padding 1; L2 its full backward (gradInput, gradWeight, gradBias);
 * L3 conv1d N=16, 32 → 32, length 4096, k=9; L4 conv3d N=2, 16 → 16, 32³, 3³; L1f is L1 in float32 as the service runs a
 * float32 layer (data rounded to float, the channel sums in float vectors, the output rounded to float in place, as
 * {@code LayerComputation} does). L5f is a wide float32 layer, conv2d N=2, 512 → 512, 14×14, 3×3, padding 1 (a ResNet's last
 * stage): 4,608 terms an output, more than one part of float sums holds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx6g", "--add-modules=jdk.incubator.vector"})
public class LayerBenchmark {
    @Param({"L1", "L2", "L3", "L4", "L1f", "L5f"})
    public String workload;

    private final LayerOps ops = LayerOps.unbounded();
    private LayerGeometry g;
    private Tensor x;
    private Tensor w;
    private double[] bias;
    private Tensor gy;

    @Setup
    public void setUp() {
        Random rnd = new Random(42L + workload.hashCode());
        int[] input;
        int[] weight;
        int rank;
        Padding padding = Padding.none();
        switch (workload) {
            case "L1", "L2", "L1f" -> { input = new int[] {8, 64, 56, 56}; weight = new int[] {64, 64, 3, 3}; rank = 2; padding = new Padding.Explicit(new int[] {1}); }
            case "L3" -> { input = new int[] {16, 32, 4096}; weight = new int[] {32, 32, 9}; rank = 1; }
            case "L4" -> { input = new int[] {2, 16, 32, 32, 32}; weight = new int[] {16, 16, 3, 3, 3}; rank = 3; }
            case "L5f" -> { input = new int[] {2, 512, 14, 14}; weight = new int[] {512, 512, 3, 3}; rank = 2; padding = new Padding.Explicit(new int[] {1}); }
            default -> throw new IllegalArgumentException(workload);
        }
        g = LayerGeometry.conv(rank, input, weight, null, padding, null, 1, PaddingMode.ZEROS);
        x = random(rnd, input);
        w = random(rnd, weight);
        bias = random(rnd, new int[] {1, 1, weight[0]}).values();
        gy = random(rnd, g.outputShape());
        if (workload.endsWith("f")) {
            x = new Tensor(x.dims(), ElementType.FLOAT32.round(x.values()));
            w = new Tensor(w.dims(), ElementType.FLOAT32.round(w.values()));
            bias = ElementType.FLOAT32.round(bias);
        }
    }

    private static Tensor random(Random rnd, int[] dims) {
        Tensor t = Tensor.zeros(dims);
        for (int i = 0; i < t.values().length; i++) {
            t.values()[i] = rnd.nextGaussian();
        }
        return t;
    }

    @Benchmark
    public Object layer() {
        if (workload.equals("L2")) {
            return new Object[] {ConvLayer.gradInput(g, gy, w, ops), ConvLayer.gradWeight(g, x, gy, ops), ConvLayer.gradBias(g, gy)};
        }
        if (workload.endsWith("f")) {
            return ElementType.FLOAT32.roundInPlace(ConvLayer.forward(g, x, w, bias, ops.in(ElementType.FLOAT32)).values());
        }
        return ConvLayer.forward(g, x, w, bias, ops);
    }
}
