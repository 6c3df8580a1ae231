package dev.convolution.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The pictograms of API.md for the input {@code a b c d}, and folds far outside the input. */
class BoundaryTest {

    /** The letters at positions from {@code from} to {@code to} of the input a b c d. */
    private static String picture(Boundary b, int from, int to) {
        StringBuilder s = new StringBuilder();
        for (int p = from; p <= to; p++) {
            int src = b.source(p, 4);
            s.append(src == Boundary.FILLED ? 'k' : (char) ('a' + src));
        }
        return s.toString();
    }

    @Test
    void fillUsesTheConstantOutside() {
        assertThat(picture(Boundary.FILL, -2, 5)).isEqualTo("kkabcdkk");
    }

    @Test
    void wrapBoundaryTakesTheOppositeEdge() {
        assertThat(picture(Boundary.WRAP, -2, 5)).isEqualTo("cdabcdab");
    }

    @Test
    void symmetricMirrorRepeatsTheEdge() {
        assertThat(picture(Boundary.SYMMETRIC, -4, 7)).isEqualTo("dcbaabcddcba");
    }

    @Test
    void reflectMirrorDoesNotRepeatTheEdge() {
        assertThat(picture(Boundary.REFLECT, -3, 6)).isEqualTo("dcbabcdcba");
    }

    @Test
    void replicateRepeatsTheEdgeValue() {
        assertThat(picture(Boundary.REPLICATE, -2, 5)).isEqualTo("aaabcddd");
    }

    @Test
    void singleElementInputRepeatsForEveryMirror() {
        for (Boundary b : new Boundary[] {Boundary.REFLECT, Boundary.SYMMETRIC, Boundary.WRAP, Boundary.REPLICATE}) {
            for (long p = -7; p <= 7; p++) {
                assertThat(b.source(p, 1)).as("%s at %d", b, p).isZero();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Boundary.class)
    void foldsFarOutsideTheInputAgreeWithOneMirrorAtATime(Boundary b) {
        for (int n = 1; n <= 6; n++) {
            for (long p = -50; p <= 50; p++) {
                assertThat(b.source(p, n)).as("%s n=%d p=%d", b, n, p).isEqualTo(NaiveReference.fold(p, n, b));
            }
        }
    }

    @Test
    void sourcesAreTotalForExtremePositions() {
        for (Boundary b : Boundary.values()) {
            int s = b.source(Long.MIN_VALUE / 4, 7);
            assertThat(s == Boundary.FILLED || (s >= 0 && s < 7)).as("%s", b).isTrue();
        }
    }
}
