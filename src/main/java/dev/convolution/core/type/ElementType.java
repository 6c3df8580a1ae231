package dev.convolution.core.type;

import dev.convolution.core.Grid;

/**
 * The element types of data, as numpy names them, and the type of a result, which numpy's rule
 * ({@code numpy.result_type}) gives from its operands' types, restricted to the types the service computes in:
 * integers with integers stay exact integers ({@link #INT64}); a float32 with a float32, a bool or an integer of at most
 * 16 bits gives {@link #FLOAT32}; every other pair gives {@link #FLOAT64}.
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
    FLOAT64(true, 8);

    private final boolean floating;
    private final int size;

    ElementType(boolean floating, int size) {
        this.floating = floating;
        this.size = size;
    }

    /** numpy's result type of this type with {@code other}, as the service computes it: {@link #INT64}, {@link #FLOAT32} or {@link #FLOAT64}. */
    public ElementType with(ElementType other) {
        if (!floating && !other.floating) {
            return INT64;
        }
        if (this == FLOAT64 || other == FLOAT64) {
            return FLOAT64;
        }
        ElementType rest = floating ? other : this; // a float32 meets a float32, or a bool or an integer
        return rest == FLOAT32 || rest.size <= 2 ? FLOAT32 : FLOAT64;
    }

    /** The type of values that came without one (JSON numbers, a named kernel): integers when every value is one (3.0 counts). */
    public static ElementType of(Grid values) {
        return values.allIntegers() ? INT64 : FLOAT64;
    }

    /** The grid as this type holds its values: float32 rounds each to the nearest float (beyond float's range: ±infinity). */
    public Grid round(Grid g) {
        if (this != FLOAT32) {
            return g;
        }
        return new Grid(g.shape(), round(g.values()));
    }

    /** The values as this type holds them (a new array for float32; the same array otherwise). */
    public double[] round(double[] values) {
        if (this != FLOAT32) {
            return values;
        }
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
