package dev.convolution.core.error;

import java.util.List;

/** An array (input, kernel, output or padded input) is larger than the configured limit. */
public class LimitExceededException extends ConvolutionException {
    public LimitExceededException(String field, String message) {
        super(message, List.of(new Violation(field, message)));
    }
}
