package dev.convolution.service;

import dev.convolution.core.Result;
import dev.convolution.core.TraceEntry;
import java.util.List;

/**
 * A computed result and the trace, if one was asked for.
 *
 * @param trace the traced outputs, or null when no trace was asked for
 */
public record Computation(Result result, List<TraceEntry> trace) {
}
