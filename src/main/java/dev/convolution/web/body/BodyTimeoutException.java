package dev.convolution.web.body;

import java.io.IOException;
import java.time.Duration;

/** A request body still arriving after the configured body timeout. */
public final class BodyTimeoutException extends IOException {
    private static final long serialVersionUID = 1L;

    public BodyTimeoutException(Duration timeout) {
        super("the request body did not arrive within " + timeout.toMillis() + " ms (convolution.limits.body-timeout); "
                + "send it at once, or a smaller one");
    }
}
