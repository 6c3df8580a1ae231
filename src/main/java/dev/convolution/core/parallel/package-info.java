/** The bounded pool that large computations share: one worker per core. */
package dev.convolution.core.parallel;
