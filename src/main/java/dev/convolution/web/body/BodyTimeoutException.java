package dev.convolution.web.body;

import java.io.IOException;
import java.time.Duration;

/** A request body still arriving after the configured body timeout. */
public final class BodyTimeoutException extends IOException {
    private static final long serialVersionUID = 1L;

    /** A streamed body that paused longer than the timeout between two of its reads. */
    static BodyTimeoutException paused(Duration timeout) {
        return new BodyTimeoutException("the streamed request body paused for more than " + timeout.toMillis()
                + " ms (convolution.limits.body-timeout, the longest gap between its bytes)");
    }

    private BodyTimeoutException(String message) {
        super(message);
    }

    public BodyTimeoutException(Duration timeout) {
        super("the request body did not arrive within " + timeout.toMillis() + " ms (convolution.limits.body-timeout); "
                + "send it at once, or a smaller one");
    }
}
