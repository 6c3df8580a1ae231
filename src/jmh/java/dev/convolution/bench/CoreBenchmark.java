package dev.convolution.bench;

import dev.convolution.core.Convolver;
import dev.convolution.core.Deadline;
import dev.convolution.core.Grid;
import dev.convolution.core.Limits;
import dev.convolution.core.Method;
import dev.convolution.core.Mode;
import dev.convolution.core.Operation;
import dev.convolution.core.Plan;
import dev.convolution.core.Spec;
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
 * The reference workloads W1–W8, I1, I2 (defined in docs/performance.md; the peers time them in ../shared/bench/peers.py), in-process: double precision,
 * random inputs with a fixed seed, mode same with fill 0 (W6a: the seed's valid example).
 * The whole computation is timed as the service runs it: planning, padding, the method, the checks.
 * W3f and W4f are W3 and W4 in float32 (W3's and W4's values rounded to float), float arrays in and out as peers.py
 * gives them to OpenCV and scipy ({@code Convolver.compute} on {@code float[]}); W3f-grid and W4f-grid the same through
 * the service's call ({@code Convolver.compute} with {@code ElementType.FLOAT32} on grids of doubles, a Result of doubles).
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx6g", "--add-modules=jdk.incubator.vector"})
public class CoreBenchmark {
    @Param({"W1", "W2", "W3", "W4", "W5", "W6a", "W6b", "W7", "W8", "I1", "I2", "W3f", "W4f", "W3f-grid", "W4f-grid"})
    public String workload;
    @Param({"auto", "direct", "fft"})
    public String method;

    private final Convolver convolver = new Convolver();
    private Plan plan;
    private Grid x;
    private Grid h;
    private Method m;
    /** float32 workloads: the data as floats (null otherwise), and whether the call goes through grids of doubles. */
    private float[] xf;
    private float[] hf;
    private boolean grid;

    @Setup
    public void setUp() {
        boolean single = workload.startsWith("W3f") || workload.startsWith("W4f");
        grid = workload.endsWith("-grid");
        String base = single ? workload.substring(0, 2) : workload; // a float32 twin takes its float64 workload's values
        Random rnd = new Random(42L + base.hashCode());
        Mode mode = Mode.SAME;
        int[] n;
        int[] k;
        switch (base) {
            case "W1" -> { n = new int[] {1_000_000}; k = new int[] {31}; }
            case "W2" -> { n = new int[] {1_000_000}; k = new int[] {4095}; }
            case "W3" -> { n = new int[] {1024, 1024}; k = new int[] {3, 3}; }
            case "W4" -> { n = new int[] {1024, 1024}; k = new int[] {15, 15}; }
            case "W5" -> { n = new int[] {2048, 2048}; k = new int[] {63, 63}; }
            case "W6a" -> { n = new int[] {5}; k = new int[] {2}; mode = Mode.VALID; }
            case "W6b" -> { n = new int[] {7, 7}; k = new int[] {3, 3}; }
            case "W7" -> { n = new int[] {128, 128, 128}; k = new int[] {5, 5, 5}; }
            case "W8" -> { n = new int[] {96, 96, 96}; k = new int[] {15, 15, 15}; }
            // integers up to 10^6 that one FFT in doubles cannot keep exact: fft runs on limbs
            case "I1" -> { n = new int[] {20_000}; k = new int[] {2_000}; }
            case "I2" -> { n = new int[] {256, 256}; k = new int[] {32, 32}; }
            default -> throw new IllegalArgumentException(workload);
        }
        if (workload.equals("W6a")) {
            x = Grid.of(new double[] {2, 1, 3, 5, 4}, 5);
            h = Grid.of(new double[] {1, -1}, 2);
        } else if (workload.startsWith("I")) {
            x = integers(rnd, n);
            h = integers(rnd, k);
        } else {
            x = random(rnd, n);
            h = random(rnd, k);
        }
        if (single) {
            x = ElementType.FLOAT32.round(x);
            h = ElementType.FLOAT32.round(h);
            xf = floats(x.values());
            hf = floats(h.values());
        }
        plan = Plan.of(Spec.defaults(Operation.CONVOLUTION).withMode(mode), x.shape(), h.shape(), Limits.NONE);
        m = Method.valueOf(method.toUpperCase(java.util.Locale.ROOT));
    }

    private static float[] floats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    private static Grid integers(Random rnd, int[] dims) {
        Grid g = random(rnd, dims);
        double[] v = g.values();
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextInt(2_000_001) - 1_000_000;
        }
        return g;
    }

    private static Grid random(Random rnd, int[] dims) {
        int size = 1;
        for (int d : dims) {
            size *= d;
        }
        double[] v = new double[size];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextGaussian();
        }
        return Grid.of(v, dims);
    }

    @Benchmark
    public Object convolve() {
        if (xf == null) {
            return convolver.compute(plan, x, h, m).output();
        }
        if (grid) {
            return convolver.compute(plan, x, h, m, Deadline.none(), ElementType.FLOAT32).output();
        }
        return convolver.compute(plan, xf, hf, m, Deadline.none());
    }
}
