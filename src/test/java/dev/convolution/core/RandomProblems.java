package dev.convolution.core;

import java.util.Random;

/** Seeded random problems for the property tests: every parameter of the contract varies. */
public final class RandomProblems {
    /**
     * Makes axis a of a {@code valid} problem's kernel fit its input: no more taps than the axis has elements, then the
     * dilation lowered until the dilated kernel fits.
     */
    public static void fitValid(int[] n, int[] k, int[] d, int a) {
        k[a] = Math.min(k[a], n[a]);
        while ((k[a] - 1) * d[a] + 1 > n[a]) {
            d[a]--;
        }
    }

    private RandomProblems() {
    }

    record Problem(long seed, Spec spec, Grid x, Grid h, boolean integer) {
        Plan plan() {
            return Plan.of(spec, x.shape(), h.shape(), Limits.NONE);
        }

        int rank() {
            return x.rank();
        }

        @Override
        public String toString() {
            return "seed " + seed + ": " + spec + " x" + x.shape() + " h" + h.shape();
        }
    }

    static Problem of(long seed) {
        return of(seed, false);
    }

    /**
     * A problem large enough that the direct method cuts it into several tiles: 1D signals longer
     * than a tile's 2048 columns, 2D images taller than a band of tile rows or wider than a tile,
     * volumes with several tile bands.
     */
    static Problem large(long seed) {
        return of(seed, true);
    }

    private static Problem of(long seed, boolean large) {
        // mixed: the first draws of java.util.Random for neighbouring seeds are alike
        Random rnd = new Random(new java.util.SplittableRandom(seed).nextLong());
        int rank = 1 + rnd.nextInt(4);
        Operation op = rnd.nextBoolean() ? Operation.CONVOLUTION : Operation.CROSS_CORRELATION;
        Mode mode = Mode.values()[rnd.nextInt(3)];
        Boundary b = Boundary.values()[rnd.nextInt(5)];
        boolean integer = rnd.nextBoolean();
        int[] n = new int[rank];
        int[] k = new int[rank];
        int[] d = new int[rank];
        int[] st = new int[rank];
        int maxN = rank == 1 ? 40 : rank == 2 ? 9 : rank == 3 ? 6 : 4;
        int maxK = rank == 1 ? 9 : rank == 2 ? 5 : 3;
        boolean wide = rnd.nextBoolean();
        for (int a = 0; a < rank; a++) {
            boolean lastAxis = a == rank - 1;
            n[a] = 1 + rnd.nextInt(maxN);
            if (large) {
                n[a] = rank == 1 ? 2050 + rnd.nextInt(4000)
                        : lastAxis ? (wide && rank == 2 ? 2050 + rnd.nextInt(4000) : 20 + rnd.nextInt(60))
                        : a == rank - 2 ? (wide ? 2 + rnd.nextInt(4) : 70 + rnd.nextInt(130)) : 1 + rnd.nextInt(3);
            }
            k[a] = 1 + rnd.nextInt(maxK);
            d[a] = 1 + rnd.nextInt(3);
            st[a] = 1 + rnd.nextInt(3);
            if (mode == Mode.VALID) {
                fitValid(n, k, d, a);
            }
        }
        Spec spec = Spec.defaults(op)
                .withConvention(rnd.nextBoolean() ? CorrelationConvention.SLIDING : CorrelationConvention.MIRRORED)
                .withMode(mode)
                .withBoundary(b, integer ? rnd.nextInt(7) - 3 : rnd.nextGaussian())
                .withStride(st)
                .withDilation(d)
                .withOrigin(rnd.nextBoolean() ? IndexOrigin.CORNER : IndexOrigin.CENTER);
        if (op == Operation.CONVOLUTION) {
            spec = spec.withConvention(Spec.DEFAULT_CONVENTION);
        }
        return new Problem(seed, spec, grid(rnd, n, integer), grid(rnd, k, integer), integer);
    }

    static Grid grid(Random rnd, int[] dims, boolean integer) {
        int size = 1;
        for (int v : dims) {
            size *= v;
        }
        double[] v = new double[size];
        for (int i = 0; i < v.length; i++) {
            v[i] = integer ? rnd.nextInt(201) - 100 : rnd.nextGaussian() * Math.pow(10, rnd.nextInt(5) - 2);
        }
        return Grid.of(v, dims);
    }
}
