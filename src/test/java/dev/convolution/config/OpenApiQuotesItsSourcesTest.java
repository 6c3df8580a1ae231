package dev.convolution.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.convolution.MockMvcBodies;
import dev.convolution.codec.Png;
import dev.convolution.core.Boundary;
import dev.convolution.core.CorrelationConvention;
import dev.convolution.core.IndexOrigin;
import dev.convolution.core.Method;
import dev.convolution.core.Mode;
import dev.convolution.core.Operation;
import dev.convolution.core.layer.PaddingMode;
import dev.convolution.core.type.Dtype;
import dev.convolution.core.type.ElementType;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document quotes its sources instead of retyping them: every limit and concurrency property is in its
 * limits table with its environment variable and the value in force, and every list of words in it is the words of
 * one of the service's enums, each enum's list appearing where its fields are.
 */
@SpringBootTest(properties = MockMvcBodies.BLOCKING)
@AutoConfigureMockMvc
class OpenApiQuotesItsSourcesTest {
    private static final List<Class<? extends Enum<?>>> ENUMS = List.of(Mode.class, Boundary.class, Method.class, IndexOrigin.class,
            CorrelationConvention.class, Operation.class, PaddingMode.class, Png.Scale.class, Dtype.class, ElementType.class);

    @Autowired
    MockMvc mvc;
    @Autowired
    LimitsProperties limits;
    @Autowired
    ConcurrencyProperties concurrency;
    private JsonNode doc;

    @BeforeEach
    void fetch() throws Exception {
        doc = JsonMapper.shared().readTree(mvc.perform(get("/v3/api-docs")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString());
    }

    @Test
    void everyLimitAndConcurrencyPropertyIsListedWithItsVariableAndItsValue() throws Exception {
        String description = doc.at("/info/description").asString();
        for (Record properties : List.of(limits, concurrency)) {
            String prefix = properties instanceof LimitsProperties ? "convolution.limits." : "convolution.concurrency.";
            for (RecordComponent c : properties.getClass().getRecordComponents()) {
                String kebab = c.getName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
                Object value = c.getAccessor().invoke(properties);
                String shown = value instanceof Duration d ? d.toMillis() + " ms"
                        : value instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT).replace('_', '-') : String.valueOf(value);
                String env = (prefix + kebab).replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
                assertThat(description).as("the row of %s%s", prefix, kebab).contains("| " + prefix + kebab + " | " + env + " | " + shown + " |");
            }
        }
    }

    @Test
    void everyEnumIsListedByItsWordsAndNoListHoldsAConstantsName() {
        List<List<String>> lists = new ArrayList<>();
        collect(doc.at("/components/schemas"), lists);
        for (Class<? extends Enum<?>> e : ENUMS) {
            assertThat(lists).as("the words of %s", e.getSimpleName()).contains(words(e));
        }
        Set<String> names = ENUMS.stream().flatMap(e -> Arrays.stream(e.getEnumConstants()).map(Enum::name)).collect(Collectors.toSet());
        for (List<String> list : lists) {
            assertThat(list).as("a word list of the document").doesNotContainAnyElementsOf(names);
        }
    }

    private static List<String> words(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(e -> e instanceof Operation o ? o.wireName() : e.name().toLowerCase(Locale.ROOT))
                .toList();
    }

    private static void collect(JsonNode node, List<List<String>> lists) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("enum") && e.getValue().isArray()) {
                    List<String> list = new ArrayList<>();
                    e.getValue().forEach(v -> list.add(v.asString()));
                    lists.add(list);
                } else {
                    collect(e.getValue(), lists);
                }
            });
        } else if (node.isArray()) {
            node.forEach(v -> collect(v, lists));
        }
    }
}
