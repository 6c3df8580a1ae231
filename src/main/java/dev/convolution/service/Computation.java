package dev.convolution.service;

import dev.convolution.core.Result;
import dev.convolution.core.TraceEntry;
import dev.convolution.core.type.ElementType;
import java.util.List;

/**
 * A computed result and the trace, if one was asked for.
 *
 * @param trace the traced outputs, or null when no trace was asked for
 * @param type the result's type: {@code INT64} on the exact-integer path, {@code FLOAT32} or {@code FLOAT64}
 */
public record Computation(Result result, List<TraceEntry> trace, ElementType type) {
}
