/** The strict JSON wire format: readers into primitive arrays, compact writers, enum words, and the value types the features share. */
package dev.convolution.api.wire;
