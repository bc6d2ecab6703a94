package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The process edge reads the environment and prints; libraries do neither. Read from the sources, so a new
 * module is held to it without being listed here.
 */
class ProcessEdgeTest {
    private static final Pattern ENVIRONMENT_OR_PRINT =
            Pattern.compile("System\\.getenv\\(|System\\.(out|err)\\.print|\\.printStackTrace\\(\\)");
    /**
     * Where the process edge is: cli, creds' one reader of the environment (its fast path has no picocli), and the
     * two mains of JVMs that cli does not start its own way: spark-submit's entry point and the Spark child's.
     */
    private static final List<String> EDGE = List.of(
            "cli/",
            "creds/src/main/java/dev/tally/creds/ProcessEnvironment.java",
            "spark/src/main/java/dev/tally/spark/SparkReport.java",
            "spark/src/main/java/dev/tally/spark/SparkChild.java");

    @Test
    void libraries_readNoEnvironmentAndPrintNothing() throws IOException {
        Path root = Path.of(System.getProperty("tally.root"));
        List<String> offenders;
        try (Stream<Path> files = Files.walk(root)) {
            offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> f.toString().contains("/src/main/java/"))
                    .filter(f -> !f.startsWith(root.resolve("bench")))
                    .filter(f -> EDGE.stream()
                            .noneMatch(edge -> root.relativize(f).toString().startsWith(edge)))
                    .filter(f -> ENVIRONMENT_OR_PRINT.matcher(read(f)).find())
                    .map(f -> root.relativize(f).toString())
                    .toList();
        }
        assertThat(offenders).isEmpty();
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
