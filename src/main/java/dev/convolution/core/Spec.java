package dev.convolution.core;

import dev.convolution.core.error.InvalidRequestException;
import java.util.Objects;

/**
 * What to compute, without the data: the operation and every parameter of the contract.
 * Strides and dilations are per axis, rows first; a 1D spec uses index 1 (columns) and keeps
 * index 0 at 1.
 */
public record Spec(Operation operation, CorrelationConvention convention, Mode mode, Boundary boundary,
        double fillValue, int rowStride, int colStride, int rowDilation, int colDilation, IndexOrigin origin) {

    public Spec {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(convention, "convention");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(boundary, "boundary");
        Objects.requireNonNull(origin, "origin");
        if (!Double.isFinite(fillValue)) {
            throw new InvalidRequestException("fillValue", "must be a finite number within double range");
        }
        requireAtLeastOne("stride", rowStride, colStride);
        requireAtLeastOne("dilation", rowDilation, colDilation);
    }

    private static void requireAtLeastOne(String field, int rows, int cols) {
        if (rows < 1) {
            throw new InvalidRequestException(field, field + " must be at least 1 on every axis; got " + rows);
        }
        if (cols < 1) {
            throw new InvalidRequestException(field, field + " must be at least 1 on every axis; got " + cols);
        }
    }

    /** The defaults of the contract for an operation: full, fill 0, stride 1, dilation 1, corner, sliding. */
    public static Spec defaults(Operation operation) {
        return new Spec(operation, CorrelationConvention.SLIDING, Mode.FULL, Boundary.FILL, 0, 1, 1, 1, 1, IndexOrigin.CORNER);
    }

    public Spec withMode(Mode m) {
        return new Spec(operation, convention, m, boundary, fillValue, rowStride, colStride, rowDilation, colDilation, origin);
    }

    public Spec withBoundary(Boundary b, double fill) {
        return new Spec(operation, convention, mode, b, fill, rowStride, colStride, rowDilation, colDilation, origin);
    }

    public Spec withStride(int rows, int cols) {
        return new Spec(operation, convention, mode, boundary, fillValue, rows, cols, rowDilation, colDilation, origin);
    }

    public Spec withDilation(int rows, int cols) {
        return new Spec(operation, convention, mode, boundary, fillValue, rowStride, colStride, rows, cols, origin);
    }

    public Spec withOrigin(IndexOrigin o) {
        return new Spec(operation, convention, mode, boundary, fillValue, rowStride, colStride, rowDilation, colDilation, o);
    }

    public Spec withConvention(CorrelationConvention c) {
        return new Spec(operation, c, mode, boundary, fillValue, rowStride, colStride, rowDilation, colDilation, origin);
    }

    /** True when the kernel meets the input rotated by 180° (convolution). */
    boolean flipsKernel() {
        return operation == Operation.CONVOLUTION;
    }

    /** True when the output array is the sliding one reversed (mirrored correlation). */
    boolean reversesOutput() {
        return operation == Operation.CROSS_CORRELATION && convention == CorrelationConvention.MIRRORED;
    }
}
