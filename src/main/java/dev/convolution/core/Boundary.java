package dev.convolution.core;

/**
 * How values outside the input are made, as a total function from a position on one axis
 * (however far outside) to the input position whose value it takes, or {@link #FILLED} for the
 * constant fill value. Pictures for the input {@code a b c d}:
 */
public enum Boundary {
    /** The constant {@code fillValue}: {@code k k | a b c d | k k}. */
    FILL {
        @Override
        public int source(long position, int n) {
            return position >= 0 && position < n ? (int) position : FILLED;
        }
    },
    /** Periodic: {@code c d | a b c d | a b}. */
    WRAP {
        @Override
        public int source(long position, int n) {
            return (int) Math.floorMod(position, (long) n);
        }
    },
    /** Mirror that repeats the edge: {@code d c b a | a b c d | d c b a}. */
    SYMMETRIC {
        @Override
        public int source(long position, int n) {
            long r = Math.floorMod(position, 2L * n);
            return (int) (r < n ? r : 2L * n - 1 - r);
        }
    },
    /** Mirror that does not repeat the edge: {@code d c b | a b c d | c b a}. */
    REFLECT {
        @Override
        public int source(long position, int n) {
            if (n == 1) {
                return 0;
            }
            long period = 2L * n - 2;
            long r = Math.floorMod(position, period);
            return (int) (r < n ? r : period - r);
        }
    },
    /** The edge value: {@code a a | a b c d | d d}. */
    REPLICATE {
        @Override
        public int source(long position, int n) {
            return (int) Math.max(0, Math.min(n - 1L, position));
        }
    };

    /** Returned by {@link #source} when the position takes the fill value. */
    public static final int FILLED = -1;

    /**
     * The input position (0…n−1) whose value the given position takes, or {@link #FILLED}.
     *
     * @param position a position on the axis, inside or outside {@code 0…n−1}
     * @param n the length of the input on that axis, at least 1
     */
    public abstract int source(long position, int n);
}
