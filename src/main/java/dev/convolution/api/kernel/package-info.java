/** The named kernels' catalogue. */
package dev.convolution.api.kernel;
