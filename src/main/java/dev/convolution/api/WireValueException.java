package dev.convolution.api;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * A JSON value of the right syntax but the wrong kind for its field ({@code "2"} for an integer,
 * {@code 1.5} for a stride, {@code "FULL"} for a mode). Its message is ours and safe to show; Jackson
 * adds the field path as the exception travels up.
 */
final class WireValueException extends MismatchedInputException {
    private static final long serialVersionUID = 1L;

    WireValueException(JsonParser p, String message) {
        super(p, message);
    }
}
