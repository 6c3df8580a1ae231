package dev.convolution.core.error;

/** A trace or explanation would list more terms than the configured limit. */
public class TraceTooLargeException extends InvalidRequestException {
    public TraceTooLargeException(String field, String message) {
        super(field, message);
    }
}
