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
import dev.convolution.core.type.ComplexConvolver;
import dev.convolution.core.type.ComplexResult;
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
 * The complex reference workloads (docs/performance.md; the peers time them in ../shared/bench/peers.py), in-process as
 * the service runs them: C1, a complex128 matched filter's size (1D, 2^20 samples, 4,095 taps, convolution, same), and
 * C2, a complex64 image (1024², 15×15, same), each part rounded to float first and computed as complex64. Random data, fixed seed, fill 0.
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx6g", "--add-modules=jdk.incubator.vector"})
public class ComplexBenchmark {
    @Param({"C1", "C2"})
    public String workload;
    @Param({"auto", "direct", "fft"})
    public String method;

    private final ComplexConvolver complex = new ComplexConvolver(new Convolver());
    private Plan plan;
    private Grid xr;
    private Grid xi;
    private Grid hr;
    private Grid hi;
    private ElementType type;
    private Method m;

    @Setup
    public void setUp() {
        Random rnd = new Random(42L + workload.hashCode());
        int[] n = workload.equals("C1") ? new int[] {1 << 20} : new int[] {1024, 1024};
        int[] k = workload.equals("C1") ? new int[] {4095} : new int[] {15, 15};
        type = workload.equals("C1") ? ElementType.COMPLEX128 : ElementType.COMPLEX64;
        xr = type.round(random(rnd, n));
        xi = type.round(random(rnd, n));
        hr = type.round(random(rnd, k));
        hi = type.round(random(rnd, k));
        plan = Plan.of(Spec.defaults(Operation.CONVOLUTION).withMode(Mode.SAME), xr.shape(), hr.shape(), Limits.NONE);
        m = Method.valueOf(method.toUpperCase(java.util.Locale.ROOT));
    }

    @Benchmark
    public ComplexResult compute() {
        return complex.compute(plan, xr, xi, hr, hi, false, m, Deadline.none(), type);
    }

    private static Grid random(Random rnd, int[] dims) {
        int size = 1;
        for (int d : dims) {
            size *= d;
        }
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            v[i] = rnd.nextGaussian();
        }
        return Grid.of(v, dims);
    }
}
