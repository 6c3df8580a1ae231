package dev.convolution.core.layer;

import dev.convolution.core.Convolver;
import dev.convolution.core.Deadline;
import dev.convolution.core.Limits;
import dev.convolution.core.Method;
import dev.convolution.core.type.ElementType;

/**
 * What a layer's computation runs with: the core's convolver and method, the time budget, the size limits, and the type
 * its channel sums run in (FLOAT64, or FLOAT32: data that are floats summed in float vectors where the contract's bound
 * allows, {@link Convolver#channelSums(dev.convolution.core.Plan, dev.convolution.core.Grid[][],
 * dev.convolution.core.Grid[][], Method, Deadline, ElementType)}).
 */
public record LayerOps(Convolver convolver, Method method, Deadline deadline, Limits limits, ElementType type) {
    /** In double precision. */
    public LayerOps(Convolver convolver, Method method, Deadline deadline, Limits limits) {
        this(convolver, method, deadline, limits, ElementType.FLOAT64);
    }

    /** Automatic method, no deadline, no limits (tests, benchmarks). */
    public static LayerOps unbounded() {
        return new LayerOps(new Convolver(), Method.AUTO, Deadline.none(), Limits.NONE);
    }

    /** These operations with their channel sums in {@code type}. */
    public LayerOps in(ElementType type) {
        return new LayerOps(convolver, method, deadline, limits, type);
    }
}
