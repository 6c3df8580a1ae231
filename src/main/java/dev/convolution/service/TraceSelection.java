package dev.convolution.service;

import java.util.List;

/**
 * Which outputs to trace or explain: the listed labels, or every output.
 *
 * @param field the request field the selection came from ({@code trace} or the explain body)
 * @param labels the labels, or null for every output
 */
public record TraceSelection(String field, List<long[]> labels) {
    public static TraceSelection all(String field) {
        return new TraceSelection(field, null);
    }
}
