package dev.convolution.core.direct;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convolution.core.AxisPlan;
import dev.convolution.core.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pieces that let a tile read the input in place and share rows: the interior of an axis, the cuts, rows of a tile. */
class TileRowsTest {

    /** Both loops that this runtime can load (the vector loop only when the module is there). */
    private static List<TileLoop> loops() {
        List<TileLoop> loops = new ArrayList<>(List.of(TileLoop.scalar()));
        if (TileLoop.vector() != null) {
            loops.add(TileLoop.vector());
        }
        return loops;
    }

    @Test
    void theInteriorOfAnAxisIsExactlyTheOutputsWhoseTapsAllMeetInputElements() {
        Random rnd = new Random(7);
        for (int c = 0; c < 3000; c++) {
            int n = 1 + rnd.nextInt(12);
            int taps = 1 + rnd.nextInt(6);
            int dilation = 1 + rnd.nextInt(3);
            int stride = 1 + rnd.nextInt(3);
            int inputDilation = rnd.nextInt(5) == 0 ? 2 : 1;
            boolean reversed = rnd.nextBoolean();
            AxisPlan axis;
            if (rnd.nextBoolean()) {
                Mode mode = Mode.values()[rnd.nextInt(Mode.values().length)];
                if (mode == Mode.VALID && (long) (taps - 1) * dilation + 1 > n) {
                    continue;
                }
                axis = AxisPlan.of("", "kernel", n, taps, dilation, stride, mode, rnd.nextBoolean(), reversed, Long.MAX_VALUE);
            } else {
                long extent = (long) (n - 1) * inputDilation + 1;
                long span = (long) (taps - 1) * dilation + 1;
                int before = rnd.nextInt(6);
                int after = (int) Math.max(rnd.nextInt(6), span - extent - before);
                axis = AxisPlan.padded("", n, inputDilation, taps, dilation, stride, before, after, rnd.nextBoolean(), reversed,
                        Long.MAX_VALUE);
            }
            for (int u = 0; u < axis.count(); u++) {
                boolean inside = axis.inputDilation() == 1;
                for (int t = 0; t < axis.taps(); t++) {
                    long p = axis.inputPosition(axis.outputOfAscending(u), t);
                    inside &= p >= 0 && p < axis.extent();
                }
                boolean claimed = u >= axis.interiorFrom() && u < axis.interiorTo();
                assertThat(claimed).as("%s output %d", axis, u).isEqualTo(inside);
            }
        }
    }

    @Test
    void cutsKeepTheInteriorApartAndNoPieceIsLongerThanAsked() {
        assertThat(TileGeometry.cuts(1024, 1, 1023, 1024)).containsExactly(0, 1, 1023, 1024);
        assertThat(TileGeometry.cuts(10, 0, 0, 4)).containsExactly(0, 4, 8, 10);
        assertThat(TileGeometry.cuts(10, 3, 3, 4)).containsExactly(0, 3, 7, 10);
        assertThat(TileGeometry.cuts(10, 2, 9, 3)).containsExactly(0, 2, 5, 8, 9, 10);
        assertThat(TileGeometry.cuts(5, 0, 5, 8)).containsExactly(0, 5);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void rowsOfATileGiveTheBitsOfEachRowSummedAlone(int kernelRows) {
        Random rnd = new Random(kernelRows);
        int pitch = 700;
        int n = 600; // chunks of the scalar loop and a part
        for (int shift : new int[] {1, 2}) {
            int kc = 3;
            int rows = 7;
            int[] off = new int[kernelRows * kc];
            for (int r = 0; r < kernelRows; r++) {
                for (int c = 0; c < kc; c++) {
                    off[r * kc + c] = r * pitch + c;
                }
            }
            double[] g = new double[off.length];
            for (int t = 0; t < g.length; t++) {
                g[t] = rnd.nextGaussian();
            }
            double[] s = new double[(rows * shift + kernelRows + 1) * pitch];
            for (int i = 0; i < s.length; i++) {
                s[i] = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(7) - 3);
            }
            // shift kernel rows per output row (a row stride), pairs of rows one apart meet rows shift apart
            TileRows band = new TileRows(rows, shift * pitch, pitch, 1, shift, 1, kernelRows);
            for (TileLoop loop : loops()) {
                double[] y = new double[rows * n + 11];
                loop.sumRows(s, 5, band, off, g, y, 11, n, n);
                double[] down = new double[rows * n + 11];
                loop.sumRows(s, 5, band, off, g, down, 11 + (rows - 1) * n, -n, n); // the rows stored upwards
                for (int k = 0; k < rows; k++) {
                    double[] alone = new double[n];
                    loop.sum(s, 5 + k * shift * pitch, off, g, alone, 0, n);
                    for (int u = 0; u < n; u++) {
                        assertThat(y[11 + k * n + u]).as("%s row %d output %d", loop.name(), k, u).isEqualTo(alone[u]);
                        assertThat(down[11 + (rows - 1 - k) * n + u]).isEqualTo(alone[u]);
                    }
                }
            }
        }
    }

