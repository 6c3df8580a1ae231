package dev.convolution.core.error;

import java.util.List;

/** The request breaks a shape or relational rule: ragged rows, a kernel that does not fit, a bad label. */
public class InvalidRequestException extends ConvolutionException {
    public InvalidRequestException(String field, String message) {
        this(message, List.of(new Violation(field, message)));
    }

    public InvalidRequestException(String message, List<Violation> violations) {
        super(message, violations);
    }
}
