package dev.convolution.api.convolution;

import dev.convolution.api.wire.NestedValues;
import dev.convolution.core.Boundary;
import dev.convolution.core.IndexOrigin;
import dev.convolution.core.Method;
import dev.convolution.core.Mode;
import dev.convolution.core.Operation;
import dev.convolution.core.type.ElementType;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Benchmark-only baseline, compiled only with {@code -Pbench} (it lives under {@code src/jmh}, not in
 * the production jar) and active only with the profile {@code bench}: the same request records
 * read and the same response record written as the real endpoints, with no computation, so a load
 * run can state what the framework and JSON cost by themselves.
 */
@Hidden
@Profile("bench")
@RestController
class BareJsonController {
    private static final ConvolutionResponse SEED = new ConvolutionResponse(Operation.CONVOLUTION, null, Mode.VALID, Boundary.FILL,
            Method.DIRECT, ElementType.INT64, IndexOrigin.CORNER, new int[] {4}, new NestedValues(new int[] {4}, new double[] {-1, 2, 2, -1}), new long[] {0}, new int[] {1},
            new int[] {1}, null, new NestedValues(new int[] {2}, new double[] {-1, 1}), "y[m] = Σ_k h[k]·x[m+1−k]", null);

    /** Reads a signal request and answers the seed's response: JSON in and out, nothing computed. */
    @PostMapping(path = "/bench/bare/signal", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ConvolutionResponse signal(@RequestBody SignalConvolutionRequest r) {
        return SEED;
    }

    /** Reads an image request and writes its image back as the output: the bare JSON read and write of the same arrays. */
    @PostMapping(path = "/bench/bare/image", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ConvolutionResponse image(@RequestBody ImageConvolutionRequest r) {
        double[][] rows = r.image().rows();
        double[][] kernel = r.kernel().rows().rows();
        return new ConvolutionResponse(Operation.CONVOLUTION, null, Mode.SAME, Boundary.FILL, Method.DIRECT, ElementType.FLOAT64,
                IndexOrigin.CORNER,
                new int[] {rows.length, rows[0].length}, flat(rows), new long[] {0, 0}, new int[] {1, 1}, new int[] {1, 1}, null,
                flat(kernel), "y[m,n] = Σ_k Σ_l h[k,l]·x[m−k, n−l]", null);
    }

    /** Rows as the response's row-major array (the real endpoints' output is one array too). */
    private static NestedValues flat(double[][] rows) {
        int cols = rows[0].length;
        double[] v = new double[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, v, i * cols, cols);
        }
        return new NestedValues(new int[] {rows.length, cols}, v);
    }

    /**
     * Answers the bytes it is sent, as they are: the bare cost of moving a body in and out over HTTP, the baseline of
     * the .npy round trip (scripts/bench-binary).
     */
    @PostMapping(path = "/bench/bare/echo", consumes = MediaType.ALL_VALUE, produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    byte[] echo(@RequestBody byte[] body) {
        return body;
    }
}
