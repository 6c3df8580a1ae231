/** Binary bodies: NumPy {@code .npy} files read into row-major arrays and written back, in pure Java. */
package dev.convolution.api.binary;
