/**
 * Convolution layers as PyTorch defines them ({@code torch.nn.functional.conv1d…3d}, their gradients and
 * {@code conv_transpose1d…3d}), built from the core's own operations: the forward pass is a sum over input
 * channels of cross-correlations, the input gradient a sum of convolutions of the stride-dilated output
 * gradient with the weight, the weight gradient a sum over the batch of cross-correlations of the input with
 * the output gradient. Every value and every trace comes from a {@link dev.convolution.core.Plan} of the core
 * and its {@link dev.convolution.core.AxisPlan#inputPosition}; this package only says which plans, over which
 * channels, and how they add up.
 */
package dev.convolution.core.layer;
