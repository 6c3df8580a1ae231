package dev.convolution.web.body;

import java.io.IOException;

/** A request body longer than the configured byte limit. */
public final class BodyTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    public BodyTooLargeException(long limit) {
        this(limit, "convolution.limits.max-body-bytes");
    }

    /** Over a limit set by the named property. */
    public BodyTooLargeException(long limit, String setting) {
        super("the request body is larger than the limit of " + limit + " bytes (" + setting + ")");
    }
}
