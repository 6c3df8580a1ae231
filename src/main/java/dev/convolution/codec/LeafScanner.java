package dev.convolution.codec;

import java.util.Arrays;

/**
 * One part of a {@link JsonNumberArrays} scan: a walk over the text's bytes from {@code start}, as JSON outside any
 * string, until it reaches {@code limit}, its leaves (arrays of at least {@code minCount} numbers and nothing else) read
 * into {@code double[]}s and kept with where they stand.
 *
 * <p>The walk's whole state is its position, so a part that does not start at the text's beginning is a guess that its
 * first byte stands outside a string; the walk keeps its jumps (over a string or a leaf), so that {@link #visited} can
 * tell whether a walk standing on a given position would go on as this one did. A leaf that runs past {@code limit}
 * is left at its first comma there ({@link #suspended}); the next part begins with the guess that it starts inside
 * such a leaf, reading its numbers from that comma on (its <em>tail</em>), so a single array of a million numbers is
 * read in parts too. Each guess is taken only where the walk before proves it ({@link JsonNumberArrays}). A part
 * scanned before the whole text has arrived reads only what has.
 */
final class LeafScanner extends JsonNumberReader {
    /** A reading of numbers stopped at a comma at or past the limit. */
    static final int SUSPEND = -2;
    private static final int NONE = 0;
    private static final int COMPLETE = 1;

    private final int minCount;
    private final int start;
    private int limit;
    /** Where the walk began (after a tail, if any) and where it stopped; false when the part was all tail. */
    private boolean walked;
    private int walkStart;
    private int stop;
    /** The leaf left at a comma: its '[' and the comma; its numbers so far in {@code buf[0, count)}. */
    private boolean suspended;
    private int openAt;
    private int commaAt;
    /** The part's tail: the first comma from start, what became of reading numbers after it, and those numbers. */
    private int tail = NONE;
    private int tailComma;
    private int tailEnd;
    private double[] tailValues;
    /** The jumps of the walk, [jumpStart, jumpEnd) each: strings and leaves, in the text's order. */
    private int[] jumpStart = new int[16];
    private int[] jumpEnd = new int[16];
    private int jumps;
    /** The leaves kept, in the text's order: [leafStart, leafEnd) and their numbers. */
    private int[] leafStart = new int[16];
    private int[] leafEnd = new int[16];
    private double[][] leafValues = new double[16][];
    private int leafCount;

    LeafScanner(byte[] in, int minCount, int start, int limit) {
        this(in, minCount, start, limit, in.length);
    }

    /**
     * A part scanned while the text arrives, up to {@code available} bytes so far (past its limit): it reads no further,
     * and tells whether its reading came near that end ({@link #cutShort}).
     */
    LeafScanner(byte[] in, int minCount, int start, int limit, int available) {
        super(in, available);
        this.minCount = minCount;
        this.start = start;
        this.limit = limit;
    }

    /** Reads the tail (a part past the first), then walks until reaching the limit or leaving a leaf at it. */
    void scan() {
        int i = start > 0 ? tail() : start;
        if (i == SUSPEND) {
            return; // all tail: no walk
        }
        walked = true;
        walkStart = i;
        int end = Math.min(limit, n);
        while (i < end) {
            int next = step(i);
            if (next == SUSPEND) {
                suspended = true;
                jump(openAt, Integer.MAX_VALUE); // the walk stood on the '[', never inside
                stop = commaAt;
                return;
            }
            i = next;
        }
        stop = i;
    }

    /** The walk goes on with no limit, over the whole text: it is the walk of the whole text from here. */
    void unlimit() {
        limit = Integer.MAX_VALUE;
        n = in.length;
    }

    /**
     * True when the part scanned before the whole text had arrived and its reading came near the end of what had: it
     * may have decided something for want of bytes, so none of it is taken (the walk before scans the part itself).
     */
    boolean cutShort() {
        return nearEnd && n < in.length;
    }

    int stop() {
        return stop;
    }

    int limit() {
        return limit;
    }

    boolean suspended() {
        return suspended;
    }

    /** One step of the walk from position {@code i} (outside any string): the position of the next, or SUSPEND. */
    int step(int i) {
        byte c = in[i];
        if (c == '"') {
            int end = skipString(i + 1);
            at(end);
            jump(i, end);
            return end;
        }
        if (c == '[') {
            int end = leaf(i);
            if (end == SUSPEND) {
                return SUSPEND;
            }
            if (end > 0) {
                keep(i, end, Arrays.copyOf(buf, count));
                return end;
            }
        }
        return i + 1;
    }

    /**
     * True when the walk stood on position {@code p} (from its start to its stop, not inside a jump): a walk that stands
     * on {@code p} goes on from there exactly as this one did, so its leaves from {@code p} on are this one's.
     */
    boolean visited(int p) {
        if (!walked || p < walkStart || p > stop) {
            return false;
        }
        int j = Arrays.binarySearch(jumpStart, 0, jumps, p);
        if (j >= 0) {
            return true; // a jump starts here: the walk stood on it
        }
        j = -j - 2; // the last jump that starts before p
        return j < 0 || p >= jumpEnd[j];
    }

