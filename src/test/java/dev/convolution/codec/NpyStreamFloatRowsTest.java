package dev.convolution.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.convolution.core.error.InvalidRequestException;
import dev.convolution.core.type.ElementType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Rows read into floats (a float32 stream's path): the values Npy.read gives, and a value that is not finite refused alike. */
class NpyStreamFloatRowsTest {

    private static byte[] file(int[] shape, double[] values, ElementType type) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(shape, values, type, out);
        return out.toByteArray();
    }

    private static float[][] rows(byte[] file) throws IOException {
        NpyStream s = NpyStream.open("input", new ByteArrayInputStream(file), Long.MAX_VALUE, "limit");
        int[] shape = s.shape();
        float[][] rows = new float[shape[0]][s.rowSize()];
        for (float[] row : rows) {
            s.readRow(row);
        }
        return rows;
    }

    @Test
    void floatRowsOfFloat32AndOfOtherTypesEqualTheValuesReadWhole() throws IOException {
        Random rnd = new Random(4);
        int[] shape = {7, 5, 3};
        double[] v = new double[105];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (rnd.nextGaussian() * 1e3);
        }
        for (ElementType type : new ElementType[] {ElementType.FLOAT32, ElementType.FLOAT64, ElementType.INT64}) {
            double[] values = v.clone();
            if (type == ElementType.INT64) {
                for (int i = 0; i < values.length; i++) {
                    values[i] = Math.rint(values[i]);
                }
            }
            byte[] f = file(shape, values, type);
            double[] whole = Npy.read("input", f, Long.MAX_VALUE).values();
            float[][] rows = rows(f);
            for (int r = 0; r < 7; r++) {
                for (int i = 0; i < 15; i++) {
                    assertThat(rows[r][i]).as("%s [%d, %d]", type, r, i).isEqualTo((float) whole[r * 15 + i]);
                }
            }
        }
    }

    @Test
    void aValueThatIsNotFiniteIsRefusedWithItsFlatIndexAsNpyReadRefusesIt() throws IOException {
        double[] values = new double[60];
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            for (int at : new int[] {0, 17, 59}) {
                double[] v = values.clone();
                v[at] = bad;
                byte[] f = file(new int[] {6, 10}, v, ElementType.FLOAT32);
                String expected = null;
                try {
                    Npy.read("input", f, Long.MAX_VALUE);
                } catch (InvalidRequestException e) {
                    expected = e.getMessage();
                }
                assertThat(expected).contains("flat index " + at);
                String message = expected;
                assertThatThrownBy(() -> rows(f)).isInstanceOf(InvalidRequestException.class).hasMessage(message);
            }
        }
    }

    @Test
    void theExtremesOfTheFiniteFloatsAreReadAsTheyAre() throws IOException {
        float[] edge = {Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -0.0f, 0.0f,
            Math.nextDown(Float.POSITIVE_INFINITY), Math.nextUp(Float.NEGATIVE_INFINITY), 1.5f};
        double[] v = new double[edge.length];
        for (int i = 0; i < edge.length; i++) {
            v[i] = edge[i];
        }
        float[][] rows = rows(file(new int[] {2, 5}, v, ElementType.FLOAT32));
        for (int i = 0; i < edge.length; i++) {
            assertThat(Float.floatToRawIntBits(rows[i / 5][i % 5])).as("value %d", i).isEqualTo(Float.floatToRawIntBits(edge[i]));
        }
    }
}