    /**
     * Taps in groups (a volume's kernel planes): the second row of a pair reads the first row's values inside a group and
     * its own at a group's edges, and each row still gets the bits of {@code sum}; shifts of as many kernel rows as a
     * group has and more, where no value is shared.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void pairsOfRowsWithGroupsOfTapsGiveTheBitsOfEachRowSummedAlone(int kernelRows) {
        Random rnd = new Random(40 + kernelRows);
        int pitch = 300;
        int plane = 5_000;
        int n = 77; // whole blocks of four vectors, a vector, and a tail on any lane count up to 8
        for (int groups : new int[] {2, 3}) {
            for (int shift = 1; shift <= kernelRows + 1; shift++) {
                int kc = 3;
                int[] off = new int[groups * kernelRows * kc];
                for (int gamma = 0; gamma < groups; gamma++) {
                    for (int r = 0; r < kernelRows; r++) {
                        for (int c = 0; c < kc; c++) {
                            off[(gamma * kernelRows + r) * kc + c] = gamma * plane + r * pitch + c;
                        }
                    }
                }
                double[] g = new double[off.length];
                for (int t = 0; t < g.length; t++) {
                    g[t] = rnd.nextGaussian();
                }
                double[] s = new double[groups * plane + 8 * pitch];
                for (int i = 0; i < s.length; i++) {
                    s[i] = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(7) - 3);
                }
                for (TileLoop loop : loops()) {
                    double[] y = new double[2 * n + 3];
                    loop.sum2(s, 7, pitch, shift, groups, kernelRows, off, g, y, 3, 3 + n, n);
                    double[] first = new double[n];
                    double[] second = new double[n];
                    loop.sum(s, 7, off, g, first, 0, n);
                    loop.sum(s, 7 + shift * pitch, off, g, second, 0, n);
                    for (int u = 0; u < n; u++) {
                        assertThat(y[3 + u]).as("%s groups %d shift %d first row %d", loop.name(), groups, shift, u).isEqualTo(first[u]);
                        assertThat(y[3 + n + u]).as("%s groups %d shift %d second row %d", loop.name(), groups, shift, u)
                                .isEqualTo(second[u]);
                    }
                }
            }
        }
    }

    @Test
    void previousTapsFindTheTapOfTheRowBeforeThatReadsTheSameLine() {
        int w = 100;
        int[] off = {0, 1, 2, w, w + 1, w + 2, 2 * w, 2 * w + 1, 2 * w + 2};
        assertThat(ScalarTileLoop.previousTaps(off, w)).containsExactly(3, 4, 5, 6, 7, 8, -1, -1, -1);
        assertThat(ScalarTileLoop.previousTaps(off, 3 * w)).isNull(); // rows too far apart share nothing
        assertThat(ScalarTileLoop.previousTaps(new int[] {2, 1}, 1)).isNull(); // offsets not ascending
    }

    @Test
    void allFiniteFindsAnInfinityOrANaNAnywhereAndNoFalseAlarmFromLargeValues() {
        for (TileLoop loop : loops()) {
            double[] y = new double[133];
            java.util.Arrays.fill(y, Double.MAX_VALUE);
            assertThat(loop.allFinite(y, 0, y.length)).as(loop.name()).isTrue();
            for (int i : new int[] {0, 31, 64, 100, 132}) {
                for (double bad : new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN}) {
                    double[] z = y.clone();
                    z[i] = bad;
                    assertThat(loop.allFinite(z, 0, z.length)).as("%s %f at %d", loop.name(), bad, i).isFalse();
                    assertThat(loop.allFinite(z, i + 1, z.length - i - 1)).isTrue();
                }
            }
        }
    }
}
