/**
 * Binary bodies, in pure Java (no Spring, no Jackson): NumPy {@code .npy} files read into row-major arrays and written
 * back ({@link dev.convolution.api.binary.Npy}), and PNG pictures read into planes and written back with the JDK's
 * ImageIO ({@link dev.convolution.api.binary.Png}). The web layer plugs them in as message converters.
 */
package dev.convolution.api.binary;
