package dev.convolution.core.type;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** numpy's result type of every pair of dtypes a .npy part may have, as numpy gives it (golden/element-types.json). */
class ElementTypeTest {

    static Stream<Arguments> pairs() throws IOException {
        try (InputStream in = ElementTypeTest.class.getResourceAsStream("/golden/element-types.json")) {
            JsonNode doc = JsonMapper.shared().readTree(in);
            return doc.get("resultTypes").valueStream()
                    .map(r -> Arguments.of(r.get("a").asString(), r.get("b").asString(), r.get("numpy").asString(), r.get("computed").asString()));
        }
    }

    /** Every pair of the thirteen types numpy has here, complex included (golden/complex.json). */
    static Stream<Arguments> complexPairs() throws IOException {
        try (InputStream in = ElementTypeTest.class.getResourceAsStream("/golden/complex.json")) {
            JsonNode doc = JsonMapper.shared().readTree(in);
            return doc.get("resultTypes").valueStream()
                    .map(r -> Arguments.of(r.get("a").asString(), r.get("b").asString(), r.get("numpy").asString(), r.get("result").asString()));
        }
    }

    @ParameterizedTest(name = "{0} with {1}: numpy {2}, computed in {3}")
    @MethodSource("complexPairs")
    void complexOperandsGiveNumpysComplexResultType(String a, String b, String numpy, String computed) {
        theResultTypeIsNumpysRestrictedToTheTypesComputedIn(a, b, numpy, computed);
    }

    @ParameterizedTest(name = "{0} with {1}: numpy {2}, computed in {3}")
    @MethodSource("pairs")
    void theResultTypeIsNumpysRestrictedToTheTypesComputedIn(String a, String b, String numpy, String computed) {
        ElementType x = ElementType.valueOf(a.toUpperCase(Locale.ROOT));
        ElementType h = ElementType.valueOf(b.toUpperCase(Locale.ROOT));
        assertThat(x.with(h).name().toLowerCase(Locale.ROOT)).as("numpy says %s", numpy).isEqualTo(computed);
        assertThat(h.with(x)).as("the rule is symmetric").isEqualTo(x.with(h));
    }
}
