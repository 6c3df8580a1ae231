package dev.convolution.bench;

import dev.convolution.codec.Picture;
import dev.convolution.codec.Png;
import dev.convolution.core.Boundary;
import dev.convolution.core.Convolver;
import dev.convolution.core.Grid;
import dev.convolution.core.Limits;
import dev.convolution.core.Method;
import dev.convolution.core.Mode;
import dev.convolution.core.Operation;
import dev.convolution.core.Plan;
import dev.convolution.core.Spec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The PNG codec on the performance target's picture: a 2048×2048 RGB 8-bit photograph-like PNG
 * ({@code target/png/photo-2048.png}, made by {@code scripts/generate_png_fixtures.py --bench}; the system property
 * {@code png.file} names another). {@code decode} is {@link Png#read}; {@code encode} is {@link Png#write} of the picture
 * blurred (Gaussian 5×5, sigma 0: [1 4 6 4 1]/16 each way, reflect borders, as {@code cv2.GaussianBlur}) and clipped, what
 * {@code cv2.imencode} gets in {@code scripts/bench-png-opencv.py}; {@code pipeline} is the three steps in a row (read,
 * blur each colour plane with the core, scale, write): the in-process part of the HTTP request.
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx6g", "--add-modules=jdk.incubator.vector"})
public class PngBenchmark {
    private final Convolver convolver = new Convolver();
    private byte[] file;
    private Picture picture;
    private double[][] blurred;
    private Plan plan;
    private Grid kernel;

    @Setup
    public void setUp() throws IOException {
        Path path = Path.of(System.getProperty("png.file", "target/png/photo-2048.png"));
        if (!Files.exists(path)) {
            throw new IllegalStateException(path.toAbsolutePath() + " is missing: make it with "
                    + "/usr/bin/python3 scripts/generate_png_fixtures.py --bench " + path);
        }
        file = Files.readAllBytes(path);
        picture = Png.read("image", file, Long.MAX_VALUE);
        double[] g = {1, 4, 6, 4, 1};
        double[] h = new double[25];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                h[5 * i + j] = g[i] * g[j] / 256;
            }
        }
        kernel = Grid.of(h, 5, 5);
        Grid x = Grid.of(picture.planes()[0], picture.height(), picture.width());
        plan = Plan.of(Spec.defaults(Operation.CONVOLUTION).withMode(Mode.SAME).withBoundary(Boundary.REFLECT, 0), x.shape(),
                kernel.shape(), Limits.NONE);
        blurred = blur(picture);
    }

    private double[][] blur(Picture p) {
        double[][] out = new double[p.planes().length][];
        for (int c = 0; c < out.length; c++) {
            double[] y = convolver.compute(plan, Grid.of(p.planes()[c], p.height(), p.width()), kernel, Method.AUTO).output();
            out[c] = Png.scale(y, p.bitDepth(), Png.Scale.CLIP);
        }
        return out;
    }

    @Benchmark
    public Picture decode() {
        return Png.read("image", file, Long.MAX_VALUE);
    }

    @Benchmark
    public byte[] encode() {
        return Png.write(picture.width(), picture.height(), picture.bitDepth(), blurred);
    }

    @Benchmark
    public byte[] pipeline() {
        Picture p = Png.read("image", file, Long.MAX_VALUE);
        return Png.write(p.width(), p.height(), p.bitDepth(), blur(p));
    }
}
