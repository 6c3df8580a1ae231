/**
 * Named kernels ({@code {"name": "gaussian", "size": 5, "sigma": 1.2}}): the values a name stands for at the rank of
 * the input (OpenCV's where the contract says so, bit for bit), whether they are symmetric under a 180° rotation and
 * separable, and the catalogue of names with their parameters. Pure Java, no framework types; the web layer maps
 * requests to {@link dev.convolution.core.kernel.KernelName} and calls {@link dev.convolution.core.kernel.NamedKernels}.
 */
package dev.convolution.core.kernel;
