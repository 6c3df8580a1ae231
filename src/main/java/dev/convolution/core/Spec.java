package dev.convolution.core;

import dev.convolution.core.error.InvalidRequestException;
import java.util.Objects;

/**
 * What to compute, without the data: the operation and every parameter of the contract. The
 * contract's defaults are stated here once ({@code DEFAULT_*}); {@link #of} puts them in for the
 * options a request leaves out, and the OpenAPI document and README quote them.
 */
public record Spec(Operation operation, CorrelationConvention convention, Mode mode, Boundary boundary,
        double fillValue, PerAxis stride, PerAxis dilation, IndexOrigin origin) {

    public static final CorrelationConvention DEFAULT_CONVENTION = CorrelationConvention.SLIDING;
    public static final Mode DEFAULT_MODE = Mode.FULL;
    public static final Boundary DEFAULT_BOUNDARY = Boundary.FILL;
    public static final double DEFAULT_FILL_VALUE = 0;
    public static final int DEFAULT_STRIDE = 1;
    public static final int DEFAULT_DILATION = 1;
    public static final IndexOrigin DEFAULT_ORIGIN = IndexOrigin.CORNER;

    /** Why a convolution takes no {@code correlationConvention}: the one sentence for that rule. */
    public static final String CONVENTION_ONLY_FOR_CORRELATION =
            "correlationConvention applies only to cross-correlation, not to convolution";

    /** Why a convolution takes no {@code conjugate}: convolution never conjugates. */
    public static final String CONJUGATE_ONLY_FOR_CORRELATION =
            "conjugate applies only to cross-correlation, not to convolution (convolution never conjugates)";

    public Spec {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(convention, "convention");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(boundary, "boundary");
        Objects.requireNonNull(stride, "stride");
        Objects.requireNonNull(dilation, "dilation");
        Objects.requireNonNull(origin, "origin");
        if (!Double.isFinite(fillValue)) {
            throw new InvalidRequestException("fillValue", "must be a finite number within double range");
        }
    }

    /**
     * A spec from a request's options; a null option takes the contract's default. A convention on
     * a convolution is refused.
     */
    public static Spec of(Operation operation, CorrelationConvention convention, Mode mode, Boundary boundary, Double fillValue,
            PerAxis stride, PerAxis dilation, IndexOrigin origin) {
        if (operation == null) {
            throw new InvalidRequestException("operation", "operation is required: convolution or cross-correlation");
        }
        if (operation == Operation.CONVOLUTION && convention != null) {
            throw new InvalidRequestException("correlationConvention", CONVENTION_ONLY_FOR_CORRELATION);
        }
        return new Spec(operation, Objects.requireNonNullElse(convention, DEFAULT_CONVENTION),
                Objects.requireNonNullElse(mode, DEFAULT_MODE), Objects.requireNonNullElse(boundary, DEFAULT_BOUNDARY),
                Objects.requireNonNullElse(fillValue, DEFAULT_FILL_VALUE),
                stride == null ? PerAxis.every("stride", DEFAULT_STRIDE) : stride,
                dilation == null ? PerAxis.every("dilation", DEFAULT_DILATION) : dilation,
                Objects.requireNonNullElse(origin, DEFAULT_ORIGIN));
    }

    /** Every default of the contract for an operation: full, fill 0, stride 1, dilation 1, corner, sliding. */
    public static Spec defaults(Operation operation) {
        return of(operation, null, null, null, null, null, null, null);
    }

    public Spec withOperation(Operation o) {
        return new Spec(o, convention, mode, boundary, fillValue, stride, dilation, origin);
    }

    public Spec withMode(Mode m) {
        return new Spec(operation, convention, m, boundary, fillValue, stride, dilation, origin);
    }

    public Spec withBoundary(Boundary b, double fill) {
        return new Spec(operation, convention, mode, b, fill, stride, dilation, origin);
    }

    /** One stride for every axis, or one per axis. */
    public Spec withStride(int... perAxis) {
        return new Spec(operation, convention, mode, boundary, fillValue,
                perAxis.length == 1 ? PerAxis.every("stride", perAxis[0]) : PerAxis.of("stride", perAxis), dilation, origin);
    }

    /** One dilation for every axis, or one per axis. */
    public Spec withDilation(int... perAxis) {
        return new Spec(operation, convention, mode, boundary, fillValue, stride,
                perAxis.length == 1 ? PerAxis.every("dilation", perAxis[0]) : PerAxis.of("dilation", perAxis), origin);
    }

    public Spec withOrigin(IndexOrigin o) {
        return new Spec(operation, convention, mode, boundary, fillValue, stride, dilation, o);
    }

    public Spec withConvention(CorrelationConvention c) {
        return new Spec(operation, c, mode, boundary, fillValue, stride, dilation, origin);
    }

    /** True when the kernel meets the input rotated by 180° (convolution). */
    public boolean flipsKernel() {
        return operation == Operation.CONVOLUTION;
    }

    /** True when the output array is the sliding one reversed (mirrored correlation). */
    public boolean reversesOutput() {
        return operation == Operation.CROSS_CORRELATION && convention == CorrelationConvention.MIRRORED;
    }
}
