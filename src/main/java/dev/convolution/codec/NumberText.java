package dev.convolution.codec;

/**
 * The JSON text of many numbers, formatted ahead on several cores and copied out in order: the writer of a large array
 * of numbers spends nearly all its time finding digits ({@link ShortestDecimal}), which one thread does a number at a
 * time while the other cores wait. Here the numbers {@code values[from, to)} are formatted a window at a time, each
 * window cut into parts that a {@link Spread} formats at once, each part into its own buffer as the text of every number
 * followed by a comma, with where each number starts; the writer then copies the text out, leaf by leaf (an innermost
 * array: a row, or the whole of a 1D array), and the next window is formatted when the copying reaches it.
 *
 * <p>The text is the one {@link ShortestDecimal} writes (float's shortest form when {@code float32}), a value that is not
 * finite quoted as Jackson writes it by default ({@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}), numbers of a
 * leaf separated by commas, none after its last: the bytes of the serial writer.
 *
 * <p>It is a forward cursor: {@link #leaf} starts the next leaf, at or after the end of the one before; {@link #copy}
 * copies as much of the leaf as there is room for, {@link #leafDone} says when all of it is copied. Only one window is
 * held (its buffers are reused), never the whole text, so a response still streams as it is written.
 */
public final class NumberText {
    /** Numbers formatted at once: the text held at a time. */
    public static final int WINDOW = 1 << 15;
    /** Numbers a part: a task of the spread. */
    public static final int PART = 1 << 12;
    /** Room for one number and its comma (a quoted non-finite value is shorter than the longest number). */
    private static final int ROOM = ShortestDecimal.MAX_LENGTH + 1;

    private final double[] values;
    private final boolean float32;
    private final Spread spread;
    private final int end;
    private final int window;
    private final int part;
    /* Two sets of buffers: the window being copied out and the next, formatted meanwhile. Part p of a window: the text of
     * numbers windowFrom + p·part … in texts[set][p]; starts[set][p][k] where the k-th begins, starts[set][p][count] past
     * its last comma. Allocated when first needed, then reused. */
    private final byte[][][] texts;
    private final int[][][] starts;
    private int set;
    private int windowFrom;
    private int windowTo;
    /* The join of the next window's formatting into the other set, or null. */
    private Runnable ahead;
    /* The part being copied: numbers segFrom … segTo − 1, its text and starts. */
    private int seg = -1;
    private int segFrom;
    private int segTo;
    private byte[] segText;
    private int[] segStarts;
    /* The leaf being copied: up to number leafTo (its last comma dropped); pos: the next byte of segText to copy. */
    private int leafTo;
    private int pos;
    private boolean leafDone = true;

    /** The text of {@code values[from, to)}, in windows of {@link #WINDOW} numbers and parts of {@link #PART}. */
    public NumberText(double[] values, int from, int to, boolean float32, Spread spread) {
        this(values, from, to, float32, spread, WINDOW, PART);
    }

    /** The same with other sizes of window and part (numbers, at least 1): tests take tiny ones to meet every boundary. */
    public NumberText(double[] values, int from, int to, boolean float32, Spread spread, int window, int part) {
        if (from < 0 || to < from || to > values.length || window < 1 || part < 1) {
            throw new IllegalArgumentException("numbers " + from + "…" + to + " of " + values.length + ", window " + window + ", part " + part);
        }
        this.values = values;
        this.float32 = float32;
        this.spread = spread;
        this.end = to;
        this.window = window;
        this.part = Math.min(part, window);
        int parts = (window + this.part - 1) / this.part;
        this.texts = new byte[2][parts][];
        this.starts = new int[2][parts][];
        this.windowFrom = from;
        this.windowTo = from;
        this.segFrom = from;
        this.segTo = from;
        this.leafTo = from;
    }

    /**
     * Starts the leaf of numbers {@code [from, to)}: the next leaf, {@code from} at or after the end of the one before
     * (numbers skipped between leaves are formatted and not copied). An empty leaf is done at once.
     */
    public void leaf(int from, int to) {
        if (from < leafTo || to < from || to > end || !leafDone) {
            throw new IllegalStateException("leaf " + from + "…" + to + " after the leaf ending at " + leafTo + (leafDone ? "" : ", unfinished"));
        }
        leafTo = to;
        leafDone = from == to;
        if (leafDone) {
            return;
        }
        while (from >= segTo) {
            nextPart();
        }
        pos = segStarts[from - segFrom];
    }

    /** True when the whole of the current leaf has been copied. */
    public boolean leafDone() {
        return leafDone;
    }

