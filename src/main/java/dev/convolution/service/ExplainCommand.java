package dev.convolution.service;

import dev.convolution.core.Shape;
import dev.convolution.core.Spec;
import java.util.Objects;

/**
 * One explain request as the service takes it: the spec and the shapes, no values.
 *
 * @param selection the outputs to explain
 * @param symbols kernel symbols row-major (already checked against the kernel shape), or null
 * @param conjugated true when the kernel meets the input conjugated (a correlation of complex data that conjugates)
 */
public record ExplainCommand(Spec spec, Shape input, Shape kernel, TraceSelection selection, String[] symbols, boolean conjugated) {
    public ExplainCommand {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(selection, "selection");
    }
}
