/**
 * The direct method: sums of products term by term, tile by tile over cache-sized strips, with a plain-Java
 * and a SIMD inner loop, rank-one kernels as one pass per axis, and exact integer sums where doubles could not be.
 */
package dev.convolution.core.direct;
