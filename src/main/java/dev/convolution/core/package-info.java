/**
 * The model and the index algebra of convolution and cross-correlation: what to compute ({@link
 * dev.convolution.core.Spec}), the per-axis plan that says which input position meets which kernel tap
 * ({@link dev.convolution.core.AxisPlan}), traces and results, and the {@link dev.convolution.core.Convolver}
 * that runs a plan by the direct or the FFT method. Pure Java, no framework types.
 */
package dev.convolution.core;
