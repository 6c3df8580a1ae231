package dev.convolution.core;

import java.util.List;

/**
 * The terms of one output.
 *
 * @param output the output label on each axis
 * @param row the output's row index in the output array (0 for 1D)
 * @param col the output's column index in the output array
 * @param terms every term, padded ones included, in ascending input order
 */
public record TraceEntry(long[] output, int row, int col, List<Term> terms) {
}
