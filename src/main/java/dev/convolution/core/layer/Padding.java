package dev.convolution.core.layer;

/** A layer's {@code padding} as asked: numbers per spatial axis, {@code "same"} or {@code "valid"}. */
public sealed interface Padding {
    /** The same number of positions before and after the input on each spatial axis (one value for every axis, or one per axis). */
    record Explicit(int[] perAxis) implements Padding {
    }

    /** As much padding as keeps the output as long as the input (stride 1 only); an odd total puts the extra position after. */
    record Same() implements Padding {
    }

    /** No padding. */
    record Valid() implements Padding {
    }

    Padding SAME = new Same();
    Padding VALID = new Valid();

    /** Zero on every axis: PyTorch's default. */
    static Padding none() {
        return new Explicit(new int[] {0});
    }
}
