package dev.convolution.service;

import dev.convolution.core.Result;
import dev.convolution.core.TraceEntry;
import dev.convolution.core.type.ElementType;
import java.util.List;

/**
 * A computed result and the trace, if one was asked for.
 *
 * @param trace the traced outputs, or null when no trace was asked for
 * @param type the result's type: {@code INT64} on the exact-integer path, {@code FLOAT32}, {@code FLOAT64}, or complex
 * @param imaginary a complex result's imaginary parts, null for a real one ({@code result} holds the real parts)
 */
public record Computation(Result result, List<TraceEntry> trace, ElementType type, Imaginary imaginary) {

    /** A real result. */
    public Computation(Result result, List<TraceEntry> trace, ElementType type) {
        this(result, trace, type, null);
    }

    /**
     * The imaginary half of a complex result.
     *
     * @param output the output's imaginary parts, row-major
     * @param kernelAsApplied the imaginary parts of the kernel as it met the input (conjugate included)
     * @param trace the traced outputs' terms over the imaginary parts (the same terms as {@code trace}: inputValue the
     *     input's imaginary part, kernelValue the kernel's as stored), or null
     * @param conjugated true when the kernel met the input conjugated
     */
    public record Imaginary(double[] output, double[] kernelAsApplied, List<TraceEntry> trace, boolean conjugated) {
    }
}
