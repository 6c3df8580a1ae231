package dev.convolution.core.layer;

/**
 * One product of a traced layer value: two labelled operands that met ({@code left · right}), or one operand
 * alone for a bias gradient ({@code right} null). Names are the arrays' request names: {@code input},
 * {@code weight}, {@code gradOutput}.
 *
 * @param padded true when the left operand's position lies outside its array (its value is the padding's)
 * @param source for a padded term whose value the padding rule took from an element of the array, that element's label
 * @param through for an input-gradient term that reached the element through the padding rule, the padded position
 *     (input labels, outside the input) the forward pass met it at; null otherwise
 */
public record LayerTerm(String leftName, long[] left, double leftValue, String rightName, long[] right, double rightValue,
        boolean padded, long[] source, long[] through) {

    public double product() {
        return right == null ? leftValue : leftValue * rightValue;
    }
}
