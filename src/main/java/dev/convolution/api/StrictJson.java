package dev.convolution.api;

import dev.convolution.core.Boundary;
import dev.convolution.core.CorrelationConvention;
import dev.convolution.core.IndexOrigin;
import dev.convolution.core.Method;
import dev.convolution.core.Mode;
import dev.convolution.core.Operation;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * The wire format's strict readers and compact writers: numbers must be JSON numbers, integers
 * JSON integers, enums their lower-case words; arrays are read straight into primitive arrays, and
 * integral doubles are written without a fraction ({@code 2}, not {@code 2.0}).
 */
public final class StrictJson {
    private StrictJson() {
    }

    /** The module that installs these readers and writers. */
    public static SimpleModule module() {
        SimpleModule m = new SimpleModule("convolution-wire");
        m.addDeserializer(double[].class, new Numbers1D());
        m.addDeserializer(double[][].class, new Numbers2D());
        m.addDeserializer(AxisPair.class, new AxisPairReader());
        m.addDeserializer(NestedArray.class, new NestedNumbers<>(dev.convolution.core.Shape.MAX_RANK, NestedArray::new));
        m.addDeserializer(KernelField.Signal.class, new KernelReader<>(new Numbers1D(), KernelField.Signal::new));
        m.addDeserializer(KernelField.Image.class, new KernelReader<>(new Numbers2D(), KernelField.Image::new));
        m.addDeserializer(KernelField.Array.class, new KernelReader<>(new NestedNumbers<>(dev.convolution.core.Shape.MAX_RANK,
                NestedArray::new), KernelField.Array::new));
        m.addDeserializer(TensorArray.class, new NestedNumbers<>(TensorArray.MAX_RANK, TensorArray::new));
        m.addDeserializer(PaddingValue.class, new PaddingReader());
        m.addDeserializer(int[].class, new Integers());
        m.addDeserializer(long[].class, new Labels());
        m.addDeserializer(PerAxisValue.class, new PerAxisReader());
        m.addSerializer(NestedValues.class, new CompactNested());
        m.addDeserializer(Integer.class, new PositiveInteger());
        m.addDeserializer(Double.class, new StrictDouble());
        m.addDeserializer(Mode.class, new WireEnum<>(Mode.class));
        m.addDeserializer(Boundary.class, new WireEnum<>(Boundary.class));
        m.addDeserializer(Method.class, new WireEnum<>(Method.class));
        m.addDeserializer(IndexOrigin.class, new WireEnum<>(IndexOrigin.class));
        m.addDeserializer(CorrelationConvention.class, new WireEnum<>(CorrelationConvention.class));
        m.addDeserializer(Operation.class, new WireEnum<>(Operation.class));
        m.addDeserializer(dev.convolution.core.layer.PaddingMode.class, new WireEnum<>(dev.convolution.core.layer.PaddingMode.class));
        m.addSerializer(double[].class, new CompactNumbers1D());
        m.addSerializer(double[][].class, new CompactNumbers2D());
        CompactNumber number = new CompactNumber();
        m.addSerializer(Double.class, number);
        m.addSerializer(double.class, number);
        return m;
    }

    /** The wire word of an enum constant: {@code full}, {@code cross-correlation}. */
    public static String wire(Enum<?> e) {
        return e instanceof Operation o ? o.wireName() : e.name().toLowerCase(Locale.ROOT);
    }

