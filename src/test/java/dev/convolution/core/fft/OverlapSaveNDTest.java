package dev.convolution.core.fft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.convolution.core.Deadline;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The 3D and 4D overlap-save tiles, with the first axis transformed or summed directly ({@link OverlapSaveND#DIRECT}):
 * every tiling gives the plain stride-1 sliding sums.
 */
class OverlapSaveNDTest {

    /** The plain stride-1 correlation of a padded input (lengths p) with a kernel (spans e), row-major. */
    private static double[] sliding(double[] xp, int[] p, double[] g, int[] e) {
        int m = p.length;
        int[] f = new int[m];
        int total = 1;
        for (int a = 0; a < m; a++) {
            f[a] = p[a] - e[a] + 1;
            total *= f[a];
        }
        double[] y = new double[total];
        int[] u = new int[m];
        int[] t = new int[m];
        for (int o = 0; o < total; o++) {
            int rest = o;
            for (int a = m - 1; a >= 0; a--) {
                u[a] = rest % f[a];
                rest /= f[a];
            }
            double acc = 0;
            int kernelSize = g.length;
            for (int k = 0; k < kernelSize; k++) {
                int r = k;
                for (int a = m - 1; a >= 0; a--) {
                    t[a] = r % e[a];
                    r /= e[a];
                }
                int at = 0;
                for (int a = 0; a < m; a++) {
                    at = at * p[a] + u[a] + t[a];
                }
                acc += xp[at] * g[k];
            }
            y[o] = acc;
        }
        return y;
    }

    private static int[] ints(String s) {
        return Arrays.stream(s.split(" ")).mapToInt(Integer::parseInt).toArray();
    }

    @ParameterizedTest(name = "padded {0}, spans {1}, tiles {2}")
    @CsvSource({
        // the first axis summed directly: several tiles on the others, one, a partial last tile
        "20 30 40, 5 7 9, 0 16 32",
        "20 30 40, 5 7 9, 0 32 64",
        "17 23 29, 1 3 5, 0 8 16",
        "11 26 26, 11 4 4, 0 8 8",
        // a kernel whose planes are partly zero (a dilated one), summed directly
        "19 21 23, 7 3 3, 0 8 8",
        // transformed: tiles on every axis, and the whole axis
        "20 30 40, 5 7 9, 16 16 32",
        "20 30 40, 5 7 9, 32 32 64",
        // 4D, both ways
        "9 10 12 14, 3 2 4 5, 0 4 8 8",
        "9 10 12 14, 3 2 4 5, 8 4 8 8",
        // large enough to spread one tile's passes over the shared pool
        "40 70 72, 6 9 9, 0 128 128",
    })
    void everyTilingGivesThePlainSlidingSums(String padded, String spans, String tiles) {
        int[] p = ints(padded);
        int[] e = ints(spans);
        Random rnd = new Random(Arrays.hashCode(p) * 31L + Arrays.hashCode(e) + tiles.hashCode());
        int size = Arrays.stream(p).reduce(1, (a, b) -> a * b);
        int kernelSize = Arrays.stream(e).reduce(1, (a, b) -> a * b);
        double[] xp = rnd.doubles(size, -1, 1).toArray();
        double[] g = rnd.doubles(kernelSize, -1, 1).toArray();
        if (p[0] == 19) { // only every third plane of the first axis is not zero, as with dilation 3
            int plane = kernelSize / e[0];
            for (int i = 0; i < kernelSize; i++) {
                if ((i / plane) % 3 != 0) {
                    g[i] = 0;
                }
            }
        }
        double[] expected = sliding(xp, p, g, e);
        double[] y = OverlapSaveND.correlate(xp, p, g, e, ints(tiles), Deadline.none());
        assertThat(y).hasSize(expected.length);
        double tolerance = 1e-12 * kernelSize;
        for (int i = 0; i < y.length; i++) {
            assertThat(y[i]).as("output %d", i).isCloseTo(expected[i], within(tolerance));
        }
    }

    @Test
    void aShortFirstAxisKernelOnAVolumeIsSummedDirectlyAndALongOneIsTransformed() {
        // W8 of docs/performance.md: 96³ × 15³ in mode same (padded 110³)
        assertThat(TileCost.tileLengths(new int[] {110, 110, 110}, new int[] {15, 15, 15})[0]).isEqualTo(OverlapSaveND.DIRECT);
        // a kernel as long as the padded axis along the first axis: summing its 300 planes would cost more than transforms
        assertThat(TileCost.tileLengths(new int[] {600, 40, 40}, new int[] {300, 3, 3})[0]).isNotEqualTo(OverlapSaveND.DIRECT);
    }

    @Test
    void aVolumeSummedDirectlyAlongItsFirstAxisGetsPlanesOfAtMost64By64WhereTheModelWouldPickLarger() {
        // the shapes TileProbe timed: the model alone picks [0, 64, 128], [0, 64, 144], [0, 64, 256], [0, 64, 300], [0, 128, 128]
        int[][][] shapes = {
            {{110, 110, 110}, {15, 15, 15}}, {{142, 142, 142}, {15, 15, 15}}, {{80, 208, 208}, {9, 9, 9}},
            {{60, 110, 300}, {11, 11, 11}}, {{128, 128, 128}, {5, 5, 5}}};
        for (int[][] s : shapes) {
            int[] t = TileCost.tileLengths(s[0], s[1]);
            assertThat(t[0]).as("%s: first axis", Arrays.toString(s[0])).isEqualTo(OverlapSaveND.DIRECT);
            assertThat(t[1] * t[2]).as("%s: plane of %s", Arrays.toString(s[0]), Arrays.toString(t))
                    .isLessThanOrEqualTo(TileCost.DIRECT_PLANE);
        }
    }

    @Test
    void theModelCostsTheDirectFirstAxisByItsSums() {
        int[] p = {110, 110, 110};
        int[] e = {15, 15, 15};
        int[] longer = {110, 110, 110};
        int[] e2 = {30, 15, 15};
        // the same tiles on the other axes: twice the kernel planes cost more, by the sums alone
        double one = TileCost.cost(p, e, new int[] {OverlapSaveND.DIRECT, 64, 128});
        double two = TileCost.cost(longer, e2, new int[] {OverlapSaveND.DIRECT, 64, 128});
        assertThat(two).isGreaterThan(one);
    }
}
