package dev.tally.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Group commit's promise under SIGKILL: every event whose future completed is stored, exactly once. */
class KilledWriterTest {
    private static final int ACKS_BEFORE_KILL = 3_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(SyncMode.class)
    void sigkill_underLoad_losesNoAcknowledgedEvent(SyncMode sync) throws Exception {
        Path db = dir.resolve("ledger.db");
        Process child = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "--enable-native-access=ALL-UNNAMED",
                        RecordingChild.class.getName(),
                        db.toString(),
                        sync.name()))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        Set<String> acknowledged = new HashSet<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acknowledged.size() < ACKS_BEFORE_KILL && (line = out.readLine()) != null) {
                acknowledged.add(line);
            }
            // SIGKILL (through the handle: Process.destroyForcibly would also close our end of its stdout).
            child.toHandle().destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            // What the child printed before it died was acknowledged too.
            while ((line = out.readLine()) != null) {
                acknowledged.add(line);
            }
        } finally {
            child.destroyForcibly();
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);

        // Reopening recovers the WAL; then read with plain JDBC, not the ledger's reader.
        Ledger.open(db.toString(), sync).close();
        Set<String> stored = new HashSet<>();
        long rows = 0;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT id FROM usage_event")) {
            while (r.next()) {
                stored.add(r.getString(1));
                rows++;
            }
        }
        assertThat(stored).containsAll(acknowledged);
        assertThat(rows).isEqualTo(stored.size());
    }
}
