package dev.convolution.web.body;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convolution.config.LimitsProperties;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** Which way bodies are read: non-blocking input only where requests run on platform threads, unless configured. */
class BodyReadsTest {
    private static final boolean VIRTUAL_THREADS_EXIST = Runtime.version().feature() >= 21;

    @Test
    void autoReadsWithoutBlockingExactlyWhenRequestsRunOnPlatformThreads() {
        MockEnvironment virtualOn = new MockEnvironment().withProperty("spring.threads.virtual.enabled", "true");
        MockEnvironment virtualOff = new MockEnvironment().withProperty("spring.threads.virtual.enabled", "false");
        // on Java 17 the property is ignored: requests run on platform threads either way
        assertThat(BodyConfiguration.nonBlockingBodyReads(LimitsProperties.BodyReads.AUTO, virtualOn)).isEqualTo(!VIRTUAL_THREADS_EXIST);
        assertThat(BodyConfiguration.nonBlockingBodyReads(LimitsProperties.BodyReads.AUTO, virtualOff)).isTrue();
    }

    @Test
    void anExplicitChoiceHoldsWhateverTheThreads() {
        MockEnvironment virtualOn = new MockEnvironment().withProperty("spring.threads.virtual.enabled", "true");
        assertThat(BodyConfiguration.nonBlockingBodyReads(LimitsProperties.BodyReads.BLOCKING, virtualOn)).isFalse();
        assertThat(BodyConfiguration.nonBlockingBodyReads(LimitsProperties.BodyReads.NON_BLOCKING, virtualOn)).isTrue();
        assertThat(BodyConfiguration.nonBlockingBodyReads(LimitsProperties.BodyReads.BLOCKING, new MockEnvironment())).isFalse();
    }
}
