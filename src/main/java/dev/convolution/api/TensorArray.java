package dev.convolution.api;

/**
 * A layer's nested JSON array of numbers as read from the wire (rank 3 to 5: {@code [N, C, spatial…]} or a
 * weight): {@code double[]} leaves and {@code Object[]} nodes, like {@link NestedArray} one axis deeper.
 */
record TensorArray(Object value) {
    static final int MAX_RANK = 5;
}
