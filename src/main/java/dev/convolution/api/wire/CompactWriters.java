package dev.convolution.api.wire;

import dev.convolution.codec.NumberText;
import dev.convolution.codec.ShortestDecimal;
import dev.convolution.codec.Spread;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Numbers written compactly: an integral double within ±2^53 as an integer ({@code 2}, not {@code 2.0}), a float32
 * within ±2^24 likewise. Arrays of numbers are written as runs straight into the generator's buffer ({@link Run}), or,
 * when large, formatted ahead on the core's pool and copied into it ({@link Copied}, {@link Ahead}); single numbers
 * through the generator.
 */
final class CompactWriters {
    private CompactWriters() {
    }

    static void register(SimpleModule m) {
        register(m, Ahead.SERVICE);
    }

    /** The writers, large arrays formatted ahead as {@code ahead} says (tests take tiny windows and their own spread). */
    static void register(SimpleModule m, Ahead ahead) {
        Number number = new Number();
        m.addSerializer(Double.class, number);
        m.addSerializer(double.class, number);
        FloatNumber f = new FloatNumber();
        m.addSerializer(Float.class, f);
        m.addSerializer(float.class, f);
        OneD oneD = new OneD(ahead);
        m.addSerializer(double[].class, oneD);
        m.addSerializer(double[][].class, new TwoD(oneD));
        m.addSerializer(NestedValues.class, new Nested(ahead));
    }

    static void writeNumber(JsonGenerator g, double v) {
        if (v == Math.rint(v) && Math.abs(v) < 0x1p53) {
            g.writeNumber((long) v);
        } else {
            g.writeNumber(v);
        }
    }

    /** A float: integral within ±2^24 as an integer, else float's shortest form. */
    static void writeNumber(JsonGenerator g, float v) {
        if (v == Math.rint(v) && Math.abs(v) < 0x1p24f) {
            g.writeNumber((long) v);
        } else {
            g.writeNumber(v);
        }
    }

    static final class FloatNumber extends ValueSerializer<Float> {
        @Override
        public void serialize(Float value, JsonGenerator g, SerializationContext ctxt) throws JacksonException {
            writeNumber(g, value.floatValue());
        }
    }

    static final class Number extends ValueSerializer<Double> {
        @Override
        public void serialize(Double value, JsonGenerator g, SerializationContext ctxt) throws JacksonException {
            writeNumber(g, value);
        }
    }

    /**
     * When the numbers of an array are formatted ahead, on several cores ({@link NumberText}, copied out by
     * {@link Copied}), rather than one by one as they are written ({@link Run}): from {@code threshold} numbers in the
     * array, in windows and parts of {@code window} and {@code part} numbers spread by {@code spread}. A small array is
     * not worth a spread's hand-over, nor a machine of one core the copy; nor an array of integers, whose digits cost
     * little more than the copy (so an array whose sampled values are all written as integers is written as runs).
     */
    record Ahead(Spread spread, int threshold, int window, int part) {
        /** The service's: the core's pool lent, from 32K numbers, when there are cores to lend. */
        static final Ahead SERVICE = new Ahead(WireReading.CORES,
                Runtime.getRuntime().availableProcessors() > 1 ? 1 << 15 : Integer.MAX_VALUE, NumberText.WINDOW, NumberText.PART);
        /** Values looked at, evenly spaced, to tell an array of integers. */
        private static final int SAMPLE = 256;

        /** The text of {@code values[from, to)} formatted ahead, or null when they are written one by one. */
        Copied text(double[] values, int from, int to, boolean float32) {
            if (to - from < threshold || to - from > 0 && integers(values, from, to, float32)) {
                return null;
            }
            return new Copied(new NumberText(values, from, to, float32, spread, window, part));
        }

        /** True when every sampled value is written as an integer (within ±2^53, or ±2^24 for float32). */
        private static boolean integers(double[] values, int from, int to, boolean float32) {
            int step = Math.max(1, (to - from) / SAMPLE);
            for (int i = from; i < to; i += step) {
                double v = float32 ? (float) values[i] : values[i];
                if (v != Math.rint(v) || Math.abs(v) >= (float32 ? 0x1p24 : 0x1p53)) {
                    return false;
                }
            }
            return true;
        }
    }

    static final class OneD extends ValueSerializer<double[]> {
        private final Ahead ahead;

        OneD(Ahead ahead) {
            this.ahead = ahead;
        }

