package dev.convolution.api.convolution;

import dev.convolution.api.wire.KernelReader;
import dev.convolution.api.wire.NamedKernelRequest;
import dev.convolution.api.wire.NestedArray;
import dev.convolution.api.wire.NumberReaders;
import dev.convolution.core.Grid;
import dev.convolution.core.kernel.NamedKernel;
import dev.convolution.core.kernel.NamedKernels;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A request's {@code kernel}: numbers in the endpoint's array form (a signal's numbers, an image's rows, a nested
 * array), or a kernel by name, which the core makes for the input's rank. Exactly one of the two is set. Arrays are not
 * copied.
 */
sealed interface KernelField {
    /** The kernel by name, or null when numbers were given. */
    NamedKernelRequest named();

    /** The numbers as a grid (called only when no name was given). */
    Grid values();

    /** The kernel the name stands for at this rank, or null when numbers were given. */
    default NamedKernel resolve(int rank) {
        return named() == null ? null : NamedKernels.of("kernel", named().toCore(), rank);
    }

    /** The kernel for an input of this rank. */
    default Grid grid(int rank) {
        return named() == null ? values() : resolve(rank).kernel();
    }

    /** A signals request's kernel: an array of numbers or a name. */
    @Schema(name = "SignalKernel", description = "A 1D kernel: a non-empty array of finite numbers, or a kernel by name.",
            oneOf = {double[].class, NamedKernelRequest.class})
    @JsonDeserialize(using = Signal.Reader.class)
    record Signal(double[] numbers, NamedKernelRequest named) implements KernelField {
        @Override
        public Grid values() {
            return Grid.ofSignal("kernel", numbers);
        }

        static final class Reader extends KernelReader<double[], Signal> {
            Reader() {
                super(new NumberReaders.OneD(), Signal::new);
            }
        }
    }

    /** An images request's kernel: rows of numbers or a name. */
    @Schema(name = "ImageKernel", description = "A 2D kernel: rows of finite numbers, or a kernel by name.",
            oneOf = {double[][].class, NamedKernelRequest.class})
    @JsonDeserialize(using = Image.Reader.class)
    record Image(double[][] rows, NamedKernelRequest named) implements KernelField {
        @Override
        public Grid values() {
            return Grid.ofImage("kernel", rows);
        }

        static final class Reader extends KernelReader<double[][], Image> {
            Reader() {
                super(new NumberReaders.TwoD(), Image::new);
            }
        }
    }

    /** An arrays request's kernel: a nested array or a name. */
    @Schema(name = "ArrayKernel", description = "An N-d kernel: a nested array of the input's rank, or a kernel by name.",
            oneOf = {NestedArray.class, NamedKernelRequest.class})
    @JsonDeserialize(using = Array.Reader.class)
    record Array(NestedArray nested, NamedKernelRequest named) implements KernelField {
        @Override
        public Grid values() {
            return Grid.ofNested("kernel", nested == null ? null : nested.value());
        }

        static final class Reader extends KernelReader<NestedArray, Array> {
            Reader() {
                super(new NestedArray.Reader(), Array::new);
            }
        }
    }
}
