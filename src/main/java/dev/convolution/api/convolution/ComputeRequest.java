package dev.convolution.api.convolution;

import dev.convolution.api.wire.ComplexParts;
import dev.convolution.api.wire.EmbeddedArray;
import dev.convolution.api.wire.IntegerReaders;
import dev.convolution.api.wire.NestedArray;
import dev.convolution.api.wire.NumberReaders;
import dev.convolution.api.wire.PerAxisValue;
import dev.convolution.api.wire.StrictJson;
import dev.convolution.api.wire.TraceRequest;
import dev.convolution.api.wire.WireValueException;
import dev.convolution.codec.NpyArray;
import dev.convolution.codec.Picture;
import dev.convolution.codec.Png;
import dev.convolution.core.Boundary;
import dev.convolution.core.CorrelationConvention;
import dev.convolution.core.Grid;
import dev.convolution.core.IndexOrigin;
import dev.convolution.core.Method;
import dev.convolution.core.Mode;
import dev.convolution.core.Operation;
import dev.convolution.core.PerAxis;
import dev.convolution.core.kernel.NamedKernel;
import dev.convolution.core.type.Dtype;
import dev.convolution.core.type.ElementType;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * What every compute request (signals, images, arrays; convolution or correlation) gives the mapper, so that one
 * mapping serves them all: the operation, the data as core arrays, the options. Null means the contract's default.
 */
interface ComputeRequest {
    Operation operation();

    /** The correlation convention; convolution requests have none. */
    default CorrelationConvention convention() {
        return null;
    }

    /** Whether complex correlation conjugates the kernel (null: the default, true); convolution requests have none. */
    default Boolean conjugates() {
        return null;
    }

    Mode mode();

    Boundary boundary();

    Double fillValue();

    Method method();

    /** The type asked to compute in; null: numpy's rule on the data's types. */
    Dtype dtype();

    IndexOrigin indexOrigin();

    TraceRequest trace();

    /** The request field of the input ({@code signal}, {@code image}, {@code input}). */
    String inputField();

    Grid inputArray();

    /** The input's imaginary parts when it came complex, else null. */
    Grid inputImaginary();

    /** The request's kernel field as given: numbers or a name (null when missing). */
    KernelField kernelField();

    /** The kernel for an input of this rank (a named kernel is made at it). */
    default Grid kernelArray(int inputRank) {
        return kernelField() == null ? Grid.ofNested("kernel", null) : kernelField().grid(inputRank); // "kernel is required"
    }

    /** The element type of the input (these are its values): a .npy or PNG part's own, else by its values. */
    ElementType inputType(Grid input);

    /**
     * The type to compute in: the request's {@code dtype}, else numpy's rule on the input's and the kernel's types
     * ({@link ElementType#with}).
     */
    default ElementType computeType(Grid input, Grid kernel) {
        return dtype() != null ? dtype().elementType() : inputType(input).with(kernelField() == null ? ElementType.of(kernel)
                : kernelField().type(kernel));
    }

    /** The kernel the request names, made at this rank; null when it gives numbers (or no kernel). */
    default NamedKernel namedKernel(int rank) {
        return kernelField() == null ? null : kernelField().resolve(rank);
    }

    PerAxis strideAxes();

    PerAxis dilationAxes();

    /** A convolution request. */
    interface Convolution extends ComputeRequest {
        @Override
        default Operation operation() {
            return Operation.CONVOLUTION;
        }
    }

    /** A cross-correlation request, with its convention. */
    interface Correlation extends ComputeRequest {
        CorrelationConvention correlationConvention();

        @Override
        default Operation operation() {
            return Operation.CROSS_CORRELATION;
        }

        @Override
        default CorrelationConvention convention() {
            return correlationConvention();
        }

        Boolean conjugate();

        @Override
        default Boolean conjugates() {
            return conjugate();
        }
    }

    /** A signals request: {@code signal} and {@code kernel} number arrays, stride and dilation one integer. */
    interface Signal extends ComputeRequest {
        SignalInput signal();

        KernelField.Signal kernel();

        Integer stride();

        Integer dilation();

