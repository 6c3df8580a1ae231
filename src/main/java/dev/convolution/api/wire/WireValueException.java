package dev.convolution.api.wire;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * A JSON value of the right syntax but the wrong kind for its field ({@code "2"} for an integer,
 * {@code 1.5} for a stride, {@code "FULL"} for a mode). Its message is ours and safe to show; Jackson
 * adds the field path as the exception travels up.
 */
public final class WireValueException extends MismatchedInputException {
    private static final long serialVersionUID = 1L;

    public WireValueException(JsonParser p, String message) {
        super(p, message);
    }

    /** This exception with an array index in front of its path ({@code [3]}), as it leaves an element reader. */
    public WireValueException at(int index) {
        return index < 0 ? this : (WireValueException) prependPath(Object[].class, index);
    }
}
