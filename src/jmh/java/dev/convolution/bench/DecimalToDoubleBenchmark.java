package dev.convolution.bench;

import dev.convolution.codec.DecimalToDouble;
import java.math.BigDecimal;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JSON reader's number conversion alone, in nanoseconds a number: {@link DecimalToDouble#toDouble} over a million
 * precomputed (w, q, sign) triples, and {@code Double.parseDouble} over the same numbers' text for comparison. The
 * numbers are random Gaussian doubles written as {@code Double.toString} writes them ({@code shortest}: 16–17
 * significant digits, so nearly all go through Eisel–Lemire) or rounded to 6 significant digits ({@code 6digits}:
 * Clinger's fast path).
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx2g"})
public class DecimalToDoubleBenchmark {
    private static final int N = 1_000_000;

    @Param({"shortest", "6digits"})
    public String digits;

    private long[] w;
    private int[] q;
    private boolean[] negative;
    private String[] text;

    @Setup
    public void setUp() {
        Random rnd = new Random(27);
        w = new long[N];
        q = new int[N];
        negative = new boolean[N];
        text = new String[N];
        for (int i = 0; i < N; i++) {
            double d = rnd.nextGaussian();
            String s = digits.equals("shortest") ? Double.toString(d) : String.format("%.5e", d);
            BigDecimal exact = new BigDecimal(s);
            w[i] = exact.unscaledValue().abs().longValueExact();
            q[i] = -exact.scale();
            negative[i] = exact.signum() < 0;
            text[i] = s;
        }
    }

    /** A number converted from its digits and exponent; the results are summed as bits so that none is dropped. */
    @Benchmark
    @OperationsPerInvocation(N)
    public long toDouble() {
        long sum = 0;
        for (int i = 0; i < N; i++) {
            sum += Double.doubleToRawLongBits(DecimalToDouble.toDouble(w[i], q[i], negative[i]));
        }
        return sum;
    }

    /** The same numbers through {@code Double.parseDouble} of their text: what the fallback, or no fast path, costs. */
    @Benchmark
    @OperationsPerInvocation(N)
    public long parseDouble() {
        long sum = 0;
        for (int i = 0; i < N; i++) {
            sum += Double.doubleToRawLongBits(Double.parseDouble(text[i]));
        }
        return sum;
    }
}