        @Override
        default KernelField kernelField() {
            return kernel();
        }

        @Override
        default String inputField() {
            return "signal";
        }

        @Override
        default Grid inputArray() {
            return Grid.ofSignal("signal", signal() == null ? null : signal().values());
        }

        @Override
        default Grid inputImaginary() {
            return signal() == null || signal().imag() == null ? null : Grid.ofSignal("signal.im", signal().imag());
        }

        @Override
        default ElementType inputType(Grid input) {
            return signal().type(input);
        }

        @Override
        default PerAxis strideAxes() {
            return stride() == null ? null : PerAxis.every("stride", stride());
        }

        @Override
        default PerAxis dilationAxes() {
            return dilation() == null ? null : PerAxis.every("dilation", dilation());
        }
    }

    /** An images request: {@code image} rows (or a PNG) and {@code kernel} rows, stride and dilation one integer or a pair. */
    interface Image extends ComputeRequest {
        ImageInput image();

        KernelField.Image kernel();

        AxisPair stride();

        AxisPair dilation();

        PngOptions png();

        @Override
        default KernelField kernelField() {
            return kernel();
        }

        /** A PNG's decoded picture when the image came as one, else null. */
        default Picture picture() {
            return image() == null ? null : image().picture();
        }

        @Override
        default String inputField() {
            return "image";
        }

        /** The image as rows (a PNG of colour or alpha has none: its result is a picture, answered plane by plane). */
        @Override
        default Grid inputArray() {
            return Grid.ofImage("image", image() == null ? null : image().rows());
        }

        @Override
        default Grid inputImaginary() {
            return image() == null || image().imag() == null ? null : Grid.ofImage("image.im", image().imag());
        }

        @Override
        default ElementType inputType(Grid input) {
            return image().type(input);
        }

        @Override
        default PerAxis strideAxes() {
            return AxisPair.of("stride", stride());
        }

        @Override
        default PerAxis dilationAxes() {
            return AxisPair.of("dilation", dilation());
        }
    }

    /** An arrays request: {@code input} and {@code kernel} nested arrays, stride and dilation one integer or one per axis. */
    interface Array extends ComputeRequest {
        NestedArray input();

        KernelField.Array kernel();

        PerAxisValue stride();

        PerAxisValue dilation();

        @Override
        default KernelField kernelField() {
            return kernel();
        }

        @Override
        default String inputField() {
            return "input";
        }

        @Override
        default Grid inputArray() {
            return Grid.ofNested("input", input() == null ? null : input().value());
        }

        @Override
        default Grid inputImaginary() {
            return input() == null || input().imag() == null ? null : Grid.ofNested("input.im", input().imag());
        }

        @Override
        default ElementType inputType(Grid input) {
            return input().type(input);
        }

        @Override
        default PerAxis strideAxes() {
            return PerAxisValue.of("stride", stride());
        }

        @Override
        default PerAxis dilationAxes() {
            return PerAxisValue.of("dilation", dilation());
        }
    }

    /** How an images result becomes pixel values when the answer is a PNG ({@code Accept: image/png}). */
    @Schema(name = "PngOptions", description = "How results become pixel values of the input's bit depth (0…2^bits−1) in a PNG answer.")
    record PngOptions(
            @Schema(example = "clip", description = "clip (default): round half to even, then clip to 0…2^bits−1; normalize: map "
                    + "the result's [min, max] linearly onto 0…2^bits−1, then round; abs: take |y|, then round and clip (for edge "
                    + "kernels).") Png.Scale scale) {
    }

    /**
     * An images request's {@code image}: rows of numbers (JSON, or a 2D {@code .npy} part), or a PNG part's picture. A
     * grey picture without alpha is also its rows; a colour or alpha picture has no rows (its result is a picture).
     */
    @JsonDeserialize(using = ImageInput.Reader.class)
    record ImageInput(double[][] rows, Picture picture, ElementType type, double[][] imag) {

        /** The element type: the .npy part's, the PNG's (8 or 16 bits unsigned), or for JSON integers when every value is one. */
        ElementType type(Grid values) {
            return type != null ? type : ElementType.of(values);
        }

