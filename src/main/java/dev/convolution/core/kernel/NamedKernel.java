package dev.convolution.core.kernel;

import dev.convolution.core.Grid;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The kernel a name stands for at one rank: the values used, the parameters with the defaults filled in, and its
 * properties. As with {@link Grid}, the arrays are handed over, not copied: nobody changes them afterwards.
 *
 * @param name the name ({@code gaussian})
 * @param parameters every parameter the kernel takes at this rank, with the defaults filled in, in the order of the
 *         contract's table (values are {@code Integer}, {@code Double}, {@code String} or {@code Boolean})
 * @param kernel the values, of the input's rank
 * @param symmetric whether the values are unchanged by a 180° rotation (every axis reversed), exactly: then
 *         convolution and cross-correlation with this kernel give the same result
 * @param separable whether the kernel is the outer product of {@code factors} (rank 2 and up; a 1D kernel has
 *         nothing to split)
 * @param factors when separable, one vector per axis whose outer product, multiplied left to right
 *         ({@code ((f0[i]*f1[j])*f2[k])*f3[l]}), is exactly {@code kernel}; else {@code null}
 */
public record NamedKernel(String name, Map<String, Object> parameters, Grid kernel, boolean symmetric, boolean separable,
        double[][] factors) {

    public NamedKernel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kernel, "kernel");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        if (separable != (factors != null)) {
            throw new IllegalArgumentException("a separable kernel has factors and no other kernel has");
        }
        if (separable) {
            if (kernel.rank() < 2 || factors.length != kernel.rank()) {
                throw new IllegalArgumentException(factors.length + " factors for a kernel of rank " + kernel.rank());
            }
            for (int a = 0; a < factors.length; a++) {
                if (factors[a].length != kernel.shape().dim(a)) {
                    throw new IllegalArgumentException("factor " + a + " has " + factors[a].length + " values; axis " + a
                            + " of the kernel has " + kernel.shape().dim(a));
                }
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamedKernel k && k.name.equals(name) && k.parameters.equals(parameters) && k.kernel.equals(kernel)
                && k.symmetric == symmetric && k.separable == separable && Arrays.deepEquals(k.factors, factors);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, parameters, kernel, symmetric, separable, Arrays.deepHashCode(factors));
    }

    @Override
    public String toString() {
        return name + parameters + " " + kernel + (symmetric ? " symmetric" : "") + (separable ? " separable" : "");
    }
}
