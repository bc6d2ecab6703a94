package dev.tally.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.error.ErrorKind;
import dev.tally.core.error.TallyException;
import dev.tally.ledger.migrate.Migration;
import dev.tally.ledger.migrate.Migrations;
import dev.tally.ledger.sql.Dialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {
    @TempDir
    Path dir;

    @Test
    void open_freshFile_appliesEveryMigrationOnce() throws Exception {
        Path db = dir.resolve("ledger.db");
        Ledger.open(db.toString(), SyncMode.NORMAL).close();
        int latest = Migrations.bundled().latest();
        assertThat(LedgerTest.count(db, "SELECT count(*) FROM schema_version")).isEqualTo(latest);
        assertThat(LedgerTest.count(db, "SELECT max(version) FROM schema_version"))
                .isEqualTo(latest);
        assertThat(LedgerTest.count(db, "SELECT count(*) FROM usage_event")).isZero();
        assertThat(LedgerTest.count(db, "SELECT count(*) FROM api_key")).isZero();
    }

    @Test
    void open_again_appliesNothingAndKeepsTheData() throws Exception {
        Path db = dir.resolve("ledger.db");
        try (Ledger ledger = Ledger.open(db.toString(), SyncMode.NORMAL)) {
            ledger.record(SampleEvents.event("kept", 1)).join();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            assertThat(Migrations.bundled().apply(c, Dialect.SQLITE, db.toString()))
                    .isZero();
        }
        Ledger.open(db.toString(), SyncMode.NORMAL).close();
        assertThat(LedgerTest.count(db, "SELECT count(*) FROM usage_event")).isEqualTo(1);
        assertThat(LedgerTest.count(db, "SELECT count(*) FROM schema_version"))
                .isEqualTo(Migrations.bundled().latest());
    }

    @Test
    void open_upToDate_whileAnotherProcessHoldsTheWriteLock_doesNotWait() throws Exception {
        Path db = dir.resolve("ledger.db");
        try (Ledger ledger = Ledger.open(db.toString(), SyncMode.NORMAL)) {
            ledger.keys().create("alice", java.util.Map.of());
        }
        try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = writer.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            long start = System.nanoTime();
            try (Ledger ledger = Ledger.open(db.toString(), SyncMode.NORMAL)) {
                assertThat(ledger.keys().list()).hasSize(1);
            }
            // The busy timeout is 10 s: a write lock taken by open would have waited for it.
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
                    .isLessThan(java.time.Duration.ofSeconds(5));
            s.execute("ROLLBACK");
        }
    }

    @Test
    void open_schemaNewerThanTheCode_isRefused() throws Exception {
        Path db = dir.resolve("ledger.db");
        Ledger.open(db.toString(), SyncMode.NORMAL).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO schema_version VALUES (999, 'from the future', 'x', 0)");
        }
        assertThatThrownBy(() -> Ledger.open(db.toString(), SyncMode.NORMAL))
                .isInstanceOfSatisfying(
                        TallyException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_DATA))
                .hasMessageContaining("schema version 999, newer than this Tally's");
    }

    @Test
    void open_appliedMigrationEdited_isRefused() throws Exception {
        Path db = dir.resolve("ledger.db");
        Ledger.open(db.toString(), SyncMode.NORMAL).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement()) {
            s.execute("UPDATE schema_version SET checksum = 'edited' WHERE version = 1");
        }
        assertThatThrownBy(() -> Ledger.open(db.toString(), SyncMode.NORMAL))
                .isInstanceOf(TallyException.class)
                .hasMessageContaining("checksum mismatch");
    }

    @Test
    void apply_aLaterMigration_runsOnlyThatOne() throws Exception {
        Path db = dir.resolve("ledger.db");
        Ledger.open(db.toString(), SyncMode.NORMAL).close();
        Migrations bundled = Migrations.bundled();
        List<Migration> next = new java.util.ArrayList<>();
        for (String name : List.of("V1__usage_events_and_keys.sql", "V2__budgets_limits_leases.sql")) {
            String sql = new String(
                    MigrationsTest.class
                            .getResourceAsStream("/dev/tally/ledger/migrate/" + name)
                            .readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            next.add(Migration.of(name, sql));
        }
        next.add(Migration.of("V3__extra.sql", "CREATE TABLE extra (id TEXT NOT NULL PRIMARY KEY);\n"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            assertThat(new Migrations(next).apply(c, Dialect.SQLITE, db.toString()))
                    .isEqualTo(1);
        }
        assertThat(LedgerTest.count(db, "SELECT count(*) FROM extra")).isZero();
        assertThat(bundled.latest()).isEqualTo(2);
        // This Tally's code is now older than the ledger: it refuses rather than writing beside a table it
        // does not know.
        assertThatThrownBy(() -> Ledger.open(db.toString(), SyncMode.NORMAL))
                .hasMessageContaining("newer than this Tally's");
    }

    @Test
    void statements_splitAtLineEndingSemicolonsAndDropComments() {
        Migration m =
                Migration.of("V3__x.sql", "-- a comment\nCREATE TABLE a (x TEXT);\n\nINSERT INTO a VALUES ('1;2');\n");
        assertThat(m.statements()).containsExactly("CREATE TABLE a (x TEXT)", "INSERT INTO a VALUES ('1;2')");
    }
}