        static final class Reader extends ValueDeserializer<ImageInput> {
            private final NumberReaders.TwoD rows = new NumberReaders.TwoD();

            @Override
            public ImageInput deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
                if (p.currentToken() == JsonToken.VALUE_EMBEDDED_OBJECT && p.getEmbeddedObject() instanceof Picture picture) {
                    boolean grey = picture.colours() == 1 && !picture.alpha();
                    return new ImageInput(grey ? EmbeddedArray.rows(picture.planes()[0], picture.height(), picture.width()) : null, picture,
                            picture.bitDepth() == 8 ? ElementType.UINT8 : ElementType.UINT16, null);
                }
                NpyArray part = EmbeddedArray.of(p, 2, 2);
                if (part != null) {
                    return new ImageInput(EmbeddedArray.rows(part), null, part.type(),
                            part.imag() == null ? null : EmbeddedArray.rows(part.imag(), part.shape()[0], part.shape()[1]));
                }
                if (ComplexParts.at(p)) {
                    ComplexParts<double[][]> c = ComplexParts.read(p, ctxt, rows::deserialize);
                    return new ImageInput(c.re(), null, ElementType.COMPLEX128, c.im());
                }
                return new ImageInput(rows.deserialize(p, ctxt), null, null, null);
            }
        }
    }

    /**
     * A signals request's numbers: JSON (numbers, or a complex {@code {"re", "im"}} object), or a 1D {@code .npy} part with
     * its element type (null for JSON numbers).
     *
     * @param imag the imaginary parts of complex data, else null
     */
    @JsonDeserialize(using = SignalInput.Reader.class)
    record SignalInput(double[] values, ElementType type, double[] imag) {

        /** The element type: the .npy part's, complex128 for a JSON complex object, or for JSON integers when every value is one. */
        ElementType type(Grid grid) {
            return type != null ? type : ElementType.of(grid);
        }

        static final class Reader extends ValueDeserializer<SignalInput> {
            private final NumberReaders.OneD numbers = new NumberReaders.OneD();

            @Override
            public SignalInput deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
                NpyArray part = EmbeddedArray.of(p, 1, 1);
                if (part != null) {
                    return new SignalInput(part.values(), part.type(), part.imag());
                }
                if (ComplexParts.at(p)) {
                    ComplexParts<double[]> c = ComplexParts.read(p, ctxt, numbers::deserialize);
                    return new SignalInput(c.re(), ElementType.COMPLEX128, c.im());
                }
                return new SignalInput(numbers.deserialize(p, ctxt), null, null);
            }
        }
    }

    /**
     * A per-axis integer of an images request (stride, dilation): one integer for both axes, or a {@code [rows, columns]}
     * pair on the wire ({@code pair} says which was sent). {@link PerAxis} holds the rule that each is at least 1.
     */
    @Schema(description = "A positive integer for both axes, or a [rows, columns] pair of positive integers.",
            oneOf = {Integer.class, int[].class}, example = "1")
    @JsonDeserialize(using = AxisPair.Reader.class)
    record AxisPair(int rows, int cols, boolean pair) {

        /** The core's per-axis value, or null when the field was not sent. */
        static PerAxis of(String field, AxisPair v) {
            if (v == null) {
                return null;
            }
            return v.pair() ? PerAxis.of(field, v.rows(), v.cols()) : PerAxis.every(field, v.rows());
        }

        static final class Reader extends ValueDeserializer<AxisPair> {
            private static final String WHAT = "must be a positive integer or a [rows, columns] pair";

            @Override
            public AxisPair deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
                if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                    int v = IntegerReaders.integer(p, -1);
                    return new AxisPair(v, v, false);
                }
                if (!p.isExpectedStartArrayToken()) {
                    throw new WireValueException(p, WHAT + " of them; got " + StrictJson.describe(p.currentToken()));
                }
                int[] v = IntegerReaders.list(p);
                if (v.length != 2) {
                    throw new WireValueException(p, WHAT + "; the array has " + v.length + " value" + (v.length == 1 ? "" : "s"));
                }
                return new AxisPair(v[0], v[1], true);
            }
        }
    }
}
