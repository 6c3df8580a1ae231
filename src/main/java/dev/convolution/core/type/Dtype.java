package dev.convolution.core.type;


/**
 * The computation and result type a request may ask for (its {@code dtype}); without one, numpy's rule gives it from the
 * data's types ({@link ElementType#with}). Asking overrides the rule: the data are taken as this type first, as
 * {@code scipy.signal.convolve(x.astype(d), h.astype(d))} takes them.
 */
public enum Dtype {
    /** IEEE 754 double precision: the default of data without a type of their own. */
    FLOAT64(ElementType.FLOAT64),
    /** IEEE 754 single precision: data rounded to float first, the result a float. */
    FLOAT32(ElementType.FLOAT32),
    /** Complex numbers of two float64 parts: JSON's {@code {"re", "im"}} objects without a dtype. */
    COMPLEX128(ElementType.COMPLEX128),
    /** Complex numbers of two float32 parts. */
    COMPLEX64(ElementType.COMPLEX64);

    private final ElementType type;

    Dtype(ElementType type) {
        this.type = type;
    }

    public ElementType elementType() {
        return type;
    }
}