        @Override
        public void serialize(double[] value, JsonGenerator g, SerializationContext ctxt) throws JacksonException {
            Copied text = ahead.text(value, 0, value.length, false);
            if (text == null) {
                Run.write(g, value, 0, value.length, false);
            } else {
                text.write(g, value, 0, value.length);
            }
        }
    }

    static final class TwoD extends ValueSerializer<double[][]> {
        private final OneD row;

        TwoD(OneD row) {
            this.row = row;
        }

        @Override
        public void serialize(double[][] value, JsonGenerator g, SerializationContext ctxt) throws JacksonException {
            g.writeStartArray(value, value.length);
            for (double[] r : value) {
                row.serialize(r, g, ctxt);
            }
            g.writeEndArray();
        }
    }

    /** A row-major array written nested to its rank: the same bytes as double[] and double[][] for ranks 1 and 2. */
    static final class Nested extends ValueSerializer<NestedValues> {
        private final Ahead ahead;

        Nested(Ahead ahead) {
            this.ahead = ahead;
        }

        @Override
        public void serialize(NestedValues value, JsonGenerator g, SerializationContext ctxt) throws JacksonException {
            double[] v = value.values();
            write(g, value.shape(), v, value.float32(), 0, 0, ahead.text(v, 0, v.length, value.float32()));
        }

        /** The array at {@code depth} from {@code offset}, its leaves from {@code text} unless null; the offset after it. */
        private static int write(JsonGenerator g, int[] shape, double[] v, boolean float32, int depth, int offset, Copied text) {
            int n = shape[depth];
            if (depth == shape.length - 1) {
                if (text == null) {
                    Run.write(g, v, offset, offset + n, float32);
                } else {
                    text.write(g, v, offset, offset + n);
                }
                return offset + n;
            }
            g.writeStartArray(null, n);
            for (int i = 0; i < n; i++) {
                offset = write(g, shape, v, float32, depth + 1, offset, text);
            }
            g.writeEndArray();
            return offset;
        }
    }

    /**
     * The numbers of one array written straight into the generator's own buffer: the generator hands its buffer to
     * {@link #appendUnquotedUTF8} (or {@link #appendUnquoted} for a character generator), which fills it with as many
     * numbers, comma-separated, as it has room for, each formatted in place ({@link ShortestDecimal}: integral values as
     * integers, others in their shortest round-trip form, the same text as Jackson's own writer); when there is no room
     * for one more, the generator takes the next number alone ({@link #asUnquotedUTF8}, {@link #getValue}) and flushes. So
     * a number costs its formatting and nothing else: no token, no String, no copy.
     *
     * <p>The run is raw output between the array's own start and end, written by {@link #write}; it is a
     * {@code SerializableString} only in the sense this protocol needs (each call takes what is written and moves on), and
     * is never used as a name or a value elsewhere. A value that is not finite is written as Jackson writes it by default
     * ({@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}, quoted).
     */
    static final class Run extends Raw {
        /** Room for one number, its comma and the quotes of a non-finite value. */
        private static final int ROOM = ShortestDecimal.MAX_LENGTH + 3;

        private final double[] values;
        private final boolean float32;
        private final int end;
        private int next;
        private boolean first = true;
        private final byte[] one = new byte[ROOM];

        private Run(double[] values, int from, int to, boolean float32) {
            this.values = values;
            this.next = from;
            this.end = to;
            this.float32 = float32;
        }

        /** Writes {@code values[from, to)} as one JSON array, float32's shortest forms when {@code float32}. */
        static void write(JsonGenerator g, double[] values, int from, int to, boolean float32) {
            g.writeStartArray(values, to - from);
            Run run = new Run(values, from, to, float32);
            while (run.next < run.end) {
                g.writeRaw(run);
            }
            g.writeEndArray();
        }

        @Override
        public int appendUnquotedUTF8(byte[] buffer, int offset) {
            if (next == end || offset > buffer.length - ROOM) {
                return next == end ? 0 : -1;
            }
            int at = one(buffer, offset); // the first of this call: with or without its comma
            int limit = buffer.length - ROOM;
            // the rest in locals, every one after a comma: nothing but the number between two of them
            double[] v = values;
            int i = next;
            int stop = end;
            if (float32) {
                for (; i < stop && at <= limit; i++) {
                    buffer[at] = ',';
                    float f = (float) v[i];
                    at = Float.isFinite(f) ? ShortestDecimal.write(f, buffer, at + 1) : NumberText.nonFinite(f, buffer, at + 1);
                }
            } else {
                for (; i < stop && at <= limit; i++) {
                    buffer[at] = ',';
                    double x = v[i];
                    at = Double.isFinite(x) ? ShortestDecimal.write(x, buffer, at + 1) : NumberText.nonFinite(x, buffer, at + 1);
                }
            }
            next = i;
            return at - offset;
        }

