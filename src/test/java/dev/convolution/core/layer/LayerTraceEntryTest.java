package dev.convolution.core.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A traced layer value reads as the sum it is: the zeros of the padding left out, a copied value under its element's label. */
class LayerTraceEntryTest {

    @Test
    void formulaLeavesOutZerosOfThePaddingAndWritesCopiedValuesWithTheirElementsLabel() {
        LayerTraceEntry e = new LayerTraceEntry(new long[] {0, 0, 1}, 5, List.of(
                new LayerTerm("input", new long[] {0, 0, -1}, 0, "weight", new long[] {0, 0, 0}, 2, true, null, null),
                new LayerTerm("input", new long[] {0, 0, 3}, 1, "weight", new long[] {0, 0, 1}, 2, true, new long[] {0, 0, 1}, null),
                new LayerTerm("input", new long[] {0, 0, 1}, 1, "weight", new long[] {0, 0, 2}, 2, false, null, null)), 0, 1);
        assertThat(e.formula("output"))
                .isEqualTo("output[0,0,1] = input[0,0,1]·weight[0,0,1] + input[0,0,1]·weight[0,0,2] + bias[0]");
    }

    @Test
    void formulaOfAValueWithNoTermLeftIsZero() {
        LayerTraceEntry e = new LayerTraceEntry(new long[] {0, 0, 0}, 0, List.of(
                new LayerTerm("input", new long[] {0, 0, -1}, 0, "weight", new long[] {0, 0, 0}, 2, true, null, null)), -1, 0);
        assertThat(e.formula("output")).isEqualTo("output[0,0,0] = 0");
    }

    @Test
    void formulaOfABiasGradientListsTheGradOutputElements() {
        LayerTraceEntry e = new LayerTraceEntry(new long[] {1}, 3, List.of(
                new LayerTerm("gradOutput", new long[] {0, 1, 0}, 1, null, null, Double.NaN, false, null, null),
                new LayerTerm("gradOutput", new long[] {0, 1, 1}, 2, null, null, Double.NaN, false, null, null)), -1, 0);
        assertThat(e.formula("gradBias")).isEqualTo("gradBias[1] = gradOutput[0,1,0] + gradOutput[0,1,1]");
    }
}
