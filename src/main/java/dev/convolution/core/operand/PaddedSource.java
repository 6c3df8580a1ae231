package dev.convolution.core.operand;

import dev.convolution.core.AxisPlan;
import dev.convolution.core.Boundary;

/**
 * What the padded input holds at one position of its leading axes (all axes but the ones still to walk): a slice of the
 * input, starting at {@code offset} in its flat array, or one value everywhere. Each axis says where its position takes
 * its value from ({@link PaddedAxis#source}); the axes together give the first {@link Kind} in this order that one of
 * them gives: outside the input on any axis wins, then a zero of a dilated input.
 *
 * @param offset for {@link Kind#INPUT}, the flat input index of the slice's first element; else 0
 */
public record PaddedSource(Kind kind, int offset) {

    /** What a position of the leading axes holds. */
    public enum Kind {
        /** The input: every axis's position is an input element. */
        INPUT,
        /** 0: some axis's position lies between the elements of a dilated input ({@link AxisPlan#HOLE}), none outside it. */
        ZERO,
        /** The fill value: some axis's position lies outside the input and the boundary fills it ({@link Boundary#FILLED}). */
        FILL
    }

    /**
     * Where padded positions {@code q[0 … count−1]} of the axes {@code axes[0 … count−1]} take their values.
     *
     * @param inputStrides the input's flat distance between neighbours along each of those axes
     */
    public static PaddedSource of(PaddedAxis[] axes, int count, int[] q, int[] inputStrides) {
        Kind kind = Kind.INPUT;
        int offset = 0;
        for (int a = 0; a < count; a++) {
            int s = axes[a].source(q[a]);
            if (s == Boundary.FILLED) {
                kind = Kind.FILL;
            } else if (s == AxisPlan.HOLE) {
                kind = kind == Kind.FILL ? kind : Kind.ZERO;
            } else {
                offset += s * inputStrides[a];
            }
        }
        return new PaddedSource(kind, kind == Kind.INPUT ? offset : 0);
    }
}
