package dev.convolution.web.media;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.function.IntConsumer;
import org.springframework.http.HttpInputMessage;

/** A request body read whole, through the service's byte limit and body timeout like any other read of it. */
final class RequestBodies {
    private RequestBodies() {
    }

    /**
     * The body's bytes: sized from Content-Length when there is one (the memory admission has reserved it), read straight
     * into one array of that length ({@code InputStream.readNBytes(int)} would read it in 16 KiB pieces and copy them
     * together); a body that ends early comes back shorter, for its reader to call truncated.
     */
    static byte[] read(HttpInputMessage input) throws IOException {
        int declared = declaredLength(input);
        if (declared < 0) {
            return input.getBody().readAllBytes();
        }
        byte[] body = new byte[declared];
        int n = read(input, body, arrived -> {
        });
        return n == body.length ? body : Arrays.copyOf(body, n);
    }

    /** The length the body declares (Content-Length), when it declares one an array can hold; else −1. */
    static int declaredLength(HttpInputMessage input) {
        long declared = input.getHeaders().getContentLength();
        return declared < 0 || declared > Integer.MAX_VALUE - 8 ? -1 : (int) declared;
    }

    /**
     * Reads the body into {@code body} (as long as it declares), telling {@code arrived} after each piece how many bytes
     * are in; how many came (fewer when it ended early).
     */
    static int read(HttpInputMessage input, byte[] body, IntConsumer arrived) throws IOException {
        InputStream in = input.getBody();
        int n = 0;
        while (n < body.length) {
            int r = in.read(body, n, body.length - n);
            if (r < 0) {
                break;
            }
            n += r;
            arrived.accept(n);
        }
        return n;
    }
}
