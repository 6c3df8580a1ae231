package dev.convolution.bench;

import dev.convolution.api.wire.NestedArray;
import dev.convolution.api.wire.NestedValues;
import dev.convolution.api.wire.StrictJson;
import dev.convolution.api.wire.WireReading;
import dev.convolution.config.JacksonConfiguration;
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
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON wire format alone, in nanoseconds a number: the strict readers into primitive arrays and the compact writers
 * of the service's own mapper (its strict settings and its wire module), on a million numbers: random doubles
 * ({@code doubles}, Gaussian, 16–17 significant digits) or random integers within ±10^6 ({@code integers}), as one array
 * ({@code 1d}: a signal), rows ({@code 2d}: 1000×1000, an image) or a nested array ({@code 3d}: 100×100×100, a volume).
 * The heap is fixed and touched ahead ({@code -XX:+AlwaysPreTouch}): each operation allocates tens of megabytes, and
 * without it an operation that first touches heap the JVM has just grown into runs three times slower (page faults),
 * in phases that come and go with the young collections.
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
public class WireBenchmark {
    private static final int N = 1_000_000;

    @Param({"doubles", "integers"})
    public String numbers;

    @Param({"1d", "2d", "3d"})
    public String form;

    private JsonMapper json;
    private byte[] body;
    private NestedValues values;
    private ObjectReader reader;

    @Setup
    public void setUp() {
        json = JacksonConfiguration.strict(JsonMapper.builder()).addModule(StrictJson.module()).build();
        Random rnd = new Random(27);
        double[] v = new double[N];
        for (int i = 0; i < N; i++) {
            v[i] = numbers.equals("doubles") ? rnd.nextGaussian() : rnd.nextInt(2_000_001) - 1_000_000;
        }
        int[] shape = switch (form) {
            case "1d" -> new int[] {N};
            case "2d" -> new int[] {1000, 1000};
            default -> new int[] {100, 100, 100};
        };
        values = new NestedValues(shape, v);
        body = json.writeValueAsBytes(values);
        reader = json.readerFor(switch (form) {
            case "1d" -> double[].class;
            case "2d" -> double[][].class;
            default -> NestedArray.class;
        });
    }

    /** A number read: the body parsed into the form's primitive arrays as the service reads a JSON body, every strict check on. */
    @Benchmark
    @OperationsPerInvocation(N)
    public Object read() {
        return WireReading.read(reader, body);
    }

    /** A number written: the values written nested to their shape, compact (integers without a fraction). */
    @Benchmark
    @OperationsPerInvocation(N)
    public byte[] write() {
        return json.writeValueAsBytes(values);
    }
}
