package dev.convolution.service;

import dev.convolution.core.error.InvalidRequestException;
import java.util.List;

/**
 * Which outputs to trace or explain: the listed labels, or every output.
 *
 * @param field the request field the selection came from ({@code trace.outputs}, {@code trace.all}, {@code outputs}, {@code all})
 * @param labels the labels, or null for every output
 */
public record TraceSelection(String field, List<long[]> labels) {
    public static TraceSelection all(String field) {
        return new TraceSelection(field, null);
    }

    /**
     * Either listed outputs or all of them, never both nor neither: the one rule of every trace and explanation.
     *
     * @param prefix the object holding {@code outputs} and {@code all} ({@code trace}), or empty for the body
     */
    public static TraceSelection of(String prefix, List<long[]> outputs, Boolean all) {
        String outputsField = prefix.isEmpty() ? "outputs" : prefix + ".outputs";
        String allField = prefix.isEmpty() ? "all" : prefix + ".all";
        if (outputs != null && Boolean.TRUE.equals(all)) {
            throw new InvalidRequestException(allField, "give either " + outputsField + " or " + allField + ": true, not both");
        }
        if (Boolean.TRUE.equals(all)) {
            return all(allField);
        }
        if (outputs == null) {
            throw new InvalidRequestException(outputsField, "list the outputs to " + (prefix.isEmpty() ? "explain" : "trace")
                    + " in " + outputsField + ", or set " + allField + " to true");
        }
        if (outputs.isEmpty()) {
            throw new InvalidRequestException(outputsField, outputsField + " must list at least one output label");
        }
        return new TraceSelection(outputsField, outputs);
    }
}
