package dev.convolution.api;

import dev.convolution.core.Boundary;
import dev.convolution.core.IndexOrigin;
import dev.convolution.core.Method;
import dev.convolution.core.Mode;

/** The options every compute request shares; null means the contract's default. */
interface OperationOptions {
    Mode mode();

    Boundary boundary();

    Double fillValue();

    Method method();

    IndexOrigin indexOrigin();

    TraceRequest trace();
}
