package dev.convolution.core.direct;

import dev.convolution.core.parallel.Parallel;

/**
 * Strip buffers: the pool's worker threads keep theirs from tile to tile (the pool is bounded, so this is a few hundred
 * KiB per core); other threads, which run only small jobs, allocate.
 */
final class StripPool {
    private static final ThreadLocal<double[]> KEPT = new ThreadLocal<>();
    private static final ThreadLocal<float[]> KEPT_FLOATS = new ThreadLocal<>();
    private static final int KEEP_LIMIT = 1 << 18;

    private StripPool() {
    }

    /** A buffer of at least {@code size} values, whatever they hold. */
    static double[] take(int size) {
        if (Parallel.inPool()) {
            double[] s = KEPT.get();
            if (s != null && s.length >= size) {
                KEPT.remove();
                return s;
            }
        }
        return new double[size];
    }

    /** Hands a buffer back when done with it. */
    static void give(double[] s) {
        if (s.length <= KEEP_LIMIT && Parallel.inPool()) {
            KEPT.set(s);
        }
    }

    /** A buffer of at least {@code size} floats, whatever they hold (float32 tiles). */
    static float[] takeFloats(int size) {
        if (Parallel.inPool()) {
            float[] s = KEPT_FLOATS.get();
            if (s != null && s.length >= size) {
                KEPT_FLOATS.remove();
                return s;
            }
        }
        return new float[size];
    }

    /** Hands a buffer of floats back when done with it. */
    static void give(float[] s) {
        if (s.length <= 2 * KEEP_LIMIT && Parallel.inPool()) {
            KEPT_FLOATS.set(s);
        }
    }
}
