package dev.convolution.bench;

import dev.convolution.core.channel.FloatChannelLoop;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How near the float32 layers' loop runs to the core's limit, on one thread, in GFLOP/s (JMH's ops/ns: each operation
 * is one floating-point operation, a fused multiply-add counting two).
 * <ul>
 * <li>{@code channelLoop}: {@link FloatChannelLoop#sum8} on L1's terms (64 input channels × 9 taps of a 3×3 kernel at the
 * padded pitch of 58, in groups of 126) over a piece of 1,024 positions, eight outputs: 9,437,184 operations a call;
 * <li>{@code fmaPeak}: 24 independent chains of fused multiply-adds in vectors of 16 floats (AVX-512), no loads:
 * 768,000 operations a call, the core's float32 FMA peak as Java reaches it.
 * </ul>
 * On a machine with 8-float vectors (AVX2) the peak's count is twice its operations.
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.Throughput)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class FloatLoopBenchmark {
    private static final int SIZE = 58 * 58;
    private static final int CHANNELS = 64;
    private static final int N = 1024;
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_512;
    private static final int CHAINS_STEPS = 1000;

    private final FloatChannelLoop loop = FloatChannelLoop.preferred();
    private float[] x;
    private int[] off;
    private float[] w;
    private final float[][] y = new float[FloatChannelLoop.OUTPUTS][N];
    private final float[] seed = {0.5f, 0.25f};

    @Setup
    public void setUp() {
        Random rnd = new Random(1);
        x = new float[CHANNELS * SIZE];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        int[] taps = {0, 1, 2, 58, 59, 60, 116, 117, 118};
        off = new int[CHANNELS * taps.length];
        for (int j = 0; j < CHANNELS; j++) {
            for (int t = 0; t < taps.length; t++) {
                off[j * taps.length + t] = j * SIZE + taps[t];
            }
        }
        w = new float[off.length * FloatChannelLoop.OUTPUTS];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) rnd.nextGaussian();
        }
    }

    @Benchmark
    @OperationsPerInvocation(2 * FloatChannelLoop.OUTPUTS * N * CHANNELS * 9)
    public float[][] channelLoop() {
        loop.sum8(x, 0, off, w, 126, y, 0, N);
        return y;
    }

    @Benchmark
    @OperationsPerInvocation(24 * 16 * 2 * CHAINS_STEPS)
    public float fmaPeak() {
        FloatVector u = FloatVector.broadcast(SPECIES, seed[0]);
        FloatVector v = FloatVector.broadcast(SPECIES, seed[1]);
        FloatVector a0 = u, a1 = v, a2 = u, a3 = v, a4 = u, a5 = v, a6 = u, a7 = v, a8 = u, a9 = v, a10 = u, a11 = v;
        FloatVector b0 = u, b1 = v, b2 = u, b3 = v, b4 = u, b5 = v, b6 = u, b7 = v, b8 = u, b9 = v, b10 = u, b11 = v;
        for (int i = 0; i < CHAINS_STEPS; i++) {
            a0 = a0.fma(u, v);
            a1 = a1.fma(u, v);
            a2 = a2.fma(u, v);
            a3 = a3.fma(u, v);
            a4 = a4.fma(u, v);
            a5 = a5.fma(u, v);
            a6 = a6.fma(u, v);
            a7 = a7.fma(u, v);
            a8 = a8.fma(u, v);
            a9 = a9.fma(u, v);
            a10 = a10.fma(u, v);
            a11 = a11.fma(u, v);
            b0 = b0.fma(u, v);
            b1 = b1.fma(u, v);
            b2 = b2.fma(u, v);
            b3 = b3.fma(u, v);
            b4 = b4.fma(u, v);
            b5 = b5.fma(u, v);
            b6 = b6.fma(u, v);
            b7 = b7.fma(u, v);
            b8 = b8.fma(u, v);
            b9 = b9.fma(u, v);
            b10 = b10.fma(u, v);
            b11 = b11.fma(u, v);
        }
        FloatVector s = a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11);
        s = s.add(b0).add(b1).add(b2).add(b3).add(b4).add(b5).add(b6).add(b7).add(b8).add(b9).add(b10).add(b11);
        return s.lane(0);
    }
}
