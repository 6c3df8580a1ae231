/**
 * Inputs that arrive along their first axis, computed as they arrive with memory bounded by the kernel's reach
 * (overlap-save along the first axis): the streamed {@code .npy} bodies of the arrays endpoints.
 */
package dev.convolution.core.stream;
