package dev.tally.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    @Test
    void write_replacesTheFileWholeAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("report.csv");
        Files.writeString(target, "old");
        AtomicFile.write(target, out -> out.write("new".getBytes(StandardCharsets.UTF_8)), Optional.empty());
        assertThat(target).hasContent("new");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void write_failingContent_keepsWhatWasThere() throws IOException {
        Path target = dir.resolve("config");
        Files.writeString(target, "[default]\n");
        assertThatThrownBy(() -> AtomicFile.write(
                        target,
                        out -> {
                            out.write("half".getBytes(StandardCharsets.UTF_8));
                            throw new IOException("disk full");
                        },
                        Optional.empty()))
                .hasMessage("disk full");
        assertThat(target).hasContent("[default]\n");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void write_withPermissions_createsTheFileWithThem() throws IOException {
        Path target = dir.resolve("secret.json");
        AtomicFile.write(target, out -> out.write('x'), Optional.of(PosixFilePermissions.fromString("rw-------")));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
                .isEqualTo("rw-------");
    }
}
