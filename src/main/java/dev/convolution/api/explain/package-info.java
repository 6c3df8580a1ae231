/** The explain endpoint: the index algebra from shapes alone. */
package dev.convolution.api.explain;
