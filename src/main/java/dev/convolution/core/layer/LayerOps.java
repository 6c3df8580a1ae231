package dev.convolution.core.layer;

import dev.convolution.core.Convolver;
import dev.convolution.core.Deadline;
import dev.convolution.core.Limits;
import dev.convolution.core.Method;

/** What a layer's computation runs with: the core's convolver and method, the time budget and the size limits. */
public record LayerOps(Convolver convolver, Method method, Deadline deadline, Limits limits) {
    /** Automatic method, no deadline, no limits (tests, benchmarks). */
    public static LayerOps unbounded() {
        return new LayerOps(new Convolver(), Method.AUTO, Deadline.none(), Limits.NONE);
    }
}
