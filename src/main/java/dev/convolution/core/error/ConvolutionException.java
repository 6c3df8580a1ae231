package dev.convolution.core.error;

import java.util.List;

/** The family of failures the core reports; each carries the fields to blame. */
public abstract class ConvolutionException extends RuntimeException {
    private final transient List<Violation> violations;

    protected ConvolutionException(String message, List<Violation> violations) {
        super(message, null, false, false);
        this.violations = List.copyOf(violations);
    }

    /** What is wrong, field by field (may be empty when no single field is to blame). */
    public List<Violation> violations() {
        return violations;
    }
}
