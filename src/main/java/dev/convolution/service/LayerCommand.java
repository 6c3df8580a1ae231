package dev.convolution.service;

import dev.convolution.core.layer.LayerGeometry;
import dev.convolution.core.type.ElementType;
import dev.convolution.core.layer.Tensor;
import java.util.Objects;
import java.util.Set;

/**
 * One layer request as the service takes it.
 *
 * @param kind forward pass, gradients, or transposed convolution
 * @param geometry the forward layer (for a transposed convolution, the layer whose input gradient it is)
 * @param weight the weight, {@code [C_out, C_in/groups, k…]} of the forward layer (a transposed layer's weight as sent)
 * @param bias one value per output channel of the computed output, or null
 * @param gradOutput for gradients: the output gradient; else null
 * @param wrt for gradients: which ones
 * @param trace the values to trace, or null
 * @param type the type to compute in: FLOAT64, or FLOAT32 (the data rounded to float first, the results rounded)
 */
public record LayerCommand(Kind kind, LayerGeometry geometry, Tensor input, Tensor weight, double[] bias, Tensor gradOutput,
        Set<Gradient> wrt, LayerTrace trace, ElementType type) {

    public enum Kind { FORWARD, BACKWARD, TRANSPOSE }

    public enum Gradient { INPUT, WEIGHT, BIAS }

    /** What a trace lists: the array ({@code of}), and the labels in it (null for all of it). */
    public record LayerTrace(String field, Traced of, java.util.List<long[]> labels) {
    }

    /** The arrays a layer trace can index. */
    public enum Traced { OUTPUT, GRAD_INPUT, GRAD_WEIGHT, GRAD_BIAS }

    public LayerCommand {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(geometry, "geometry");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(type, "type");
    }

    /** This command with its data as its type holds them (float32: every value rounded to float). */
    LayerCommand rounded() {
        return new LayerCommand(kind, geometry, round(input), round(weight), bias == null ? null : type.round(bias), round(gradOutput), wrt,
                trace, type);
    }

    private Tensor round(Tensor t) {
        return t == null ? null : new Tensor(t.dims(), type.round(t.values()));
    }
}
