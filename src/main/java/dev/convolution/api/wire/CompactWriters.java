package dev.convolution.api.wire;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

/** Numbers written compactly: an integral double within ±2^53 as an integer ({@code 2}, not {@code 2.0}). */
final class CompactWriters {
    private CompactWriters() {
    }

    static void register(SimpleModule m) {
        Number number = new Number();
        m.addSerializer(Double.class, number);
        m.addSerializer(double.class, number);
        FloatNumber f = new FloatNumber();
        m.addSerializer(Float.class, f);
        m.addSerializer(float.class, f);
        m.addSerializer(double[].class, new OneD());
        m.addSerializer(double[][].class, new TwoD());
        m.addSerializer(NestedValues.class, new Nested());
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

    static final class OneD extends ValueSerializer<double[]> {
        @Override
        public void serialize(double[] value, JsonGenerator g, SerializationContext ctxt) throws JacksonException {
            g.writeStartArray(value, value.length);
            for (double v : value) {
                writeNumber(g, v);
            }
            g.writeEndArray();
        }
    }

    static final class TwoD extends ValueSerializer<double[][]> {
        private final OneD row = new OneD();

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
        @Override
        public void serialize(NestedValues value, JsonGenerator g, SerializationContext ctxt) throws JacksonException {
            write(g, value.shape(), value.values(), value.float32(), 0, 0);
        }

        private static int write(JsonGenerator g, int[] shape, double[] v, boolean float32, int depth, int offset) {
            int n = shape[depth];
            g.writeStartArray(null, n);
            if (depth == shape.length - 1) {
                if (float32) {
                    for (int i = 0; i < n; i++) {
                        writeNumber(g, (float) v[offset + i]);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        writeNumber(g, v[offset + i]);
                    }
                }
                offset += n;
            } else {
                for (int i = 0; i < n; i++) {
                    offset = write(g, shape, v, float32, depth + 1, offset);
                }
            }
            g.writeEndArray();
            return offset;
        }
    }
}
