package dev.convolution.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestIdsTest {
    @Test
    void generatedIdsAreDistinctVersionFourUuidsThatPassTheirOwnSanityCheck() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            String id = RequestIdFilter.randomId();
            UUID parsed = UUID.fromString(id);
            assertThat(parsed.toString()).isEqualTo(id);
            assertThat(parsed.version()).isEqualTo(4);
            assertThat(parsed.variant()).isEqualTo(2);
            assertThat(RequestIdFilter.isSane(id)).isTrue();
            seen.add(id);
        }
        assertThat(seen).hasSize(20_000);
    }
}
