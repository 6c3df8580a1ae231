package dev.convolution.bench;

import dev.convolution.core.direct.DirectConvolver;


/** Prints the direct method's innermost loop on this JVM (scripts/bench-core puts it in its header). */
public final class LoopName {
    private LoopName() {
    }

    public static void main(String[] args) {
        System.out.println(new DirectConvolver().loopName());
    }
}
