package dev.convolution.bench;

import dev.convolution.core.direct.DirectConvolver;


/** Prints the direct method's innermost loops on this JVM, double and float32 (scripts/bench-core puts them in its header). */
public final class LoopName {
    private LoopName() {
    }

    public static void main(String[] args) {
        DirectConvolver d = new DirectConvolver();
        System.out.println(d.loopName() + ", float32 " + d.floatLoopName());
    }
}
