package dev.convolution.core.layer;

import dev.convolution.core.Plan;
import java.util.List;

/**
 * The terms of one traced value of a layer: {@code value} is the sum of the terms' products plus the bias
 * (present only on a forward output of a layer with a bias).
 *
 * @param output the value's label in its array ({@code [n, c, spatial…]}, or {@code [c_out, c_in_g, k…]} for the weight gradient)
 * @param bias the output channel whose bias is added, or -1 for none
 */
public record LayerTraceEntry(long[] output, double value, List<LayerTerm> terms, int bias, double biasValue) {

    /**
     * The value as the sum it is, such as {@code output[0,0,1] = input[0,0,1]·weight[0,0,0] + … + bias[0]}: every
     * product but those whose left operand is a zero of the padding (a padded value the padding rule took from an
     * element is written with that element's label), then the bias; {@code 0} when nothing is left.
     *
     * @param array the traced array's name in the response ({@code output}, {@code gradInput}, …)
     */
    public String formula(String array) {
        StringBuilder s = new StringBuilder(array).append(Plan.labelText(output)).append(" = ");
        int n = 0;
        for (LayerTerm t : terms) {
            if (t.padded() && t.source() == null) {
                continue;
            }
            s.append(n++ == 0 ? "" : " + ").append(t.leftName()).append(Plan.labelText(t.source() != null ? t.source() : t.left()));
            if (t.right() != null) {
                s.append('·').append(t.rightName()).append(Plan.labelText(t.right()));
            }
        }
        if (bias >= 0) {
            s.append(n++ == 0 ? "" : " + ").append("bias[").append(bias).append(']');
        }
        if (n == 0) {
            s.append('0');
        }
        return s.toString();
    }
}
