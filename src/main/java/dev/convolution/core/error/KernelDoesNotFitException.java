package dev.convolution.core.error;

/** In {@code valid} mode the dilated kernel is longer than the input on some axis. */
public class KernelDoesNotFitException extends InvalidRequestException {
    public KernelDoesNotFitException(String field, String message) {
        super(field, message);
    }
}
