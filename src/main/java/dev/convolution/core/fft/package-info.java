/** The FFT method (JTransforms): overlap-save windows and tiles, with exactness proven by an error bound. */
package dev.convolution.core.fft;