        @Override
        public byte[] asUnquotedUTF8() {
            int n = one(one, 0);
            return Arrays.copyOf(one, n);
        }

        @Override
        public int appendUnquoted(char[] buffer, int offset) {
            int at = offset;
            int limit = buffer.length - ROOM;
            while (next < end && at <= limit) {
                int n = one(one, 0);
                for (int i = 0; i < n; i++) {
                    buffer[at++] = (char) one[i];
                }
            }
            return at == offset && next < end ? -1 : at - offset;
        }

        @Override
        public String getValue() {
            return new String(asUnquotedUTF8(), StandardCharsets.ISO_8859_1);
        }

        /** Writes the next number, after a comma unless it is the first, at {@code at}; the position after it. */
        private int one(byte[] out, int at) {
            if (!first) {
                out[at++] = ',';
            }
            first = false;
            double v = values[next++];
            if (float32) {
                float f = (float) v;
                return Float.isFinite(f) ? ShortestDecimal.write(f, out, at) : NumberText.nonFinite(f, out, at);
            }
            return Double.isFinite(v) ? ShortestDecimal.write(v, out, at) : NumberText.nonFinite(v, out, at);
        }
    }

    /**
     * The leaves of an array whose numbers are formatted ahead ({@link NumberText}), copied into the generator's buffer
     * by the same protocol as {@link Run}: as much of the leaf's text as the buffer has room for, or, when it is full, a
     * few bytes for the generator to write as it flushes.
     */
    static final class Copied extends Raw {
        /** Bytes handed to a full generator: it flushes, then takes them. */
        private static final int CHUNK = 64;

        private final NumberText text;

        Copied(NumberText text) {
            this.text = text;
        }

        /** Writes {@code values[from, to)} as one JSON array, the next leaf of the text. */
        void write(JsonGenerator g, double[] values, int from, int to) {
            g.writeStartArray(values, to - from);
            text.leaf(from, to);
            while (!text.leafDone()) {
                g.writeRaw(this);
            }
            g.writeEndArray();
        }

        @Override
        public int appendUnquotedUTF8(byte[] buffer, int offset) {
            if (text.leafDone()) {
                return 0;
            }
            return offset >= buffer.length ? -1 : text.copy(buffer, offset, buffer.length);
        }

        @Override
        public byte[] asUnquotedUTF8() {
            byte[] chunk = new byte[CHUNK];
            int n = text.copy(chunk, 0, CHUNK);
            return n == CHUNK ? chunk : Arrays.copyOf(chunk, n);
        }

        @Override
        public int appendUnquoted(char[] buffer, int offset) {
            if (text.leafDone()) {
                return 0;
            }
            return offset >= buffer.length ? -1 : text.copy(buffer, offset, buffer.length);
        }

        @Override
        public String getValue() {
            char[] chunk = new char[CHUNK];
            return new String(chunk, 0, text.copy(chunk, 0, CHUNK));
        }
    }

    /** What a run of numbers is not: the rest of SerializableString, outside the protocol of {@link Run}. */
    abstract static class Raw implements SerializableString {
        @Override
        public int charLength() {
            throw unused();
        }

        @Override
        public char[] asQuotedChars() {
            throw unused();
        }

        @Override
        public byte[] asQuotedUTF8() {
            throw unused();
        }

        @Override
        public int appendQuotedUTF8(byte[] buffer, int offset) {
            throw unused();
        }

        @Override
        public int appendQuoted(char[] buffer, int offset) {
            throw unused();
        }

        @Override
        public int writeQuotedUTF8(OutputStream out) {
            throw unused();
        }

        @Override
        public int writeUnquotedUTF8(OutputStream out) {
            throw unused();
        }

        @Override
        public int putQuotedUTF8(ByteBuffer buffer) {
            throw unused();
        }

        @Override
        public int putUnquotedUTF8(ByteBuffer buffer) {
            throw unused();
        }

        private static UnsupportedOperationException unused() {
            return new UnsupportedOperationException("a number run is written raw into a generator's buffer, and only so");
        }
    }
}
