package dev.convolution.core.direct;

/**
 * The rows of outputs of one tile as a {@link TileLoop} sees them: row {@code k = 0 … count−1} reads the values from
 * {@code sBase + k·step} on, and kernel row {@code r} of a group of taps sits {@code r·tapStep} further (so
 * {@code off[(γ·kernelRows + r)·kernelCols + c] = base(γ) + r·tapStep + off[c]}). Rows {@code k} and
 * {@code k + pairDistance} meet values {@code pairShift} kernel rows apart ({@code pairDistance·step = pairShift·tapStep},
 * the least such distance), so they can share the loads of the values both meet.
 *
 * @param count the number of output rows
 * @param step the distance in the values between neighbouring output rows (the row stride times the pitch)
 * @param tapStep the distance between neighbouring kernel rows (the row dilation times the pitch)
 * @param pairDistance rows this far apart share values
 * @param pairShift and meet them this many kernel rows apart
 * @param groups groups of taps (one for each tap of the axes before the rows)
 * @param kernelRows kernel rows per group
 */
record TileRows(int count, int step, int tapStep, int pairDistance, int pairShift, int groups, int kernelRows) {
}
