package dev.convolution.core;

import java.util.List;

/**
 * The terms of one output.
 *
 * @param output the output label on each axis
 * @param index the output's flat (row-major) index in the output array
 * @param terms every term, padded ones included, in ascending input order
 */
public record TraceEntry(long[] output, int index, List<Term> terms) {
}
