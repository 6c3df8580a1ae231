package dev.convolution.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.convolution.api.wire.StrictJson;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The request records built by their constructors' reflection accessor ({@link RecordCreators}) come out as Jackson's
 * own instantiator builds them, and a refusal is the same refusal, word for word.
 */
class RecordCreatorsTest {
    private static final JsonMapper SERVICE = JacksonConfiguration.strict(JsonMapper.builder()).addModule(StrictJson.module()).build();
    private static final JsonMapper JACKSON = JacksonConfiguration.strict(JsonMapper.builder(), false).addModule(StrictJson.module()).build();

    /** A record of ours whose constructor refuses a value, as a compact constructor may. */
    record Guarded(int size, String name) {
        Guarded {
            if (size < 0) {
                throw new IllegalArgumentException("size must not be negative; got " + size);
            }
        }
    }

    private static final List<Case> CASES = List.of(
            new Case(request("SignalConvolutionRequest"), "{\"signal\":[2,1,3,5,4],\"kernel\":[1,-1],\"mode\":\"valid\"}"),
            new Case(request("SignalConvolutionRequest"), "{\"signal\":[2.5,1e-05,3],\"kernel\":[1],\"boundary\":\"reflect\",\"stride\":2}"),
            new Case(request("SignalConvolutionRequest"), "{\"signal\":[1,2],\"kernel\":[1],\"trace\":{\"outputs\":[[0]]}}"),
            new Case(request("SignalConvolutionRequest"), "{\"signal\":[1,2],\"kernel\":[1],\"wrong\":1}"),
            new Case(request("SignalConvolutionRequest"), "{\"signal\":\"1,2\",\"kernel\":[1]}"),
            new Case(request("SignalConvolutionRequest"), "{\"kernel\":[1]}"),
            new Case(request("ImageCorrelationRequest"), "{\"image\":[[1,2],[3,4]],\"kernel\":[[1]],\"mode\":\"same\"}"),
            new Case(request("ArrayConvolutionRequest"), "{\"input\":[[[1,2],[3,4]]],\"kernel\":[[[1]]],\"dilation\":[1,1,1]}"),
            new Case(request("ArrayConvolutionRequest"), "{\"input\":[[[1,2],[3,4]]],\"kernel\":[[[1]]],\"mode\":\"sideways\"}"),
            new Case(Guarded.class, "{\"size\":3,\"name\":\"ok\"}"),
            new Case(Guarded.class, "{\"size\":-1,\"name\":\"refused\"}"),
            new Case(Guarded.class, "{\"size\":2.5,\"name\":\"a float for an int\"}"));

    private record Case(Class<?> type, String body) {
    }

    /** A request record of the convolution endpoints (package-private there). */
    private static Class<?> request(String name) {
        try {
            return Class.forName("dev.convolution.api.convolution." + name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyRecordAndEveryRefusalIsTheOneJacksonsOwnInstantiatorGives() {
        for (Case c : CASES) {
            Object[] ours = read(SERVICE, c);
            Object[] jacksons = read(JACKSON, c);
            if (jacksons[1] == null) {
                assertThat(ours[1]).as(c.body()).isNull();
                assertThat(ours[0]).as(c.body()).usingRecursiveComparison().isEqualTo(jacksons[0]);
            } else {
                Throwable a = (Throwable) ours[1];
                Throwable b = (Throwable) jacksons[1];
                assertThat(a).as(c.body()).isInstanceOf(b.getClass()).hasMessage(b.getMessage());
                assertThat(String.valueOf(a.getCause())).as(c.body()).isEqualTo(String.valueOf(b.getCause()));
            }
        }
    }

    @Test
    void ourRecordsAreBuiltByTheReflectiveCreator() {
        assertThat(read(SERVICE, CASES.get(9))[1]).isNull();
        Throwable refused = (Throwable) read(SERVICE, CASES.get(10))[1];
        assertThat(refused).hasMessageContaining("size must not be negative; got -1");
        assertThat(refused.getStackTrace()).as("where the record was built")
                .anySatisfy(frame -> assertThat(frame.getClassName()).isEqualTo(RecordCreators.Reflective.class.getName()));
    }

    private static Object[] read(JsonMapper mapper, Case c) {
        Object[] out = new Object[2];
        out[1] = catchThrowable(() -> out[0] = mapper.readValue(c.body(), c.type()));
        return out;
    }
}
