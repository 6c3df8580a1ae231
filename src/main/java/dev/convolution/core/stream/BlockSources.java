package dev.convolution.core.stream;

import dev.convolution.core.AxisPlan;
import dev.convolution.core.Boundary;

/**
 * Which input rows each output block of a streamed computation reads along the first axis: block {@code b} is output rows
 * {@code b·blockRows …}, which meet padded positions {@code ja·stride … (jb−1)·stride + span − 1}, each the input row its
 * {@link Boundary#source} names (or the fill value). From these: when a block can be computed (its last source row has
 * arrived), which rows may be let go (those before every later block's first source row), and so how many rows the ring
 * must hold while a block is computed from it and the next block's rows arrive.
 */
final class BlockSources {
    private final int blocks;
    private final int[] last;
    private final int capacity;

    /** {@code ahead}: how many blocks after the one being computed may have their rows arrive meanwhile. */
    BlockSources(AxisPlan axis, Boundary boundary, int blockRows, int ahead) {
        this.blocks = (int) ((axis.count() + (long) blockRows - 1) / blockRows);
        this.last = new int[blocks];
        int[] firstOf = new int[blocks];
        for (int b = 0; b < blocks; b++) {
            int ja = b * blockRows;
            int rows = Math.min(blockRows, axis.count() - ja);
            long p0 = (long) ja * axis.stride();
            long positions = (long) (rows - 1) * axis.stride() + axis.span();
            int lo = Integer.MAX_VALUE;
            int hi = -1;
            for (long p = p0; p < p0 + positions; p++) {
                int src = boundary.source(p - axis.padBefore(), axis.n());
                if (src != Boundary.FILLED) {
                    lo = Math.min(lo, src);
                    hi = Math.max(hi, src);
                }
            }
            firstOf[b] = hi < 0 ? Integer.MAX_VALUE : lo;
            last[b] = hi;
        }
        // the rows held while block b is computed (it reads them from the ring) and the next blocks' rows arrive: from the
        // first row any block from b on reads, to the last row of the last block that may arrive meanwhile
        int floor = Integer.MAX_VALUE;
        int most = 1;
        for (int b = blocks - 1; b >= 0; b--) {
            floor = Math.min(floor, firstOf[b]);
            int lastHeld = last[b];
            for (int k = 1; k <= ahead; k++) {
                lastHeld = Math.max(lastHeld, last[Math.min(b + k, blocks - 1)]);
            }
            if (lastHeld >= 0) {
                most = Math.max(most, lastHeld - floor + 1);
            }
        }
        this.capacity = Math.min(most, axis.n());
    }

    int blocks() {
        return blocks;
    }

    /** The last input row block b reads (−1 when it reads only the fill value). */
    int lastSource(int b) {
        return last[b];
    }

    /** How many input rows must be held at once. */
    int capacity() {
        return capacity;
    }
}
