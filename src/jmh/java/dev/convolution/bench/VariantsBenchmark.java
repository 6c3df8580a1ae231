package dev.convolution.bench;

import dev.convolution.core.Boundary;
import dev.convolution.core.Convolver;
import dev.convolution.core.CorrelationConvention;
import dev.convolution.core.Grid;
import dev.convolution.core.Limits;
import dev.convolution.core.Method;
import dev.convolution.core.Mode;
import dev.convolution.core.Operation;
import dev.convolution.core.Plan;
import dev.convolution.core.Spec;
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
 * W4's shape (1024² with a 15×15 kernel, method direct) under every option that changes which
 * input a tap meets: the operations and conventions, the boundaries, a stride and a dilation. The
 * issue asks that they run at the plain case's speed per output and tap; {@code scripts/bench-core
 * variants} prints the time per output-tap next to the median.
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx6g", "--add-modules=jdk.incubator.vector"})
public class VariantsBenchmark {
    @Param({"plain", "correlation", "mirrored", "reflect", "wrap", "symmetric", "replicate", "stride2", "dilation2"})
    public String variant;

    private final Convolver convolver = new Convolver();
    private Plan plan;
    private Grid x;
    private Grid h;

    @Setup
    public void setUp() {
        int n = 1024;
        int k = 15;
        Random rnd = new Random(42L);
        double[] xv = new double[n * n];
        for (int i = 0; i < xv.length; i++) {
            xv[i] = rnd.nextGaussian();
        }
        double[] hv = new double[k * k];
        for (int i = 0; i < hv.length; i++) {
            hv[i] = rnd.nextGaussian();
        }
        x = Grid.of(xv, n, n);
        h = Grid.of(hv, k, k);
        Spec conv = Spec.defaults(Operation.CONVOLUTION).withMode(Mode.SAME);
        Spec spec = switch (variant) {
            case "plain" -> conv;
            case "correlation" -> Spec.defaults(Operation.CROSS_CORRELATION).withMode(Mode.SAME);
            case "mirrored" -> Spec.defaults(Operation.CROSS_CORRELATION).withConvention(CorrelationConvention.MIRRORED)
                    .withMode(Mode.SAME);
            case "reflect" -> conv.withBoundary(Boundary.REFLECT, 0);
            case "wrap" -> conv.withBoundary(Boundary.WRAP, 0);
            case "symmetric" -> conv.withBoundary(Boundary.SYMMETRIC, 0);
            case "replicate" -> conv.withBoundary(Boundary.REPLICATE, 0);
            case "stride2" -> conv.withStride(2, 2);
            case "dilation2" -> conv.withDilation(2, 2);
            default -> throw new IllegalArgumentException(variant);
        };
        plan = Plan.of(spec, x.shape(), h.shape(), Limits.NONE);
    }

    @Benchmark
    public double[] convolve() {
        return convolver.compute(plan, x, h, Method.DIRECT).output();
    }
}
