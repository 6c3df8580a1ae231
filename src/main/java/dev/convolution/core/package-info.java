/**
 * The mathematics and the index algebra of convolution and cross-correlation: pure Java, no
 * framework types, so it can be read, tested and benchmarked on its own.
 */
package dev.convolution.core;
