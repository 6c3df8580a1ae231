package dev.convolution.core.layer;

/** Flat (row-major) indices over the spatial axes of a layer's arrays, and back. */
final class SpatialIndex {
    private SpatialIndex() {
    }

    /** The flat index of the spatial part of an index (its last {@code spatial.length} axes) in an array of that spatial size. */
    static int flat(int[] index, int[] spatial) {
        int offset = index.length - spatial.length;
        int flat = 0;
        for (int a = 0; a < spatial.length; a++) {
            flat = flat * spatial[a] + index[offset + a];
        }
        return flat;
    }

    /** The index over {@code dims} of a flat (row-major) index. */
    static int[] unflat(int flat, int[] dims) {
        int[] idx = new int[dims.length];
        for (int a = dims.length - 1; a >= 0; a--) {
            idx[a] = flat % dims[a];
            flat /= dims[a];
        }
        return idx;
    }
}
