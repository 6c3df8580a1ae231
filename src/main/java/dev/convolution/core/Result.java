package dev.convolution.core;


/**
 * The outcome of one computation.
 *
 * @param plan the index algebra it followed
 * @param output the output values, row-major (not copied)
 * @param method the method that ran ({@code DIRECT} or {@code FFT})
 * @param kernelAsApplied the kernel as it met the input (rotated 180° for convolution), row-major
 * @param exact true when the data were integers and the output is their exact integer result (the exact-integer path)
 */
public record Result(Plan plan, double[] output, Method method, double[] kernelAsApplied, boolean exact) {
}
