package dev.convolution.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The warm-up before readiness: through a real port, one round of its requests is answered in full before the service
 * is ready, and the numbers of its bodies are written the way Python's json module writes them (the layout of
 * Python's own text for the same doubles, golden/python-repr.json from scripts/generate_python_repr.py).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "convolution.warm-up.rounds=1")
class WarmUpTest {
    @Autowired
    WarmUp warmUp;
    @Autowired
    ApplicationAvailability availability;

    @Test
    void everyWarmUpRequestIsAnsweredBeforeTheServiceReportsReady() {
        assertThat(warmUp.requestsAnswered()).as("one round of the eight kinds of work, each answered 200").isEqualTo(8);
        assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
    }

    @Test
    void numbersAreWrittenInPythonsLayoutAndReadBackToTheSameDouble() throws IOException {
        String golden;
        try (InputStream in = WarmUpTest.class.getResourceAsStream("/golden/python-repr.json")) {
            golden = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher c = Pattern.compile("\\[\"([0-9a-f]{16})\", \"([^\"]+)\"\\]").matcher(golden);
        int cases = 0;
        while (c.find()) {
            double v = Double.longBitsToDouble(Long.parseUnsignedLong(c.group(1), 16));
            String python = c.group(2);
            String ours = WarmUp.python(v);
            // the digits may differ where Java 17's Double.toString is not the shortest, or where Java writes two digits
            // for one (4.9E-324, 5e-324): the value and the layout may not
            assertThat(Double.doubleToRawLongBits(Double.parseDouble(ours))).as(ours + " for " + python)
                    .isEqualTo(Double.doubleToRawLongBits(v));
            assertThat(layout(ours)).as(ours + " for " + python).isEqualTo(layout(python));
            cases++;
        }
        assertThat(cases).isGreaterThan(900);
    }

    /** Plain or scientific, with the exponent's sign and digit count: "plain", "e-05" → "e-2", "e+300" → "e+3". */
    private static String layout(String text) {
        int e = text.indexOf('e');
        if (e < 0) {
            assertThat(text).matches("-?\\d+\\.\\d+");
            return "plain";
        }
        assertThat(text).matches("-?\\d(\\.\\d+)?e[+-]\\d{2,3}");
        return "e" + text.charAt(e + 1) + (text.length() - e - 2);
    }
}
