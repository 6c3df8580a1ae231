package dev.convolution.web.media;

/**
 * An answer that failed after its first bytes were written (a streamed input that stopped, was truncated, or held a value
 * that is not finite): the failure is logged where it happened, with the request id, and the response is left short of
 * its declared length on a connection that closes, so no client takes it as whole. Nothing more can be written.
 */
public final class AnswerAbortedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AnswerAbortedException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
