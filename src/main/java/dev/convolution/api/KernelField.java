package dev.convolution.api;

import dev.convolution.core.Grid;
import dev.convolution.core.kernel.NamedKernel;
import dev.convolution.core.kernel.NamedKernels;

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
    record Signal(double[] numbers, NamedKernelRequest named) implements KernelField {
        @Override
        public Grid values() {
            return Grid.ofSignal("kernel", numbers);
        }
    }

    /** An images request's kernel: rows of numbers or a name. */
    record Image(double[][] rows, NamedKernelRequest named) implements KernelField {
        @Override
        public Grid values() {
            return Grid.ofImage("kernel", rows);
        }
    }

    /** An arrays request's kernel: a nested array or a name. */
    record Array(NestedArray nested, NamedKernelRequest named) implements KernelField {
        @Override
        public Grid values() {
            return Grid.ofNested("kernel", nested == null ? null : nested.value());
        }
    }
}
