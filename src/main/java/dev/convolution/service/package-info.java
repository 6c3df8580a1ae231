/** Applies the configured limits, holds the computation permits, chooses the method and runs the core. */
package dev.convolution.service;
