/**
 * The operands every method reads, made from a plan: the padded input, each value outside the input taken from the
 * boundary rule axis by axis ({@link dev.convolution.core.operand.PaddedAxis}), and the kernel as it meets the input
 * ({@link dev.convolution.core.operand.AppliedKernel}).
 */
package dev.convolution.core.operand;
