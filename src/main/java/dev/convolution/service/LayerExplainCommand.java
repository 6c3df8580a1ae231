package dev.convolution.service;

import dev.convolution.core.layer.LayerGeometry;
import java.util.Objects;

/**
 * A layer explained from shapes alone.
 *
 * @param transposed a transposed convolution (its output is the input gradient of {@code geometry})
 * @param bias whether the layer has a bias (its term is listed)
 */
public record LayerExplainCommand(boolean transposed, LayerGeometry geometry, boolean bias, LayerCommand.LayerTrace trace) {
    public LayerExplainCommand {
        Objects.requireNonNull(geometry, "geometry");
        Objects.requireNonNull(trace, "trace");
    }
}
