package dev.convolution.core;

import dev.convolution.core.error.TraceTooLargeException;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists which input position meets which kernel tap for chosen outputs, from the same
 * {@link AxisPlan} algebra that computes the values.
 */
public final class Tracer {

    /**
     * Resolves trace labels to outputs, refusing traces above the term limit.
     *
     * @param field the request field, for messages
     * @param labels the requested labels, or null for every output
     */
    public List<int[]> select(Plan plan, String field, List<long[]> labels, long maxTerms) {
        long outputs = labels == null ? plan.outputSize() : labels.size();
        long terms = outputs * plan.kernelSize();
        if (terms > maxTerms) {
            throw new TraceTooLargeException(field, "the trace would list " + terms + " terms (" + outputs + " outputs × "
                    + plan.kernelSize() + " kernel taps); the limit is " + maxTerms
                    + " terms: list fewer outputs in " + field.replace(".all", ".outputs") + " or use a smaller kernel");
        }
        if (labels != null) {
            return plan.resolveOutputs(field, labels);
        }
        List<int[]> all = new ArrayList<>(plan.outputSize());
        for (int r = 0; r < plan.rows().count(); r++) {
            for (int c = 0; c < plan.cols().count(); c++) {
                all.add(new int[] {r, c});
            }
        }
        return all;
    }

    /**
     * The terms of each selected output.
     *
     * @param x the input, or null when only shapes are known (explain)
     * @param h the kernel, or null when only shapes are known
     */
    public List<TraceEntry> trace(Plan plan, List<int[]> outputs, Grid x, Grid h) {
        AxisPlan rows = plan.rows();
        AxisPlan cols = plan.cols();
        Boundary boundary = plan.spec().boundary();
        List<TraceEntry> entries = new ArrayList<>(outputs.size());
        for (int[] rc : outputs) {
            int r = rc[0];
            int c = rc[1];
            List<Term> terms = new ArrayList<>(plan.kernelSize());
            for (int tr = 0; tr < rows.taps(); tr++) {
                long pr = rows.inputPosition(r, tr);
                int kr = rows.kernelIndex(tr);
                int sr = boundary.source(pr, rows.n());
                for (int tc = 0; tc < cols.taps(); tc++) {
                    long pc = cols.inputPosition(c, tc);
                    int kc = cols.kernelIndex(tc);
                    int sc = boundary.source(pc, cols.n());
                    boolean padded = pr < 0 || pr >= rows.n() || pc < 0 || pc >= cols.n();
                    boolean filled = sr == Boundary.FILLED || sc == Boundary.FILLED;
                    long[] source = padded && !filled ? plan.inputLabels(sr, sc) : null;
                    double xv = x == null ? Double.NaN : filled ? plan.spec().fillValue() : x.at(sr, sc);
                    double hv = h == null ? Double.NaN : h.at(kr, kc);
                    terms.add(new Term(plan.inputLabels(pr, pc), plan.kernelLabels(kr, kc), padded, source, xv, hv));
                }
            }
            entries.add(new TraceEntry(plan.outputLabels(r, c), r, c, terms));
        }
        return entries;
    }

    /**
     * A formula line listing the terms inside the input, such as
     * {@code y[1,1] = x[0,0]·i + x[0,1]·h + … + x[2,2]·a}.
     *
     * @param symbols kernel symbols row-major by kernel index, or null to write {@code h[k]}
     */
    public String formulaLine(Plan plan, TraceEntry entry, String[] symbols) {
        StringBuilder s = new StringBuilder("y").append(labels(entry.output())).append(" = ");
        boolean first = true;
        for (Term t : entry.terms()) {
            if (t.padded()) {
                continue;
            }
            if (!first) {
                s.append(" + ");
            }
            first = false;
            s.append('x').append(labels(t.input())).append('·').append(symbol(plan, t, symbols));
        }
        if (first) {
            s.append("0 (every term lies in the padding)");
        }
        return s.toString();
    }

    /** The symbol of a term's kernel tap, or {@code h[k]}. */
    public static String symbol(Plan plan, Term t, String[] symbols) {
        if (symbols == null) {
            return "h" + labels(t.kernel());
        }
        IndexOrigin o = plan.spec().origin();
        int kc = (int) (t.kernel()[t.kernel().length - 1] - plan.cols().kernelLabel(0, o));
        int kr = plan.rank() == 1 ? 0 : (int) (t.kernel()[0] - plan.rows().kernelLabel(0, o));
        return symbols[kr * plan.cols().taps() + kc];
    }

    private static String labels(long[] l) {
        StringBuilder s = new StringBuilder("[");
        for (int a = 0; a < l.length; a++) {
            if (a > 0) {
                s.append(',');
            }
            s.append(l[a]);
        }
        return s.append(']').toString();
    }
}