    /**
     * Takes {@code other}'s leaves that start at or after {@code p} (a position its walk stood on) as this walk's next
     * ones, and its leaf left at its limit, if any; the position this walk stands on after them, or SUSPEND.
     */
    int adopt(LeafScanner other, int p) {
        int from = Arrays.binarySearch(other.leafStart, 0, other.leafCount, p);
        from = from >= 0 ? from : -from - 1;
        for (int l = from; l < other.leafCount; l++) {
            keep(other.leafStart[l], other.leafEnd[l], other.leafValues[l]);
        }
        if (!other.suspended) {
            return other.stop;
        }
        suspended = true;
        openAt = other.openAt;
        commaAt = other.commaAt;
        buf = Arrays.copyOf(other.buf, Math.max(other.count, 16));
        count = other.count;
        return SUSPEND;
    }

    /**
     * Goes on with the leaf left at its comma: with {@code next}'s tail when that part read on from the same comma (the
     * same reading, done), else by reading the rest itself. The position after, or SUSPEND when the tail was left too.
     */
    int resume(LeafScanner next) {
        if (next != null && next.tail != NONE && next.tailComma == commaAt) {
            if (buf.length < count + next.tailValues.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + next.tailValues.length));
            }
            System.arraycopy(next.tailValues, 0, buf, count, next.tailValues.length);
            count += next.tailValues.length;
            if (next.tail == SUSPEND) {
                commaAt = next.commaAt;
                return SUSPEND;
            }
            return finishLeaf(next.tailEnd);
        }
        return finishLeaf(numbers(skipSpace(commaAt + 1)));
    }

    private int finishLeaf(int end) {
        suspended = false;
        if (end > 0 && count >= minCount) {
            keep(openAt, end, Arrays.copyOf(buf, count));
            return end;
        }
        return openAt + 1; // not a leaf: the walk steps past its '[' as the one-part walk does
    }

    int leafCount() {
        return leafCount;
    }

    int leafStart(int l) {
        return leafStart[l];
    }

    int leafEnd(int l) {
        return leafEnd[l];
    }

    double[][] leaves() {
        return Arrays.copyOf(leafValues, leafCount);
    }

    /**
     * The guess that the part starts inside a leaf: the numbers read from after its first comma, up to the ']' (the walk
     * then begins after it) or to a comma at the limit (SUSPEND: the part is all tail); the part's start when there is
     * no comma in it or what follows the comma is not numbers up to a ']'.
     */
    private int tail() {
        int c = start;
        while (c < limit && in[c] != ',') {
            c++;
        }
        if (c >= limit) {
            return start;
        }
        count = 0;
        int end = numbers(skipSpace(c + 1));
        if (end == SUSPEND || end > 0) {
            tail = end == SUSPEND ? SUSPEND : COMPLETE;
            tailComma = c;
            tailEnd = end;
            tailValues = Arrays.copyOf(buf, count);
            return end;
        }
        return start;
    }

    /**
     * The index after the array opened at {@code open} when it holds at least {@code minCount} numbers and nothing else
     * (its numbers then in {@code buf[0, count)}); SUSPEND when it runs past the limit (left at its comma there); else −1.
     */
    private int leaf(int open) {
        count = 0;
        int i = skipSpace(open + 1);
        at(i);
        if (i >= n || in[i] == ']') {
            return -1; // empty (or cut short): the parser's to read
        }
        int end = numbers(i);
        if (end == SUSPEND) {
            openAt = open;
            return SUSPEND;
        }
        return end > 0 && count >= minCount ? end : -1;
    }

    /**
     * Numbers separated by commas from {@code i} up to a ']' into {@code buf}: the index after the ']', SUSPEND at a comma
     * at or past the limit ({@code commaAt}), or −1 when something else stands between them.
     */
    private int numbers(int i) {
        byte[] b = in;
        int n = this.n;
        while (true) {
            at(i);
            i = i + 24 <= n ? number8(i) : number(i);
            if (i < 0) {
                return -1;
            }
            i = skipSpace(i);
            at(i);
            if (i >= n) {
                return -1;
            }
            byte c = b[i];
            if (c == ',') {
                if (i >= limit) {
                    commaAt = i;
                    return SUSPEND;
                }
                i = skipSpace(i + 1);
            } else if (c == ']') {
                return i + 1;
            } else {
                return -1;
            }
        }
    }

    private void keep(int from, int to, double[] values) {
        if (leafCount == leafStart.length) {
            leafStart = Arrays.copyOf(leafStart, leafCount * 2);
            leafEnd = Arrays.copyOf(leafEnd, leafCount * 2);
            leafValues = Arrays.copyOf(leafValues, leafCount * 2);
        }
        leafStart[leafCount] = from;
        leafEnd[leafCount] = to;
        leafValues[leafCount++] = values;
        jump(from, to);
    }

    private void jump(int from, int to) {
        if (jumps == jumpStart.length) {
            jumpStart = Arrays.copyOf(jumpStart, jumps * 2);
            jumpEnd = Arrays.copyOf(jumpEnd, jumps * 2);
        }
        jumpStart[jumps] = from;
        jumpEnd[jumps++] = to;
    }

    /** The index after the string whose contents start at {@code i} (its closing quote found past escapes), or the end. */
    private int skipString(int i) {
        byte[] b = in;
        int n = this.n;
        while (i < n) {
            byte c = b[i];
            if (c == '"') {
                return i + 1;
            }
            i += c == '\\' ? 2 : 1;
        }
        return n;
    }
}
