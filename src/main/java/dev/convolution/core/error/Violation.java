package dev.convolution.core.error;

import java.util.Objects;

/**
 * One thing wrong with a request, and the field to blame ({@code image[2]}, {@code stride}).
 *
 * @param field the path of the field in the request, as the client wrote it
 * @param message a sentence saying what is wrong
 */
public record Violation(String field, String message) {
    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