    /** Copies the next bytes of the leaf to {@code out[at, limit)}, as many as there are and fit; how many. */
    public int copy(byte[] out, int at, int limit) {
        int start = at;
        while (at < limit && !leafDone) {
            int stop = stop();
            int n = Math.min(stop - pos, limit - at);
            System.arraycopy(segText, pos, out, at, n);
            pos += n;
            at += n;
            advance(stop);
        }
        return at - start;
    }

    /** The same into characters (the text is ASCII). */
    public int copy(char[] out, int at, int limit) {
        int start = at;
        while (at < limit && !leafDone) {
            int stop = stop();
            int n = Math.min(stop - pos, limit - at);
            byte[] text = segText;
            for (int i = 0, p = pos; i < n; i++) {
                out[at + i] = (char) text[p + i];
            }
            pos += n;
            at += n;
            advance(stop);
        }
        return at - start;
    }

    /** Where the leaf's bytes in this part end: before the comma after its last number, or at the part's end. */
    private int stop() {
        return leafTo <= segTo ? segStarts[leafTo - segFrom] - 1 : segStarts[segTo - segFrom];
    }

    /** After copying up to {@code pos}: the leaf done at its end, the next part taken at the end of this one. */
    private void advance(int stop) {
        if (pos == stop) {
            if (leafTo <= segTo) {
                leafDone = true;
            } else {
                nextPart();
                pos = 0;
            }
        }
    }

    /** Moves on to the next part, formatting the next window when this one is used up. */
    private void nextPart() {
        seg++;
        if (windowFrom + seg * part >= windowTo) {
            format();
            seg = 0;
        }
        segFrom = windowFrom + seg * part;
        segTo = Math.min(segFrom + part, windowTo);
        segText = texts[set][seg];
        segStarts = starts[set][seg];
    }

    /**
     * Makes the window after the current one the current one: formatted ahead while the one before was copied out (the
     * join waits for what is left of it), or now, its parts at once, for the first; then starts formatting the next one
     * into the other set of buffers, so that the pool formats while the writer copies and sends.
     */
    private void format() {
        int from = windowTo;
        int to = from + Math.min(window, end - from);
        if (ahead != null) {
            ahead.run();
            ahead = null;
            set ^= 1;
        } else {
            spread.forEach(parts(from, to), formatter(set, from, to));
        }
        windowFrom = from;
        windowTo = to;
        if (to < end) {
            int next = to + Math.min(window, end - to);
            ahead = spread.fork(parts(to, next), formatter(set ^ 1, to, next));
        }
    }

    private int parts(int from, int to) {
        return (to - from + part - 1) / part;
    }

    /** The task that formats part p of the window {@code [first, last)} into buffer set {@code into}. */
    private java.util.function.IntConsumer formatter(int into, int first, int last) {
        int parts = parts(first, last);
        for (int p = 0; p < parts; p++) {
            if (texts[into][p] == null) {
                texts[into][p] = new byte[part * ROOM];
                starts[into][p] = new int[part + 1];
            }
        }
        byte[][] text = texts[into];
        int[][] start = starts[into];
        return p -> {
            int from = first + p * part;
            int to = Math.min(from + part, last);
            if (float32) {
                formatFloats(values, from, to, text[p], start[p]);
            } else {
                formatDoubles(values, from, to, text[p], start[p]);
            }
        };
    }

    private static void formatDoubles(double[] v, int from, int to, byte[] text, int[] starts) {
        int at = 0;
        starts[0] = 0;
        for (int i = from, k = 1; i < to; i++, k++) {
            double x = v[i];
            at = Double.isFinite(x) ? ShortestDecimal.write(x, text, at) : nonFinite(x, text, at);
            text[at++] = ',';
            starts[k] = at;
        }
    }

    private static void formatFloats(double[] v, int from, int to, byte[] text, int[] starts) {
        int at = 0;
        starts[0] = 0;
        for (int i = from, k = 1; i < to; i++, k++) {
            float f = (float) v[i];
            at = Float.isFinite(f) ? ShortestDecimal.write(f, text, at) : nonFinite(f, text, at);
            text[at++] = ',';
            starts[k] = at;
        }
    }

    /**
     * Writes a value that is not finite as Jackson writes it by default, quoted ({@code "NaN"}, {@code "Infinity"},
     * {@code "-Infinity"}), at {@code at}; the position after it.
     */
    public static int nonFinite(double v, byte[] out, int at) {
        String s = Double.isNaN(v) ? "\"NaN\"" : v > 0 ? "\"Infinity\"" : "\"-Infinity\"";
        for (int i = 0; i < s.length(); i++) {
            out[at++] = (byte) s.charAt(i);
        }
        return at;
    }
}
