package dev.convolution.core.kernel;

import java.util.List;
import java.util.Objects;

/**
 * One named kernel as {@code GET /api/v1/kernels} lists it.
 *
 * @param name the name a request gives ({@code gaussian})
 * @param description what its values are and where they come from
 * @param parameters what it takes, in the order of the contract's table
 * @param ranks the ranks of input it exists for (1 to 4)
 * @param symmetric whether it is unchanged by a 180° rotation with its default parameters (then convolution equals
 *         cross-correlation); {@code false} for the derivatives, whichever axis
 * @param separable whether it is an outer product of one vector per axis (in 2D and up)
 */
public record KernelDescription(String name, String description, List<ParameterDescription> parameters, List<Integer> ranks,
        boolean symmetric, boolean separable) {

    public KernelDescription {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        parameters = List.copyOf(parameters);
        ranks = List.copyOf(ranks);
        if (ranks.isEmpty()) {
            throw new IllegalArgumentException(name + " exists in no rank");
        }
    }
}
