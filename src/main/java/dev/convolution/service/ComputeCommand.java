package dev.convolution.service;

import dev.convolution.core.Grid;
import dev.convolution.core.Method;
import dev.convolution.core.Spec;
import dev.convolution.core.type.ElementType;
import java.util.Objects;

/**
 * One compute request as the service takes it, whatever endpoint it came from: the spec, the data
 * and what to return.
 *
 * @param inputField the request field of the input ({@code signal}, {@code image}, {@code input}), for messages
 * @param method the method asked for; null means {@link Method#DEFAULT}
 * @param trace the outputs to trace, or null for no trace
 * @param type the type to compute in: the request's {@code dtype}, else numpy's rule on the data's types
 * @param inputImaginary the input's imaginary parts, or null (zeros where the type is complex)
 * @param kernelImaginary the kernel's imaginary parts as stored, or null (zeros where the type is complex)
 * @param conjugate false when a complex correlation is to use the kernel unconjugated (PyTorch's sum); true by default
 */
public record ComputeCommand(Spec spec, String inputField, Grid input, Grid kernel, Method method, TraceSelection trace,
        ElementType type, Grid inputImaginary, Grid kernelImaginary, boolean conjugate) {

    /** A command on real data. */
    public ComputeCommand(Spec spec, String inputField, Grid input, Grid kernel, Method method, TraceSelection trace, ElementType type) {
        this(spec, inputField, input, kernel, method, trace, type, null, null, true);
    }

    /** True when the kernel meets the input conjugated: a correlation of complex data that conjugates. */
    public boolean conjugates() {
        return conjugate && type.isComplex() && spec.operation() == dev.convolution.core.Operation.CROSS_CORRELATION;
    }

    public ComputeCommand {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(kernel, "kernel");
        method = Objects.requireNonNullElse(method, Method.DEFAULT);
        Objects.requireNonNull(type, "type");
    }
}
