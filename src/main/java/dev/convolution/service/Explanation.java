package dev.convolution.service;

import dev.convolution.core.Plan;
import dev.convolution.core.TraceEntry;
import java.util.List;

/**
 * The index algebra of a request without values: the plan, the listed outputs' terms and their
 * formula lines.
 *
 * @param symbols the kernel symbols row-major, or null
 * @param conjugated true when the formulas conjugate the kernel
 */
public record Explanation(Plan plan, List<TraceEntry> entries, List<String> lines, String[] symbols, boolean conjugated) {
}
