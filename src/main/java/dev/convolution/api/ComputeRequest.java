package dev.convolution.api;

import dev.convolution.core.CorrelationConvention;
import dev.convolution.api.binary.Picture;
import dev.convolution.core.Grid;
import dev.convolution.core.kernel.NamedKernel;
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

    /** The kernel for an input of this rank (a named kernel is made at it). */
    Grid kernelArray(int inputRank);

    /** The request's kernel field as given: numbers or a name (null when missing). */
    KernelField kernelField();

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
    }

    /** A signals request: {@code signal} and {@code kernel} number arrays, stride and dilation one integer. */
    interface Signal extends ComputeRequest {
        double[] signal();

        KernelField.Signal kernel();

        @Override
        default KernelField kernelField() {
            return kernel();
        }

        Integer stride();

        Integer dilation();

        @Override
        default String inputField() {
            return "signal";
        }

        @Override
        default Grid inputArray() {
            return Grid.ofSignal("signal", signal());
        }

        @Override
        default Grid kernelArray(int inputRank) {
            return kernel() == null ? Grid.ofSignal("kernel", null) : kernel().grid(inputRank);
        }

        @Override
        default PerAxis strideAxes() {
            return every("stride", stride());
        }

        @Override
        default PerAxis dilationAxes() {
            return every("dilation", dilation());
        }
    }

    /** An images request: {@code image} and {@code kernel} rows, stride and dilation one integer or a pair. */
    interface Image extends ComputeRequest {
        double[][] image();

        KernelField.Image kernel();

        @Override
        default KernelField kernelField() {
            return kernel();
        }

        /** A PNG's decoded picture when the image came as one (then {@code image} is null unless it is plain grey). */
        Picture picture();

        PngOptions png();

        AxisPair stride();

        AxisPair dilation();

        @Override
        default String inputField() {
            return "image";
        }

        @Override
        default Grid inputArray() {
            if (image() == null && picture() != null) {
                throw new ResultNotAcceptableException("the image is a PNG with " + (picture().colours() == 3 ? "colour" : "alpha")
                        + ": its result is a picture; ask for it with Accept: image/png");
            }
            return Grid.ofImage("image", image());
        }

        @Override
        default Grid kernelArray(int inputRank) {
            return kernel() == null ? Grid.ofImage("kernel", null) : kernel().grid(inputRank);
        }

        @Override
        default PerAxis strideAxes() {
            return pair("stride", stride());
        }

        @Override
        default PerAxis dilationAxes() {
            return pair("dilation", dilation());
        }
    }

    /** An arrays request: {@code input} and {@code kernel} nested arrays, stride and dilation one integer or one per axis. */
    interface Array extends ComputeRequest {
        NestedArray input();

        KernelField.Array kernel();

        @Override
        default KernelField kernelField() {
            return kernel();
        }

        PerAxisValue stride();

        PerAxisValue dilation();

        @Override
        default String inputField() {
            return "input";
        }

        @Override
        default Grid inputArray() {
            return Grid.ofNested("input", input() == null ? null : input().value());
        }

        @Override
        default Grid kernelArray(int inputRank) {
            return kernel() == null ? Grid.ofNested("kernel", null) : kernel().grid(inputRank);
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
