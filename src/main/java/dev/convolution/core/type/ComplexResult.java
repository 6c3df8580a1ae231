package dev.convolution.core.type;

import dev.convolution.core.Method;
import dev.convolution.core.Plan;

/**
 * The outcome of one complex computation: both parts of the output and of the kernel as it met the input.
 *
 * @param re the output's real parts, row-major
 * @param im the output's imaginary parts, row-major
 * @param method the method that ran
 * @param kernelRe the kernel as applied, real parts (rotated 180° for convolution)
 * @param kernelIm the kernel as applied, imaginary parts, conjugate included
 */
public record ComplexResult(Plan plan, double[] re, double[] im, Method method, double[] kernelRe, double[] kernelIm) {
}
