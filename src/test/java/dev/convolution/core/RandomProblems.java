package dev.convolution.core;

import java.util.Random;

/** Seeded random problems for the property tests: every parameter of the contract varies. */
final class RandomProblems {
    private RandomProblems() {
    }

    record Problem(long seed, Spec spec, Grid x, Grid h, boolean integer) {
        Plan plan() {
            return Plan.of(spec, x.rank(), x.rows(), x.cols(), h.rows(), h.cols(), Long.MAX_VALUE, Long.MAX_VALUE);
        }

        @Override
        public String toString() {
            return "seed " + seed + ": " + spec + " x" + java.util.Arrays.toString(x.shape()) + " h"
                    + java.util.Arrays.toString(h.shape());
        }
    }

    static Problem of(long seed) {
        return of(seed, false);
    }

    /**
     * A problem large enough that the direct method cuts it into several tiles: 1D signals longer
     * than a tile's 2048 columns, 2D images taller than a band of tile rows or wider than a tile.
     */
    static Problem large(long seed) {
        return of(seed, true);
    }

    private static Problem of(long seed, boolean large) {
        Random rnd = new Random(seed);
        int rank = rnd.nextBoolean() ? 1 : 2;
        Operation op = rnd.nextBoolean() ? Operation.CONVOLUTION : Operation.CROSS_CORRELATION;
        Mode mode = Mode.values()[rnd.nextInt(3)];
        Boundary b = Boundary.values()[rnd.nextInt(5)];
        boolean integer = rnd.nextBoolean();
        int nr = rank == 1 ? 1 : 1 + rnd.nextInt(9);
        int nc = 1 + rnd.nextInt(rank == 1 ? 40 : 9);
        if (large) {
            boolean wide = rnd.nextBoolean();
            nr = rank == 1 ? 1 : wide ? 2 + rnd.nextInt(4) : 70 + rnd.nextInt(130);
            nc = rank == 1 || wide ? 2050 + rnd.nextInt(4000) : 20 + rnd.nextInt(60);
        }
        int kr = rank == 1 ? 1 : 1 + rnd.nextInt(5);
        int kc = 1 + rnd.nextInt(rank == 1 ? 9 : 5);
        int dr = rank == 1 ? 1 : 1 + rnd.nextInt(3);
        int dc = 1 + rnd.nextInt(3);
        if (mode == Mode.VALID) {
            kr = Math.min(kr, nr);
            kc = Math.min(kc, nc);
            while ((kr - 1) * dr + 1 > nr) {
                dr--;
            }
            while ((kc - 1) * dc + 1 > nc) {
                dc--;
            }
        }
        Spec spec = Spec.defaults(op)
                .withConvention(rnd.nextBoolean() ? CorrelationConvention.SLIDING : CorrelationConvention.MIRRORED)
                .withMode(mode)
                .withBoundary(b, integer ? rnd.nextInt(7) - 3 : rnd.nextGaussian())
                .withStride(rank == 1 ? 1 : 1 + rnd.nextInt(3), 1 + rnd.nextInt(3))
                .withDilation(dr, dc)
                .withOrigin(rnd.nextBoolean() ? IndexOrigin.CORNER : IndexOrigin.CENTER);
        return new Problem(seed, spec, grid(rnd, rank, nr, nc, integer), grid(rnd, rank, kr, kc, integer), integer);
    }

    static Grid grid(Random rnd, int rank, int rows, int cols, boolean integer) {
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = integer ? rnd.nextInt(201) - 100 : rnd.nextGaussian() * Math.pow(10, rnd.nextInt(5) - 2);
        }
        return new Grid(rank, rows, cols, v);
    }
}
