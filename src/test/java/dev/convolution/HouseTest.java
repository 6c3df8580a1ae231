package dev.convolution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The house's measures as facts: rooms a newcomer can own (at most 20 files a package), files that do one job (at most
 * 450 lines), and the picture of the packages in docs/architecture.md naming exactly the packages there are.
 */
class HouseTest {
    private static final Path MAIN = Path.of("src/main/java/dev/convolution");
    private static final int MAX_FILES = 20;
    private static final int MAX_LINES = 450;

    @Test
    void noPackageHoldsMoreThanTwentyFiles() throws IOException {
        for (Path dir : packages()) {
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.filter(Files::isRegularFile).count()).as("files in %s", MAIN.relativize(dir)).isLessThanOrEqualTo(MAX_FILES);
            }
        }
    }

    @Test
    void noMainSourceFileIsLongerThanFourHundredFiftyLines() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                assertThat(Files.readAllLines(f)).as("lines of %s", MAIN.relativize(f)).hasSizeLessThanOrEqualTo(MAX_LINES);
            }
        }
    }

    @Test
    void theArchitecturePageNamesEveryPackageAndNoOther() throws IOException {
        String page = Files.readString(Path.of("docs/architecture.md"));
        Matcher block = Pattern.compile("## Packages.*?```\\n(.*?)```", Pattern.DOTALL).matcher(page);
        assertThat(block.find()).as("docs/architecture.md has a Packages section with the tree in a code block").isTrue();
        Set<String> pictured = block.group(1).lines().map(l -> l.split("\\s+")[0]).filter(w -> w.endsWith("/"))
                .map(w -> w.substring(0, w.length() - 1)).collect(Collectors.toCollection(TreeSet::new));
        Set<String> real = packages().stream().filter(p -> !p.equals(MAIN)).map(p -> MAIN.relativize(p).toString().replace('\\', '/'))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(pictured).as("the packages pictured in docs/architecture.md").isEqualTo(real);
    }

    /** Every directory under the base package that holds Java files. */
    private static List<Path> packages() throws IOException {
        try (Stream<Path> dirs = Files.walk(MAIN)) {
            return dirs.filter(Files::isDirectory).filter(HouseTest::holdsJava).toList();
        }
    }

    private static boolean holdsJava(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(p -> p.toString().endsWith(".java"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