    static String describe(JsonToken t) {
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case VALUE_STRING -> "a string";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_NUMBER_FLOAT -> "a number with a fraction or exponent";
            case VALUE_NUMBER_INT -> "an integer";
            default -> "something else";
        };
    }

    private static double number(JsonParser p, int index) {
        JsonToken t = p.currentToken();
        if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
            throw (WireValueException) new WireValueException(p, "must be a number; got " + describe(t)).prependPath(double[].class, index);
        }
        double v = p.getDoubleValue();
        if (!Double.isFinite(v)) {
            throw (WireValueException) new WireValueException(p, "must be a finite number within double range; got "
                    + abbreviate(p.getString())).prependPath(double[].class, index);
        }
        return v;
    }

    /** A kernel: numbers in the endpoint's array form, read as that form is, or an object naming a kernel. */
    static final class KernelReader<V, T> extends ValueDeserializer<T> {
        private final ValueDeserializer<V> values;
        private final java.util.function.BiFunction<V, NamedKernelRequest, T> wrap;

        KernelReader(ValueDeserializer<V> values, java.util.function.BiFunction<V, NamedKernelRequest, T> wrap) {
            this.values = values;
            this.wrap = wrap;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            if (p.currentToken() == JsonToken.START_OBJECT) {
                return wrap.apply(null, ctxt.readValue(p, NamedKernelRequest.class));
            }
            return wrap.apply(values.deserialize(p, ctxt), null);
        }
    }

    /** A JSON array of numbers into {@code double[]}, growing a buffer: no boxing. */
    static final class Numbers1D extends ValueDeserializer<double[]> {
        @Override
        public double[] deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            if (!p.isExpectedStartArrayToken()) {
                throw new WireValueException(p, "must be an array of numbers; got " + describe(p.currentToken()));
            }
            return numbers(p, p.nextToken(), false);
        }
    }

    /**
     * The numbers of an array whose first element token is {@code first}, up to its end, growing a
     * buffer: no boxing. In a nested array ({@code nested}) an array among them is refused as a mixed depth.
     */
    static double[] numbers(JsonParser p, JsonToken first, boolean nested) {
        double[] buf = new double[16];
        int n = 0;
        for (JsonToken t = first; t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (nested && t == JsonToken.START_ARRAY) {
                throw (WireValueException) new WireValueException(p, "is an array where the elements before it are "
                        + "numbers: every element along an axis must have the same depth").prependPath(double[].class, n);
            }
            if (n == buf.length) {
                buf = Arrays.copyOf(buf, n * 2);
            }
            buf[n] = number(p, n);
            n++;
        }
        return n == buf.length ? buf : Arrays.copyOf(buf, n);
    }

    /** A JSON array of arrays of numbers into {@code double[][]} (raggedness is checked by the core). */
    static final class Numbers2D extends ValueDeserializer<double[][]> {
        private final Numbers1D row = new Numbers1D();

        @Override
        public double[][] deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            if (!p.isExpectedStartArrayToken()) {
                throw new WireValueException(p, "must be an array of rows (arrays of numbers); got " + describe(p.currentToken()));
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
                    throw (WireValueException) e.prependPath(double[][].class, n);
                }
                n++;
            }
            return Arrays.copyOf(rows, n);
        }
    }

    /** A positive JSON integer (stride, dilation), as one value or a {@code [rows, columns]} pair. */
    static final class AxisPairReader extends ValueDeserializer<AxisPair> {
        @Override
        public AxisPair deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                int v = positive(p, -1);
                return new AxisPair(v, v, false);
            }
            if (!p.isExpectedStartArrayToken()) {
                throw new WireValueException(p, "must be a positive integer or a [rows, columns] pair of them; got "
                        + describe(p.currentToken()));
            }
            int[] v = new int[2];
            int n = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (n == 2) {
                    throw new WireValueException(p, "must be a positive integer or a [rows, columns] pair; the array has more than 2 values");
                }
                v[n] = positive(p, n);
                n++;
            }
            if (n != 2) {
                throw new WireValueException(p, "must be a positive integer or a [rows, columns] pair; the array has " + n + " value"
                        + (n == 1 ? "" : "s"));
            }
            return new AxisPair(v[0], v[1], true);
        }

        static int positive(JsonParser p, int index) {
            JsonToken t = p.currentToken();
            WireValueException e = null;
            if (t != JsonToken.VALUE_NUMBER_INT) {
                e = new WireValueException(p, "must be a JSON integer of at least 1; got " + describe(t));
            } else if (p.getNumberType() != JsonParser.NumberType.INT || p.getIntValue() < 1) {
                e = new WireValueException(p, "must be an integer from 1 to " + Integer.MAX_VALUE + "; got " + p.getString());
            }
            if (e == null) {
                return p.getIntValue();
            }
            throw index < 0 ? e : (WireValueException) e.prependPath(int[].class, index);
        }
    }

    /** A positive JSON integer: the only boxed integers of the wire format are strides and dilations. */
    static final class PositiveInteger extends ValueDeserializer<Integer> {
        @Override
        public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            return AxisPairReader.positive(p, -1);
        }
    }

    /** A finite JSON number (fillValue): no strings, booleans or values beyond double range. */
    static final class StrictDouble extends ValueDeserializer<Double> {
        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            JsonToken t = p.currentToken();
            if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
                throw new WireValueException(p, "must be a number; got " + describe(t));
            }
            double v = p.getDoubleValue();
            if (!Double.isFinite(v)) {
                throw new WireValueException(p, "must be a finite number within double range; got " + abbreviate(p.getString()));
            }
            return v;
        }
    }

    /** Exactly the lower-case words of an enum; anything else is refused with the list of words. */
    static final class WireEnum<E extends Enum<E>> extends ValueDeserializer<E> {
        private final E[] constants;
        private final String allowed;

        WireEnum(Class<E> type) {
            this.constants = type.getEnumConstants();
            this.allowed = Arrays.stream(constants).map(StrictJson::wire).collect(Collectors.joining(", "));
        }

        @Override
        public E deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw new WireValueException(p, "must be one of " + allowed + "; got " + describe(p.currentToken()));
            }
            String s = p.getString();
            for (E e : constants) {
                if (wire(e).equals(s)) {
                    return e;
                }
            }
            throw new WireValueException(p, "must be one of " + allowed + "; got '" + abbreviate(s) + "'");
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    static void writeNumber(JsonGenerator g, double v) {
        if (v == Math.rint(v) && Math.abs(v) < 0x1p53) {
            g.writeNumber((long) v);
        } else {
            g.writeNumber(v);
        }
    }

    static final class CompactNumber extends ValueSerializer<Double> {
        @Override
        public void serialize(Double value, JsonGenerator g, SerializationContext ctxt) throws JacksonException {
            writeNumber(g, value);
        }
    }

    static final class CompactNumbers1D extends ValueSerializer<double[]> {
        @Override
        public void serialize(double[] value, JsonGenerator g, SerializationContext ctxt) throws JacksonException {
            g.writeStartArray(value, value.length);
            for (double v : value) {
                writeNumber(g, v);
            }
            g.writeEndArray();
        }
    }

    static final class CompactNumbers2D extends ValueSerializer<double[][]> {
        private final CompactNumbers1D row = new CompactNumbers1D();

        @Override
        public void serialize(double[][] value, JsonGenerator g, SerializationContext ctxt) throws JacksonException {
            g.writeStartArray(value, value.length);
            for (double[] r : value) {
                row.serialize(r, g, ctxt);
            }
            g.writeEndArray();
        }
    }

    /**
     * A nested JSON array of numbers of any depth up to {@value #MAX_DEPTH} into {@code double[]}
     * leaves and {@code Object[]} nodes; the shape (ragged, rank) is checked by the core. An array
     * that mixes numbers and arrays is refused here, naming the element.
     */
    static final class NestedNumbers<T> extends ValueDeserializer<T> {
        private final int maxRank;
        private final java.util.function.Function<Object, T> wrap;

        /** Arrays of rank 1 to {@code maxRank}, wrapped; one level deeper is read, so that the core can say the rank is too high. */
        NestedNumbers(int maxRank, java.util.function.Function<Object, T> wrap) {
            this.maxRank = maxRank;
            this.wrap = wrap;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            if (!p.isExpectedStartArrayToken()) {
                throw new WireValueException(p, "must be a nested array of numbers; got " + describe(p.currentToken()));
            }
            return wrap.apply(node(p, ctxt, 1));
        }

        private Object node(JsonParser p, DeserializationContext ctxt, int depth) {
            if (depth > maxRank + 1) {
                throw new WireValueException(p, "nests arrays more than " + maxRank + " deep; arrays of rank 1 to " + maxRank + " are taken");
            }
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_ARRAY) {
                return numbers(p, first, true); // numbers (or an empty array), a non-number named by its index
            }
            Object[] children = new Object[4];
            int n = 0;
            for (JsonToken t = first; t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t != JsonToken.START_ARRAY) {
                    throw (WireValueException) new WireValueException(p, "must be an array like the elements before it; got "
                            + describe(t) + ": every element along an axis must have the same depth").prependPath(Object[].class, n);
                }
                if (n == children.length) {
                    children = Arrays.copyOf(children, n * 2);
                }
                try {
                    children[n] = node(p, ctxt, depth + 1);
                } catch (WireValueException e) {
                    throw (WireValueException) e.prependPath(Object[].class, n);
                }
                n++;
            }
            return Arrays.copyOf(children, n);
        }
    }

    /** A positive JSON integer for every axis, or a list of one per axis (1 to 4 of them). */
    static final class PerAxisReader extends ValueDeserializer<PerAxisValue> {
        @Override
        public PerAxisValue deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                return new PerAxisValue(new int[] {AxisPairReader.positive(p, -1)}, false);
            }
            if (!p.isExpectedStartArrayToken()) {
                throw new WireValueException(p, "must be a positive integer or a list of one per axis; got " + describe(p.currentToken()));
            }
            int max = dev.convolution.core.Shape.MAX_RANK;
            int[] v = new int[max];
            int n = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (n == max) {
                    throw new WireValueException(p, "must be a positive integer or a list of one per axis; the list has more than "
                            + max + " values");
                }
                v[n] = AxisPairReader.positive(p, n);
                n++;
            }
            if (n == 0) {
                throw new WireValueException(p, "must be a positive integer or a list of one per axis; the list is empty");
            }
            return new PerAxisValue(Arrays.copyOf(v, n), true);
        }
    }

    /** A layer's padding: a non-negative integer, a list of one per spatial axis, or "same" or "valid". */
    static final class PaddingReader extends ValueDeserializer<PaddingValue> {
        private static final String WHAT = "must be a non-negative integer, a list of one per spatial axis, or \"same\" or \"valid\"";

        @Override
        public PaddingValue deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_STRING) {
                String s = p.getString();
                if (s.equals("same") || s.equals("valid")) {
                    return new PaddingValue(null, s);
                }
                throw new WireValueException(p, WHAT + "; got '" + abbreviate(s) + "'");
            }
            if (t == JsonToken.VALUE_NUMBER_INT) {
                return new PaddingValue(new int[] {nonNegative(p, -1)}, null);
            }
            if (!p.isExpectedStartArrayToken()) {
                throw new WireValueException(p, WHAT + "; got " + describe(t));
            }
            int[] v = new int[3];
            int n = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (n == v.length) {
                    throw new WireValueException(p, WHAT + "; the list has more than 3 values");
                }
                v[n] = nonNegative(p, n);
                n++;
            }
            if (n == 0) {
                throw new WireValueException(p, WHAT + "; the list is empty");
            }
            return new PaddingValue(Arrays.copyOf(v, n), null);
        }

        static int nonNegative(JsonParser p, int index) {
            JsonToken t = p.currentToken();
            WireValueException e = null;
            if (t != JsonToken.VALUE_NUMBER_INT) {
                e = new WireValueException(p, "must be a JSON integer of at least 0; got " + describe(t));
            } else if (p.getNumberType() != JsonParser.NumberType.INT || p.getIntValue() < 0) {
                e = new WireValueException(p, "must be an integer from 0 to " + Integer.MAX_VALUE + "; got " + p.getString());
            }
            if (e == null) {
                return p.getIntValue();
            }
            throw index < 0 ? e : (WireValueException) e.prependPath(int[].class, index);
        }
    }

    /** A row-major array written nested to its rank, numbers compact: the same bytes as double[] and double[][] for ranks 1 and 2. */
    static final class CompactNested extends ValueSerializer<NestedValues> {
        @Override
        public void serialize(NestedValues value, JsonGenerator g, SerializationContext ctxt) throws JacksonException {
            write(g, value.shape(), value.values(), 0, 0);
        }

        private static int write(JsonGenerator g, int[] shape, double[] v, int depth, int offset) {
            int n = shape[depth];
            g.writeStartArray(null, n);
            if (depth == shape.length - 1) {
                for (int i = 0; i < n; i++) {
                    writeNumber(g, v[offset + i]);
                }
                offset += n;
            } else {
                for (int i = 0; i < n; i++) {
                    offset = write(g, shape, v, depth + 1, offset);
                }
            }
            g.writeEndArray();
            return offset;
        }
    }

    /**
     * A JSON integer of an index list read strictly: numbers with a fraction, strings, null and
     * integers beyond the range are refused naming the element ({@code inputShape[2]}), not the body.
     */
    private static long integer(JsonParser p, int index, long min, long max) {
        JsonToken t = p.currentToken();
        String problem = null;
        if (t != JsonToken.VALUE_NUMBER_INT) {
            problem = "must be a JSON integer; got " + describe(t);
        } else if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER || p.getLongValue() < min || p.getLongValue() > max) {
            problem = "must be an integer from " + min + " to " + max + "; got " + abbreviate(p.getString());
        }
        if (problem != null) {
            throw (WireValueException) new WireValueException(p, problem).prependPath(long[].class, index);
        }
        return p.getLongValue();
    }

    private static long[] integers(JsonParser p, long min, long max, String what) {
        if (!p.isExpectedStartArrayToken()) {
            throw new WireValueException(p, "must be an array of " + what + "; got " + describe(p.currentToken()));
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

    /** An array of JSON integers that fit an int (shapes). */
    static final class Integers extends ValueDeserializer<int[]> {
        @Override
        public int[] deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            long[] v = integers(p, Integer.MIN_VALUE, Integer.MAX_VALUE, "integers");
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
            return integers(p, Long.MIN_VALUE, Long.MAX_VALUE, "integers (one label per axis)");
        }
    }
}
