package dev.convolution.api.wire;

import dev.convolution.codec.NpyArray;
import dev.convolution.core.type.ElementType;
import java.util.Arrays;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Arrays of finite JSON numbers read straight into primitive arrays, growing a buffer, no boxing. Each also takes an
 * array a multipart body brought as a {@code .npy} part ({@link EmbeddedArray}), if its rank is one the field takes.
 */
public final class NumberReaders {
    private NumberReaders() {
    }

    /** A finite number, or a refusal naming the element ({@code index}; −1 for a field of its own). */
    static double number(JsonParser p, int index) {
        JsonToken t = p.currentToken();
        if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
            throw new WireValueException(p, "must be a number; got " + StrictJson.describe(t)).at(index);
        }
        double v = p.getDoubleValue();
        if (!Double.isFinite(v)) {
            throw new WireValueException(p, "must be a finite number within double range; got "
                    + StrictJson.abbreviate(p.getString())).at(index);
        }
        return v;
    }

    /**
     * The numbers of an array whose first element token is {@code first}, up to its end. In a nested array
     * ({@code nested}) an array among them is refused as a mixed depth.
     */
    static double[] numbers(JsonParser p, JsonToken first, boolean nested) {
        double[] buf = new double[16];
        int n = 0;
        for (JsonToken t = first; t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (nested && t == JsonToken.START_ARRAY) {
                throw new WireValueException(p, "is an array where the elements before it are numbers: every element along an "
                        + "axis must have the same depth").at(n);
            }
            if (n == buf.length) {
                buf = Arrays.copyOf(buf, n * 2);
            }
            buf[n] = number(p, n);
            n++;
        }
        return n == buf.length ? buf : Arrays.copyOf(buf, n);
    }

    /** A finite JSON number (fillValue): no strings, booleans or values beyond double range. */
    static final class StrictDouble extends ValueDeserializer<Double> {
        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            return number(p, -1);
        }
    }

    /** A JSON array of numbers into {@code double[]}. */
    public static final class OneD extends ValueDeserializer<double[]> {
        @Override
        public double[] deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            NpyArray part = EmbeddedArray.of(p, 1, 1);
            if (part != null) {
                return part.values();
            }
            if (!p.isExpectedStartArrayToken()) {
                throw new WireValueException(p, "must be an array of numbers; got " + StrictJson.describe(p.currentToken()));
            }
            double[] scanned = WireReading.take(p, ctxt);
            return scanned != null ? scanned : numbers(p, p.nextToken(), false);
        }
    }

    /** A JSON array of arrays of numbers into {@code double[][]} (raggedness is checked by the core). */
    public static final class TwoD extends ValueDeserializer<double[][]> {
        private final OneD row = new OneD();

        @Override
        public double[][] deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            NpyArray part = EmbeddedArray.of(p, 2, 2);
            if (part != null) {
                return EmbeddedArray.rows(part);
            }
            if (!p.isExpectedStartArrayToken()) {
                throw new WireValueException(p, "must be an array of rows (arrays of numbers); got " + StrictJson.describe(p.currentToken()));
            }
            double[][] rows = new double[8][];
            int n = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (n == rows.length) {
                    rows = Arrays.copyOf(rows, n * 2);
                }
                try {
                    rows[n] = row.deserialize(p, ctxt);
                } catch (WireValueException e) {
                    throw e.at(n);
                }
                n++;
            }
            return Arrays.copyOf(rows, n);
        }
    }

    /**
     * A nested JSON array of numbers into {@code double[]} leaves and {@code Object[]} nodes, wrapped; the shape (ragged,
     * rank) is checked by the core. One level deeper than {@code maxRank} is read, so that the core can say the rank is
     * too high. An array that mixes numbers and arrays is refused here, naming the element.
     */
    public static class Nested<T> extends ValueDeserializer<T> {
        private final int minRank;
        private final int maxRank;
        private final Wrap<T> wrap;

        /** What a nested array is wrapped in: its values, its element type (null for JSON numbers), its imaginary parts or null. */
        @FunctionalInterface
        public interface Wrap<T> {
            T wrap(Object value, ElementType type, Object imag);
        }

        /**
         * Arrays of rank {@code minRank} to {@code maxRank} (a part's rank is checked against both; JSON's by the core),
         * wrapped with the part's element type (null for JSON numbers; complex128 for a JSON complex object).
         */
        protected Nested(int minRank, int maxRank, Wrap<T> wrap) {
            this.minRank = minRank;
            this.maxRank = maxRank;
            this.wrap = wrap;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            NpyArray part = EmbeddedArray.of(p, minRank, maxRank);
            if (part != null) {
                return wrap.wrap(EmbeddedArray.nested(part), part.type(),
                        part.imag() == null ? null : EmbeddedArray.nested(part.imag(), part.shape()));
            }
            if (ComplexParts.at(p)) {
                ComplexParts<Object> c = ComplexParts.read(p, ctxt, this::array);
                return wrap.wrap(c.re(), ElementType.COMPLEX128, c.im());
            }
            return wrap.wrap(array(p, ctxt), null, null);
        }

        private Object array(JsonParser p, DeserializationContext ctxt) {
            if (!p.isExpectedStartArrayToken()) {
                throw new WireValueException(p, "must be a nested array of numbers; got " + StrictJson.describe(p.currentToken()));
            }
            return node(p, ctxt, 1);
        }

        private Object node(JsonParser p, DeserializationContext ctxt, int depth) {
            if (depth > maxRank + 1) {
                throw new WireValueException(p, "nests arrays more than " + maxRank + " deep; arrays of rank 1 to " + maxRank + " are taken");
            }
            double[] scanned = WireReading.take(p, ctxt);
            if (scanned != null) {
                return scanned;
            }
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_ARRAY) {
                return numbers(p, first, true); // numbers (or an empty array), a non-number named by its index
            }
            Object[] children = new Object[4];
            int n = 0;
            for (JsonToken t = first; t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t != JsonToken.START_ARRAY) {
                    throw new WireValueException(p, "must be an array like the elements before it; got " + StrictJson.describe(t)
                            + ": every element along an axis must have the same depth").at(n);
                }
                if (n == children.length) {
                    children = Arrays.copyOf(children, n * 2);
                }
                try {
                    children[n] = node(p, ctxt, depth + 1);
                } catch (WireValueException e) {
                    throw e.at(n);
                }
                n++;
            }
            return Arrays.copyOf(children, n);
        }
    }
}
