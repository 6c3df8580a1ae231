/**
 * The method {@code auto}: a cost model that prices the direct and the FFT method in one unit (a multiply-add of the
 * plain-Java direct loop), each method pricing its own work, and picks the cheaper.
 */
package dev.convolution.core.auto;
