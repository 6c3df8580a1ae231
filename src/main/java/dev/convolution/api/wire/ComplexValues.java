package dev.convolution.api.wire;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A complex result written as the contract's complex form: one {@code {"re": …, "im": …}} object of two nested arrays
 * of one shape, each written as {@link NestedValues} are (a complex64 result's parts in float's shortest form).
 */
@Schema(name = "ComplexArray", description = "Complex numbers: an object of two rectangular nested arrays of one shape, the real "
        + "parts and the imaginary parts, row-major: {\"re\": [1, 0, -1], \"im\": [0, 2, 0]} is [1, 2i, -1].",
        requiredProperties = {"re", "im"})
public record ComplexValues(
        @Schema(description = "The real parts.", implementation = NestedArray.class) NestedValues re,
        @Schema(description = "The imaginary parts, in the shape of re.", implementation = NestedArray.class) NestedValues im) {

    /** Both parts of a complex result of this shape; {@code single}: complex64, written as floats. */
    public static ComplexValues of(int[] shape, double[] re, double[] im, boolean single) {
        return new ComplexValues(new NestedValues(shape, re, single), new NestedValues(shape, im, single));
    }

    /** The OpenAPI shape of a signal's data: numbers, or complex numbers. */
    @Schema(name = "SignalData", description = "A non-empty array of finite numbers, or complex numbers {\"re\": […], \"im\": […]}.",
            oneOf = {double[].class, ComplexValues.class})
    public interface SignalData {
    }

    /** The OpenAPI shape of an image's data: rows of numbers, or complex numbers. */
    @Schema(name = "ImageData", description = "Rows of finite numbers, or complex numbers {\"re\": rows, \"im\": rows}.",
            oneOf = {double[][].class, ComplexValues.class})
    public interface ImageData {
    }

    /** The OpenAPI shape of an N-d array's data: a nested array, or complex numbers. */
    @Schema(name = "ArrayData", description = "A nested array of finite numbers of rank 1 to 4, or complex numbers {\"re\": …, \"im\": …}.",
            oneOf = {NestedArray.class, ComplexValues.class})
    public interface ArrayData {
    }

    /** The OpenAPI shape of a result array: real (a nested array) or complex. */
    @Schema(name = "ResultValues", description = "A result array: a nested array of numbers, or for a complex result one {\"re\", \"im\"} object.",
            oneOf = {NestedArray.class, ComplexValues.class})
    public interface ResultValues {
    }

    /** The OpenAPI shape of one traced value: a number, or a complex number. */
    @Schema(name = "ResultNumber", description = "A number, or for complex data a {\"re\", \"im\"} object.",
            oneOf = {Double.class, Number.class})
    public interface ResultNumber {
    }

    /**
     * One complex number as a trace writes it.
     *
     * @param re the real part (a {@code Float} for complex64, written shortest)
     * @param im the imaginary part
     */
    @Schema(name = "ComplexNumber", description = "A complex number: {\"re\": 1.5, \"im\": -2}.", requiredProperties = {"re", "im"})
    public record Number(
            @Schema(implementation = Double.class, example = "1.5") java.lang.Number re,
            @Schema(implementation = Double.class, example = "-2") java.lang.Number im) {

        public static Number of(double re, double im, boolean single) {
            return single ? new Number((float) re, (float) im) : new Number(re, im);
        }
    }
}
