package dev.convolution.api.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convolution.MockMvcBodies;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.json.JsonMapper;

/** Numbers leave the service exactly: every double written by the application's mapper parses back to the same bits. */
@SpringBootTest(properties = MockMvcBodies.BLOCKING)
class NumberRoundTripTest {
    @Autowired
    JsonMapper json;

    @Test
    void everyDoubleRoundTripsBitForBit() {
        Random rnd = new Random(3);
        double[] values = new double[20_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (i % 5) {
                case 0 -> rnd.nextGaussian();
                case 1 -> Double.longBitsToDouble(rnd.nextLong() & 0x7FEFFFFFFFFFFFFFL) * (rnd.nextBoolean() ? 1 : -1);
                case 2 -> rnd.nextInt() * 0.5;
                case 3 -> Double.MIN_VALUE * rnd.nextInt(1000);
                default -> Math.scalb(rnd.nextDouble(), rnd.nextInt(2000) - 1000);
            };
        }
        String text = json.writeValueAsString(values);
        String[] parts = text.substring(1, text.length() - 1).split(",");
        assertThat(parts).hasSize(values.length);
        for (int i = 0; i < values.length; i++) {
            double back = Double.parseDouble(parts[i]);
            assertThat(Double.doubleToLongBits(back)).as("value %d written as %s", i, parts[i])
                    .isEqualTo(Double.doubleToLongBits(values[i] + 0.0));
        }
    }

    @Test
    void integralValuesAreWrittenWithoutAFraction() {
        assertThat(json.writeValueAsString(new double[] {-1, 2, 0x1p52, -0.0, 2.5})).isEqualTo("[-1,2,4503599627370496,0,2.5]");
    }
}
