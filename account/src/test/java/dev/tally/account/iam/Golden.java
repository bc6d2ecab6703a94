package dev.tally.account.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under src/test/resources. {@code -Dtally.golden.update=true} rewrites them from the current
 * output; review the diff before committing.
 */
public final class Golden {
    private Golden() {}

    public static void assertMatches(String resource, String actual) throws IOException {
        Path file = Path.of("src/test/resources").resolve(resource);
        if (Boolean.getBoolean("tally.golden.update")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual);
        }
        assertThat(file)
                .as("golden file missing (create it with -Dtally.golden.update=true)")
                .exists();
        assertThat(actual)
                .as("golden file " + file + " (rerun with -Dtally.golden.update=true to accept)")
                .isEqualTo(Files.readString(file));
    }
}
