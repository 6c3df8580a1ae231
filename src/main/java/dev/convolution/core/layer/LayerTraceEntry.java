package dev.convolution.core.layer;

import java.util.List;

/**
 * The terms of one traced value of a layer: {@code value} is the sum of the terms' products plus the bias
 * (present only on a forward output of a layer with a bias).
 *
 * @param output the value's label in its array ({@code [n, c, spatial…]}, or {@code [c_out, c_in_g, k…]} for the weight gradient)
 * @param bias the output channel whose bias is added, or -1 for none
 */
public record LayerTraceEntry(long[] output, double value, List<LayerTerm> terms, int bias, double biasValue) {
}
