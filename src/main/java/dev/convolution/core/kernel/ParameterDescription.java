package dev.convolution.core.kernel;

import java.util.Objects;
import java.util.Set;

/**
 * One parameter of a named kernel, as {@code GET /api/v1/kernels} lists it.
 *
 * @param name the field of the kernel object ({@code size})
 * @param type {@code integer}, {@code number}, {@code boolean} or {@code string}
 * @param required whether a request must give it
 * @param defaultValue the value taken when a request leaves it out; {@code null} when it is required or has none
 * @param allowed the values taken, in words ({@code "odd, 1 to 255 in 2D"}, {@code "x, y"})
 * @param description what it does
 */
public record ParameterDescription(String name, String type, boolean required, Object defaultValue, String allowed,
        String description) {

    private static final Set<String> TYPES = Set.of("integer", "number", "boolean", "string");

    public ParameterDescription {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(allowed, "allowed");
        Objects.requireNonNull(description, "description");
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("type " + type + " is not one of " + TYPES);
        }
        if (required && defaultValue != null) {
            throw new IllegalArgumentException(name + " is required, so it has no default");
        }
    }
}
