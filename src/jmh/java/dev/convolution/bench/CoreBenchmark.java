package dev.convolution.bench;

import dev.convolution.core.Convolver;
import dev.convolution.core.Grid;
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
 * The reference workloads of issue 4 (shared/bench/peers.py), in-process: double precision,
 * random inputs with a fixed seed, mode same with fill 0 (W6a: the seed's valid example).
 * The whole computation is timed as the service runs it: planning, padding, the method, the checks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx6g", "--add-modules=jdk.incubator.vector"})
public class CoreBenchmark {
    @Param({"W1", "W2", "W3", "W4", "W5", "W6a", "W6b"})
    public String workload;
    @Param({"auto", "direct", "fft"})
    public String method;

    private final Convolver convolver = new Convolver();
    private Plan plan;
    private Grid x;
    private Grid h;
    private Method m;

    @Setup
    public void setUp() {
        Random rnd = new Random(42L + workload.hashCode());
        Mode mode = Mode.SAME;
        int rank;
        int nr = 1;
        int nc;
        int kr = 1;
        int kc;
        switch (workload) {
            case "W1" -> { rank = 1; nc = 1_000_000; kc = 31; }
            case "W2" -> { rank = 1; nc = 1_000_000; kc = 4095; }
            case "W3" -> { rank = 2; nr = 1024; nc = 1024; kr = 3; kc = 3; }
            case "W4" -> { rank = 2; nr = 1024; nc = 1024; kr = 15; kc = 15; }
            case "W5" -> { rank = 2; nr = 2048; nc = 2048; kr = 63; kc = 63; }
            case "W6a" -> { rank = 1; nc = 5; kc = 2; mode = Mode.VALID; }
            case "W6b" -> { rank = 2; nr = 7; nc = 7; kr = 3; kc = 3; }
            default -> throw new IllegalArgumentException(workload);
        }
        if (workload.equals("W6a")) {
            x = new Grid(1, 1, 5, new double[] {2, 1, 3, 5, 4});
            h = new Grid(1, 1, 2, new double[] {1, -1});
        } else {
            x = random(rnd, rank, nr, nc);
            h = random(rnd, rank, kr, kc);
        }
        plan = Plan.of(Spec.defaults(Operation.CONVOLUTION).withMode(mode), rank, nr, nc, kr, kc, Long.MAX_VALUE, Long.MAX_VALUE);
        m = Method.valueOf(method.toUpperCase(java.util.Locale.ROOT));
    }

    private static Grid random(Random rnd, int rank, int rows, int cols) {
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextGaussian();
        }
        return new Grid(rank, rows, cols, v);
    }

    @Benchmark
    public double[] convolve() {
        return convolver.compute(plan, x, h, m).output();
    }
}
