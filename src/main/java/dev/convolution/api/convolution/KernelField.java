package dev.convolution.api.convolution;

import dev.convolution.api.wire.ComplexValues;
import dev.convolution.api.wire.KernelReader;
import dev.convolution.api.wire.NamedKernelRequest;
import dev.convolution.api.wire.NestedArray;
import dev.convolution.core.Grid;
import dev.convolution.core.kernel.NamedKernel;
import dev.convolution.core.kernel.NamedKernels;
import dev.convolution.core.type.ElementType;
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

    /** The imaginary parts of complex numbers given, else null (real numbers, a name). */
    Grid imaginary();

    /** The element type of the numbers given (null for JSON numbers or a name). */
    ElementType declaredType();

    /** The kernel's element type: a .npy part's own, else by its values (a named kernel's too). */
    default ElementType type(Grid kernel) {
        return named() == null && declaredType() != null ? declaredType() : ElementType.of(kernel);
    }

    /** The kernel the name stands for at this rank, or null when numbers were given. */
    default NamedKernel resolve(int rank) {
        return named() == null ? null : NamedKernels.of("kernel", named().toCore(), rank);
    }

    /** The kernel for an input of this rank. */
    default Grid grid(int rank) {
        return named() == null ? values() : resolve(rank).kernel();
    }

    /** A signals request's kernel: an array of numbers or a name. */
    @Schema(name = "SignalKernel", description = "A 1D kernel: a non-empty array of finite numbers, complex numbers {\"re\": […], \"im\": […]}, or a kernel by name.",
            oneOf = {double[].class, ComplexValues.class, NamedKernelRequest.class})
    @JsonDeserialize(using = Signal.Reader.class)
    record Signal(ComputeRequest.SignalInput numbers, NamedKernelRequest named) implements KernelField {
        @Override
        public Grid values() {
            return Grid.ofSignal("kernel", numbers == null ? null : numbers.values());
        }

        @Override
        public Grid imaginary() {
            return numbers == null || numbers.imag() == null ? null : Grid.ofSignal("kernel.im", numbers.imag());
        }

        @Override
        public ElementType declaredType() {
            return numbers == null ? null : numbers.type();
        }

        static final class Reader extends KernelReader<ComputeRequest.SignalInput, Signal> {
            Reader() {
                super(new ComputeRequest.SignalInput.Reader(), Signal::new);
            }
        }
    }

    /** An images request's kernel: rows of numbers or a name. */
    @Schema(name = "ImageKernel", description = "A 2D kernel: rows of finite numbers, complex numbers {\"re\": rows, \"im\": rows}, or a kernel by name.",
            oneOf = {double[][].class, ComplexValues.class, NamedKernelRequest.class})
    @JsonDeserialize(using = Image.Reader.class)
    record Image(ComputeRequest.ImageInput rows, NamedKernelRequest named) implements KernelField {
        @Override
        public Grid values() {
            return Grid.ofImage("kernel", rows == null ? null : rows.rows());
        }

        @Override
        public Grid imaginary() {
            return rows == null || rows.imag() == null ? null : Grid.ofImage("kernel.im", rows.imag());
        }

        @Override
        public ElementType declaredType() {
            return rows == null ? null : rows.type();
        }

        static final class Reader extends KernelReader<ComputeRequest.ImageInput, Image> {
            Reader() {
                super(new ComputeRequest.ImageInput.Reader(), Image::new);
            }
        }
    }

    /** An arrays request's kernel: a nested array or a name. */
    @Schema(name = "ArrayKernel", description = "An N-d kernel: a nested array of the input's rank, complex numbers {\"re\": …, \"im\": …}, or a kernel by name.",
            oneOf = {NestedArray.class, ComplexValues.class, NamedKernelRequest.class})
    @JsonDeserialize(using = Array.Reader.class)
    record Array(NestedArray nested, NamedKernelRequest named) implements KernelField {
        @Override
        public Grid values() {
            return Grid.ofNested("kernel", nested == null ? null : nested.value());
        }

        @Override
        public Grid imaginary() {
            return nested == null || nested.imag() == null ? null : Grid.ofNested("kernel.im", nested.imag());
        }

        @Override
        public ElementType declaredType() {
            return nested == null ? null : nested.type();
        }

        static final class Reader extends KernelReader<NestedArray, Array> {
            Reader() {
                super(new NestedArray.Reader(), Array::new);
            }
        }
    }
}
