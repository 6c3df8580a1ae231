package dev.convolution.codec;


/**
 * The large arrays of numbers in a JSON text, read in one pass over its bytes: every array of at least {@code minCount}
 * finite numbers and nothing else (a <em>leaf</em> of a nested array, a signal) is parsed into a {@code double[]} and
 * cut out of the text, leaving {@code []} in its place; the rest of the text is kept byte for byte. A JSON parser then
 * reads the short rest, and takes each leaf by where its {@code []} stands ({@link NumberLeaves#take}).
 *
 * <p>Why: a general JSON parser makes a token of each number, copies its characters and converts them; here the digits
 * are converted as they are scanned ({@link DecimalToDouble}), which is what reading at wire speed needs. The scanner
 * is strict in one direction only: an array it cannot read whole (a string, an object or an array inside it, a number
 * outside JSON's grammar, a number beyond double range, a syntax error) is left in the text as it was, so the parser
 * reads it and refuses it with its own message. What the scanner does read is read exactly as the parser would: the
 * correctly rounded double of each number, integers as integers (so {@code -0} is 0, as a JSON integer, while
 * {@code -0.0} keeps its sign). Strings are skipped with their escapes, so brackets inside them are not arrays. The
 * text is taken as UTF-8 (any other encoding has no array the scanner can read, and is left whole).
 *
 * <p>A long text is scanned in parts at once, one a core ({@link Spread}). A part that starts in the middle of the text
 * cannot know whether it starts inside a string, so it guesses not, and the parts are joined in order: the walk of the
 * parts before goes on, byte by byte, from where it stopped until it stands on a position the next part's walk stood
 * on; from there on the two walks are the same walk (its position is its whole state), and the next part's leaves are
 * taken as they are. A wrong guess (a part that started inside a string) costs only its own time: its walk never meets
 * the true one, and the true walk scans that part itself. So the result is always the one-part scan's.
 */
public final class JsonNumberArrays {
    /** The fewest bytes of text a part is given: a shorter text is scanned in one. */
    static final int PART_BYTES = 1 << 19;

    private JsonNumberArrays() {
    }

    /**
     * The text with its arrays of at least {@code minCount} numbers cut out, and those arrays; null when there is none
     * (the text is then read as it is). One part, on this thread.
     */
    public static NumberLeaves scan(byte[] text, int minCount) {
        return scan(text, minCount, 1, Spread.SERIAL);
    }

    /** {@link #scan(byte[], int)} in up to {@code parts} parts at once, spread by {@code spread}: the same result. */
    public static NumberLeaves scan(byte[] text, int minCount, int parts, Spread spread) {
        return scan(text, minCount, parts, spread, PART_BYTES);
    }

    static NumberLeaves scan(byte[] text, int minCount, int parts, Spread spread, int partBytes) {
        int n = text.length;
        int p = (int) Math.max(1, Math.min(parts, n / Math.max(1, partBytes)));
        int[] starts = new int[p];
        for (int k = 0; k < p; k++) {
            starts[k] = (int) ((long) n * k / p);
        }
        return scan(text, minCount, starts, spread);
    }

    /** The scan in parts starting at {@code starts} (the first 0, ascending), spread by {@code spread}. */
    static NumberLeaves scan(byte[] text, int minCount, int[] starts, Spread spread) {
        int m = Math.max(1, minCount);
        int n = text.length;
        int p = starts.length;
        LeafScanner[] part = new LeafScanner[p];
        for (int k = 0; k < p; k++) {
            part[k] = new LeafScanner(text, m, starts[k], k + 1 < p ? starts[k + 1] : n);
        }
        if (p == 1) {
            part[0].scan();
        } else {
            spread.forEach(p, k -> part[k].scan());
        }
        return join(text, m, part);
    }

