package dev.convolution.core.type;

import dev.convolution.core.Grid;
import dev.convolution.core.parallel.Parallel;

/**
 * The element types of data, as numpy names them, and the type of a result, which numpy's rule
 * ({@code numpy.result_type}) gives from its operands' types, restricted to the types the service computes in:
 * integers with integers stay exact integers ({@link #INT64}); a float32 with a float32, a bool or an integer of at most
 * 16 bits gives {@link #FLOAT32}; every other real pair gives {@link #FLOAT64}. A complex operand makes the result complex,
 * of the precision its real parts would give: {@link #COMPLEX64} where they give float32, else {@link #COMPLEX128}.
 */
public enum ElementType {
    BOOL(false, 1),
    INT8(false, 1),
    UINT8(false, 1),
    INT16(false, 2),
    UINT16(false, 2),
    INT32(false, 4),
    UINT32(false, 4),
    INT64(false, 8),
    UINT64(false, 8),
    FLOAT32(true, 4),
    FLOAT64(true, 8),
    /** Two float32 parts. */
    COMPLEX64(true, 8),
    /** Two float64 parts. */
    COMPLEX128(true, 16);

    private final boolean floating;
    private final int size;

    ElementType(boolean floating, int size) {
        this.floating = floating;
        this.size = size;
    }

    /** numpy's result type of this type with {@code other}, as the service computes it: {@link #INT64}, {@link #FLOAT32} or {@link #FLOAT64}. */
    public ElementType with(ElementType other) {
        if (isComplex() || other.isComplex()) {
            return realPart().with(other.realPart()) == FLOAT32 ? COMPLEX64 : COMPLEX128;
        }
        if (!floating && !other.floating) {
            return INT64;
        }
        if (this == FLOAT64 || other == FLOAT64) {
            return FLOAT64;
        }
        ElementType rest = floating ? other : this; // a float32 meets a float32, or a bool or an integer
        return rest == FLOAT32 || rest.size <= 2 ? FLOAT32 : FLOAT64;
    }

    /** True for complex64 and complex128. */
    public boolean isComplex() {
        return this == COMPLEX64 || this == COMPLEX128;
    }

    /** True for the types of single precision (float32, complex64): their values are rounded to float. */
    public boolean isSingle() {
        return this == FLOAT32 || this == COMPLEX64;
    }

    /** The type of a complex type's parts (float32 or float64); a real type is its own. */
    public ElementType realPart() {
        return this == COMPLEX64 ? FLOAT32 : this == COMPLEX128 ? FLOAT64 : this;
    }

    /** The type of values that came without one (JSON numbers, a named kernel): integers when every value is one (3.0 counts). */
    public static ElementType of(Grid values) {
        return values.allIntegers() ? INT64 : FLOAT64;
    }

    /** The grid as this type holds its values (a complex type: each part): float32 and complex64 round each to the nearest float (beyond float's range: ±infinity). */
    public Grid round(Grid g) {
        if (!isSingle()) {
            return g;
        }
        return new Grid(g.shape(), round(g.values()));
    }

    /** The values as this type holds them (a new array for float32 and complex64; the same array otherwise). */
    public double[] round(double[] values) {
        if (!isSingle()) {
            return values;
        }
        return roundInPlace(values.clone());
    }

    /**
     * {@link #round(double[])} in place, for values no one else holds (a computation's own result): the same array,
     * each value as this type holds it.
     */
    public double[] roundInPlace(double[] values) {
        if (isSingle()) {
            Parallel.forRanges(values.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    values[i] = (float) values[i];
                }
            });
        }
        return values;
    }
}
