package dev.convolution.core;

/** The two ways cross-correlation is written in the literature. */
public enum CorrelationConvention {
    /** {@code y[m] = Σ_k h[k]·x[m + k]}: scipy.signal.correlate, PyTorch, TensorFlow, OpenCV. */
    SLIDING,
    /**
     * {@code y[m] = Σ_i x[i]·h[m + i]}: the seed post's form, equal to the sliding result at
     * {@code −m}, so the output array is the sliding one reversed on every axis.
     */
    MIRRORED
}
