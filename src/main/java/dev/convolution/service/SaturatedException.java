package dev.convolution.service;

/** Every computation permit of a lane is taken; the client should retry after the given delay. */
public class SaturatedException extends RuntimeException {
    private final int retryAfterSeconds;

    public SaturatedException(int maxComputations, String lane, int retryAfterSeconds) {
        super("the service is computing " + maxComputations + " " + lane + " requests at once, its configured maximum; retry after "
                + retryAfterSeconds + " s", null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Saturated for another reason than permits (the memory budget), said in {@code message}. */
    public SaturatedException(String message, int retryAfterSeconds) {
        super(message, null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
