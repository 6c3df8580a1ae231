package dev.convolution.core;

import dev.convolution.core.error.TraceTooLargeException;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists which input position meets which kernel tap for chosen outputs, from the same
 * {@link AxisPlan#inputPosition} that computes the values.
 */
public final class Tracer {

    /**
     * Resolves trace labels to flat output indices, refusing traces above the term limit.
     *
     * @param field the request field, for messages
     * @param labels the requested labels, or null for every output
     */
    public int[] select(Plan plan, String field, List<long[]> labels, long maxTerms) {
        long outputs = labels == null ? plan.outputSize() : labels.size();
        long terms = outputs * plan.kernelSize();
        if (terms > maxTerms) {
            throw new TraceTooLargeException(field, "the trace would list " + terms + " terms (" + outputs + " outputs × "
                    + plan.kernelSize() + " kernel taps); the limit is " + maxTerms
                    + " terms: list fewer outputs in " + field.replaceAll("(^|\\.)all$", "$1outputs") + " or use a smaller kernel");
        }
        if (labels != null) {
            return plan.resolveOutputs(field, labels);
        }
        int[] all = new int[plan.outputSize()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return all;
    }

    /**
     * The terms of each selected output, taps in row-major order (for each axis ascending input positions).
     *
     * @param x the input, or null when only shapes are known (explain)
     * @param h the kernel, or null when only shapes are known
     */
    public List<TraceEntry> trace(Plan plan, int[] outputs, Grid x, Grid h) {
        int rank = plan.rank();
        Boundary boundary = plan.spec().boundary();
        int[] inStrides = Shape.of(inputShape(plan)).strides();
        int[] kStrides = Shape.of(kernelShape(plan)).strides();
        List<TraceEntry> entries = new ArrayList<>(outputs.length);
        for (int flat : outputs) {
            int[] j = plan.outputIndices(flat);
            List<Term> terms = new ArrayList<>(plan.kernelSize());
            int[] t = new int[rank];
            for (int tap = 0; tap < plan.kernelSize(); tap++) {
                long[] position = new long[rank];
                int[] k = new int[rank];
                int sourceFlat = 0;
                int kernelFlat = 0;
                boolean padded = false;
                boolean filled = false;
                boolean hole = false;
                long[] sourcePositions = new long[rank];
                for (int a = 0; a < rank; a++) {
                    AxisPlan axis = plan.axis(a);
                    position[a] = axis.inputPosition(j[a], t[a]);
                    k[a] = axis.kernelIndex(t[a]);
                    kernelFlat += k[a] * kStrides[a];
                    int s = axis.source(position[a], boundary);
                    padded |= position[a] < 0 || position[a] >= axis.extent() || s == AxisPlan.HOLE;
                    filled |= s == Boundary.FILLED;
                    hole |= s == AxisPlan.HOLE;
                    if (s >= 0) {
                        sourceFlat += s * inStrides[a];
                        sourcePositions[a] = axis.elementPosition(s);
                    }
                }
                boolean fromInput = !filled && !hole;
                long[] source = padded && fromInput ? plan.inputLabels(sourcePositions) : null;
                double xv = x == null ? Double.NaN : filled ? plan.spec().fillValue() : hole ? 0 : x.at(sourceFlat);
                double hv = h == null ? Double.NaN : h.at(kernelFlat);
                terms.add(new Term(plan.inputLabels(position), plan.kernelLabels(k), padded, source, xv, hv));
                for (int a = rank - 1; a >= 0; a--) {
                    if (++t[a] < plan.axis(a).taps()) {
                        break;
                    }
                    t[a] = 0;
                }
            }
            entries.add(new TraceEntry(plan.outputLabels(flat), flat, terms));
        }
        return entries;
    }

    private static int[] inputShape(Plan plan) {
        int[] s = new int[plan.rank()];
        for (int a = 0; a < s.length; a++) {
            s[a] = plan.axis(a).n();
        }
        return s;
    }

    private static int[] kernelShape(Plan plan) {
        int[] s = new int[plan.rank()];
        for (int a = 0; a < s.length; a++) {
            s[a] = plan.axis(a).taps();
        }
        return s;
    }

    /**
     * A formula line listing the terms inside the input, such as
     * {@code y[1,1] = x[0,0]·i + x[0,1]·h + … + x[2,2]·a}.
     *
     * @param symbols kernel symbols row-major by kernel index, or null to write {@code h[k]}
     */
    public String formulaLine(Plan plan, TraceEntry entry, String[] symbols) {
        return formulaLine(plan, entry, symbols, false);
    }

    /** A formula line; a correlation that conjugates the kernel writes each tap {@code conj(h[k])} (or {@code conj(a)}). */
    public String formulaLine(Plan plan, TraceEntry entry, String[] symbols, boolean conjugated) {
        StringBuilder s = new StringBuilder("y").append(Plan.labelText(entry.output())).append(" = ");
        boolean first = true;
        for (Term t : entry.terms()) {
            if (t.padded()) {
                continue;
            }
            if (!first) {
                s.append(" + ");
            }
            first = false;
            String h = symbol(plan, t, symbols);
            s.append('x').append(Plan.labelText(t.input())).append('·').append(conjugated ? "conj(" + h + ")" : h);
        }
        if (first) {
            s.append("0 (every term lies in the padding)");
        }
        return s.toString();
    }

    /** The symbol of a term's kernel tap, or {@code h[k]}. */
    public static String symbol(Plan plan, Term t, String[] symbols) {
        if (symbols == null) {
            return "h" + Plan.labelText(t.kernel());
        }
        IndexOrigin o = plan.spec().origin();
        int flat = 0;
        for (int a = 0; a < plan.rank(); a++) {
            AxisPlan axis = plan.axis(a);
            flat = flat * axis.taps() + (int) (t.kernel()[a] - axis.kernelLabel(0, o));
        }
        return symbols[flat];
    }
}
