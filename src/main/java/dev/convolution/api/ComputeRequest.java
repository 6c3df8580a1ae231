package dev.convolution.api;

import dev.convolution.core.CorrelationConvention;
import dev.convolution.core.Grid;
import dev.convolution.core.Operation;
import dev.convolution.core.PerAxis;

/**
 * What every compute request (signals, images, arrays; convolution or correlation) gives the
 * mapper, so that one mapping serves them all: the operation, the data as core arrays and the
 * per-axis options. Null means the contract's default.
 */
interface ComputeRequest extends OperationOptions {
    Operation operation();

    /** The correlation convention; convolution requests have none. */
    default CorrelationConvention convention() {
        return null;
    }

    /** The request field of the input ({@code signal}, {@code image}, {@code input}). */
    String inputField();

    Grid inputArray();

    Grid kernelArray();

    PerAxis strideAxes();

    PerAxis dilationAxes();

    /** A 1D option as the core's per-axis value. */
    static PerAxis every(String field, Integer v) {
        return v == null ? null : PerAxis.every(field, v);
    }

    /** An image option (one integer or a pair) as the core's per-axis value. */
    static PerAxis pair(String field, AxisPair v) {
        if (v == null) {
            return null;
        }
        return v.pair() ? PerAxis.of(field, v.rows(), v.cols()) : PerAxis.every(field, v.rows());
    }
}
