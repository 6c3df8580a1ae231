package dev.convolution.api.wire;

import java.util.Arrays;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * JSON integers read strictly: numbers with a fraction, strings, null and integers beyond the Java type's range are
 * refused naming the element ({@code inputShape[2]}), not the body. Whether a value is allowed (a stride of at least
 * 1, a padding of at least 0) is the business of the value made of it.
 */
public final class IntegerReaders {
    private IntegerReaders() {
    }

    /** The integer the parser stands on, within {@code min…max}; {@code index} names the element (−1: a field of its own). */
    static long integer(JsonParser p, int index, long min, long max) {
        JsonToken t = p.currentToken();
        String problem = null;
        if (t != JsonToken.VALUE_NUMBER_INT) {
            problem = "must be a JSON integer; got " + StrictJson.describe(t);
        } else if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER || p.getLongValue() < min || p.getLongValue() > max) {
            problem = "must be an integer from " + min + " to " + max + "; got " + StrictJson.abbreviate(p.getString());
        }
        if (problem != null) {
            throw new WireValueException(p, problem).at(index);
        }
        return p.getLongValue();
    }

    /** An {@code int}. */
    public static int integer(JsonParser p, int index) {
        return (int) integer(p, index, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** The {@code int}s of the array the parser stands on (at its start), up to its end. */
    public static int[] list(JsonParser p) {
        int[] buf = new int[4];
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (n == buf.length) {
                buf = Arrays.copyOf(buf, n * 2);
            }
            buf[n] = integer(p, n);
            n++;
        }
        return Arrays.copyOf(buf, n);
    }

    private static long[] longs(JsonParser p, long min, long max, String what) {
        if (!p.isExpectedStartArrayToken()) {
            throw new WireValueException(p, "must be an array of " + what + "; got " + StrictJson.describe(p.currentToken()));
        }
        long[] buf = new long[4];
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (n == buf.length) {
                buf = Arrays.copyOf(buf, n * 2);
            }
            buf[n] = integer(p, n, min, max);
            n++;
        }
        return Arrays.copyOf(buf, n);
    }

    /** A JSON integer that fits an int (groups, a named kernel's size). */
    static final class StrictInteger extends ValueDeserializer<Integer> {
        @Override
        public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            return integer(p, -1);
        }
    }

    /** An array of JSON integers that fit an int (shapes). */
    static final class Ints extends ValueDeserializer<int[]> {
        @Override
        public int[] deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            long[] v = longs(p, Integer.MIN_VALUE, Integer.MAX_VALUE, "integers");
            int[] out = new int[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = (int) v[i];
            }
            return out;
        }
    }

    /** An array of JSON integers that fit a long (output labels). */
    static final class Labels extends ValueDeserializer<long[]> {
        @Override
        public long[] deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            return longs(p, Long.MIN_VALUE, Long.MAX_VALUE, "integers (one label per axis)");
        }
    }
}
