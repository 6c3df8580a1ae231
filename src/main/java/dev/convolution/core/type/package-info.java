/** The element types of data and results, numpy's rule for a result's type, and what a request may ask to compute in. */
package dev.convolution.core.type;