    /**
     * The parts' scans joined in order into the one-part scan: the walk of the first goes on through the others, taking
     * each one's leaves from where both walks stood on the same position (or its tail, from the same comma). A part cut
     * short (scanned before the whole text had arrived, its reading near the end of what had) is not taken.
     */
    private static NumberLeaves join(byte[] text, int m, LeafScanner[] part) {
        int n = text.length;
        int p = part.length;
        LeafScanner walk = part[0];
        if (walk.cutShort()) {
            walk = new LeafScanner(text, m, 0, walk.limit());
            walk.scan();
        }
        walk.unlimit();
        int at = walk.suspended() ? LeafScanner.SUSPEND : walk.stop();
        for (int k = 1; k < p; k++) {
            LeafScanner next = part[k].cutShort() ? null : part[k];
            if (at == LeafScanner.SUSPEND) {
                at = walk.resume(next); // with next's tail when it read on from the same comma
                if (at == LeafScanner.SUSPEND) {
                    continue; // next was all tail, and the leaf runs on
                }
            }
            if (next == null) {
                continue; // the walk goes through this part itself
            }
            while (at < next.stop() && !next.visited(at)) {
                at = walk.step(at);
            }
            if (at < next.stop()) {
                at = walk.adopt(next, at);
            }
        }
        if (at == LeafScanner.SUSPEND) {
            at = walk.resume(null);
        }
        while (at < n) {
            at = walk.step(at);
        }
        return walk.leafCount() == 0 ? null : cut(text, walk);
    }

    /**
     * A scan that runs while the text arrives: the text's array is filled from its start, {@link #arrived} says how far,
     * and each part is scanned on the spread as soon as its bytes and some beyond are in; {@link #finish}, once all have
     * arrived, scans the rest and joins them. The result is the one-part scan's.
     */
    public static final class Arriving {
        /** Bytes past a part's end that must have arrived before it is scanned (far more than a reading looks ahead). */
        static final int AHEAD = 1 << 16;
        private final byte[] text;
        private final int m;
        private final Spread spread;
        private final int ahead;
        private final int[] starts;
        private final LeafScanner[] part;
        private final Runnable[] joins;
        private int started;

        /** For a text of {@code text.length} bytes arriving into {@code text}, in up to {@code parts} parts. */
        public Arriving(byte[] text, int minCount, int parts, Spread spread) {
            this(text, minCount, parts, spread, PART_BYTES, AHEAD);
        }

        Arriving(byte[] text, int minCount, int parts, Spread spread, int partBytes, int ahead) {
            this.text = text;
            this.ahead = ahead;
            this.m = Math.max(1, minCount);
            this.spread = spread;
            int n = text.length;
            int p = (int) Math.max(1, Math.min(parts, n / Math.max(1, partBytes)));
            this.starts = new int[p];
            for (int k = 0; k < p; k++) {
                starts[k] = (int) ((long) n * k / p);
            }
            this.part = new LeafScanner[p];
            this.joins = new Runnable[p];
        }

        private int limit(int k) {
            return k + 1 < starts.length ? starts[k + 1] : text.length;
        }

        /** Bytes {@code [0, available)} of the text have arrived: starts scanning the parts they hold (not the last). */
        public void arrived(int available) {
            while (started < part.length - 1 && limit(started) + ahead <= available) {
                int k = started++;
                LeafScanner s = new LeafScanner(text, m, starts[k], limit(k), available);
                part[k] = s;
                joins[k] = spread.fork(1, i -> s.scan());
            }
        }

        /** All of the text has arrived: scans the parts not started yet (at once), waits for the others, joins them. */
        public NumberLeaves finish() {
            int first = started;
            for (int k = first; k < part.length; k++) {
                part[k] = new LeafScanner(text, m, starts[k], limit(k));
            }
            started = part.length;
            if (part.length - first == 1) {
                part[first].scan();
            } else if (part.length > first) {
                spread.forEach(part.length - first, i -> part[first + i].scan());
            }
            for (int k = 0; k < first; k++) {
                joins[k].run();
            }
            return join(text, m, part);
        }
    }

    /** The text with each leaf replaced by {@code []}, and the leaves. */
    private static NumberLeaves cut(byte[] text, LeafScanner walk) {
        int leaves = walk.leafCount();
        long removed = 0;
        for (int l = 0; l < leaves; l++) {
            removed += walk.leafEnd(l) - walk.leafStart(l) - 2;
        }
        byte[] out = new byte[(int) (text.length - removed)];
        long[] offsets = new long[leaves];
        int length = 0;
        int copied = 0;
        for (int l = 0; l < leaves; l++) {
            int from = walk.leafStart(l);
            System.arraycopy(text, copied, out, length, from - copied);
            length += from - copied;
            offsets[l] = length;
            out[length++] = '[';
            out[length++] = ']';
            copied = walk.leafEnd(l);
        }
        System.arraycopy(text, copied, out, length, text.length - copied);
        length += text.length - copied;
        return new NumberLeaves(out, length, offsets, walk.leaves());
    }
}
