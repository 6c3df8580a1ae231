package dev.convolution.bench;

import dev.convolution.codec.ShortestDecimal;
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
import tools.jackson.core.io.NumberOutput;

/**
 * Number text alone, in nanoseconds a number: a million random Gaussian values ({@code double}: 16–17 significant
 * digits; {@code float}: the same values as float32) written one after another, comma-separated, into one byte array,
 * by {@link ShortestDecimal} ({@code shortest}) and by what the JSON writer does today ({@code jackson}: the compact
 * rule, then {@code NumberOutput.toString(v, true)}, a String a number, copied into the array).
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ShortestDecimalBenchmark {
    private static final int N = 1_000_000;

    @Param({"double", "float"})
    public String type;

    private double[] doubles;
    private float[] floats;
    private byte[] out;

    @Setup
    public void setUp() {
        Random rnd = new Random(27);
        doubles = new double[N];
        floats = new float[N];
        for (int i = 0; i < N; i++) {
            doubles[i] = rnd.nextGaussian();
            floats[i] = (float) doubles[i];
        }
        out = new byte[N * (ShortestDecimal.MAX_LENGTH + 1)];
    }

    /** A number written by ShortestDecimal; returns the length written. */
    @Benchmark
    @OperationsPerInvocation(N)
    public int shortest() {
        byte[] b = out;
        int pos = 0;
        if (type.equals("double")) {
            double[] v = doubles;
            for (int i = 0; i < v.length; i++) {
                if (i > 0) {
                    b[pos++] = ',';
                }
                pos = ShortestDecimal.write(v[i], b, pos);
            }
        } else {
            float[] v = floats;
            for (int i = 0; i < v.length; i++) {
                if (i > 0) {
                    b[pos++] = ',';
                }
                pos = ShortestDecimal.write(v[i], b, pos);
            }
        }
        return pos;
    }

    /** A number written as today: the compact rule, Jackson's String, its bytes copied. */
    @Benchmark
    @OperationsPerInvocation(N)
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): a Latin-1 copy, the cheapest there is
    public int jackson() {
        byte[] b = out;
        int pos = 0;
        if (type.equals("double")) {
            double[] v = doubles;
            for (int i = 0; i < v.length; i++) {
                if (i > 0) {
                    b[pos++] = ',';
                }
                double x = v[i];
                String s = x == Math.rint(x) && Math.abs(x) < 0x1p53 ? Long.toString((long) x) : NumberOutput.toString(x, true);
                s.getBytes(0, s.length(), b, pos);
                pos += s.length();
            }
        } else {
            float[] v = floats;
            for (int i = 0; i < v.length; i++) {
                if (i > 0) {
                    b[pos++] = ',';
                }
                float x = v[i];
                String s = x == Math.rint(x) && Math.abs(x) < 0x1p24f ? Long.toString((long) x) : NumberOutput.toString(x, true);
                s.getBytes(0, s.length(), b, pos);
                pos += s.length();
            }
        }
        return pos;
    }
}
