/**
 * A CNN layer's channel sums, direct: many (input, kernel) pairs under one plan added per output, several outputs
 * summed from each value read, along long runs of the padded inputs or as dot products along the taps; a plain-Java and
 * a SIMD innermost loop.
 */
package dev.convolution.core.channel;
