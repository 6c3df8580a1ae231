package dev.convolution.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/API.md is the repository's copy of the shared contract, so a clone has it; it must not drift. */
class ContractCopyTest {
    @Test
    void theRepositoryCopyOfTheContractEqualsTheSharedOne() throws Exception {
        Path copy = Path.of("docs", "API.md");
        assertThat(copy).exists();
        Path shared = Path.of("..", "shared", "API.md");
        if (Files.exists(shared)) { // beside the project on the team's machines and in CI; not in a user's clone
            assertThat(Files.readString(copy)).isEqualTo(Files.readString(shared));
        }
    }
}
