/**
 * Binary bodies, in pure Java (no Spring, no Jackson): NumPy {@code .npy} files read into row-major arrays and written
 * back ({@link dev.convolution.codec.Npy}), and PNG pictures read into planes and written back with the JDK's
 * ImageIO ({@link dev.convolution.codec.Png}). The web layer plugs them in as message converters.
 */
package dev.convolution.codec;
