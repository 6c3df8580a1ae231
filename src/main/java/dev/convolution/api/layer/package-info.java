/** The layer endpoints (PyTorch's conv1d/2d/3d, their gradients, transposed convolution, and their explanation). */
package dev.convolution.api.layer;
