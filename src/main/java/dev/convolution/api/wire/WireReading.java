package dev.convolution.api.wire;

import dev.convolution.codec.JsonNumberArrays;
import dev.convolution.codec.NumberLeaves;
import dev.convolution.codec.Spread;
import dev.convolution.core.Convolver;
import java.util.function.IntConsumer;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ObjectReader;

/**
 * A JSON body read into a request at the wire's speed: its large arrays of numbers are read straight from the bytes
 * ({@link JsonNumberArrays}) and Jackson reads the short rest, the number readers taking each array where its place
 * stands ({@link #take}). Nothing is decided differently: an array the scan cannot read whole stays for Jackson's
 * readers and their messages, and when the short reading fails in any way, or a reader met an array it did not take,
 * the body is read again by Jackson alone, so that every answer and every refusal (with its field, line and column) is
 * exactly the one the plain reading gives.
 */
public final class WireReading {
    /** The leaf arrays of one reading, as a reading attribute. */
    private static final Object LEAVES = NumberLeaves.class;
    /**
     * The fewest numbers an array must hold to be read by the scan: the short arrays of options (strides, paddings, at
     * most four) and the rows of small kernels go to Jackson; a layer's rows of 56 are scanned.
     */
    static final int MIN_NUMBERS = 8;
    /** A long body is scanned in a part a core, on the core's pool. */
    private static final int PARTS = Runtime.getRuntime().availableProcessors();
    /** The core's pool, lent to the wire's codecs (the scan here, the text formatted ahead by the writers). */
    static final Spread CORES = new Spread() {
        @Override
        public void forEach(int count, IntConsumer task) {
            Convolver.spread(count, task);
        }

        @Override
        public Runnable fork(int count, IntConsumer task) {
            return Convolver.fork(count, task);
        }
    };

    private WireReading() {
    }

    /** The body read by {@code reader} (the request type's reader of the service's mapper); Jackson's exception when unreadable. */
    public static <T> T read(ObjectReader reader, byte[] body) {
        return read(reader, body, JsonNumberArrays.scan(body, MIN_NUMBERS, PARTS, CORES));
    }

    /** The body read by {@code reader}, its arrays as {@code leaves} (its scan, null when none). */
    public static <T> T read(ObjectReader reader, byte[] body, NumberLeaves leaves) {
        T value = leaves == null ? null : readScanned(reader, leaves);
        return value != null ? value : reader.readValue(body);
    }

    /**
     * A scan of a body that runs while the body arrives into {@code body} (its declared length): its parts (four a core)
     * are scanned on the core's pool as their bytes come in; {@link Arrival#finish} once all are in.
     */
    public static Arrival arriving(byte[] body) {
        return new Arrival(new JsonNumberArrays.Arriving(body, MIN_NUMBERS, 4 * PARTS, CORES));
    }

    /** A body's scan while it arrives. */
    public static final class Arrival {
        private final JsonNumberArrays.Arriving scan;

        private Arrival(JsonNumberArrays.Arriving scan) {
            this.scan = scan;
        }

        /** The first {@code available} bytes of the body are in. */
        public void arrived(int available) {
            scan.arrived(available);
        }

        /** All of the body is in: its scan. */
        public NumberLeaves finish() {
            return scan.finish();
        }
    }

    /**
     * The value read from the scanned text, its readers taking the leaves; null when that reading failed in any way or
     * left a leaf untaken (the body is then read by Jackson alone, for its own answer or refusal).
     */
    static <T> T readScanned(ObjectReader reader, NumberLeaves leaves) {
        try {
            T value = reader.withAttribute(LEAVES, leaves).readValue(leaves.text(), 0, leaves.length());
            return leaves.allTaken() ? value : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The numbers of the array whose start the parser stands on, when the scan read it (the parser is then on its end);
     * null when it did not, and the array is to be read token by token.
     */
    static double[] take(JsonParser p, DeserializationContext ctxt) {
        if (!(ctxt.getAttribute(LEAVES) instanceof NumberLeaves leaves)) {
            return null;
        }
        double[] v = leaves.take(p.currentTokenLocation().getByteOffset());
        if (v != null) {
            p.nextToken(); // the ']' of the "[]" left in its place
        }
        return v;
    }
}
