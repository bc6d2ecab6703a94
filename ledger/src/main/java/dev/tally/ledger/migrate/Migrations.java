package dev.tally.ledger.migrate;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.TallyException;
import dev.tally.ledger.sql.Dialect;
import dev.tally.ledger.sql.Micros;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The ledger's schema history and the runner that applies it: numbered SQL resources listed in
 * {@code index.txt} beside them, and a {@code schema_version} table that records each applied one with its
 * checksum. Flyway does the same, but loading it added start-up to every {@code tally keys} run (see
 * docs/gateway.md); this is the part of it a single-schema embedded store needs.
 *
 * <p>Opening a ledger applies what is missing in one write transaction (two processes opening a new ledger at
 * once serialize on the write lock, and the second finds the work done), refuses a ledger whose schema is
 * newer than this code (an older Tally must not write to a table it does not know), and refuses one whose
 * applied migration text differs from this code's.
 */
public final class Migrations {
    private static final String FOLDER = "/dev/tally/ledger/migrate/";

    private final List<Migration> migrations;

    public Migrations(List<Migration> migrations) {
        List<Migration> sorted = new ArrayList<>(requireNonNull(migrations, "migrations is null"));
        sorted.sort(Comparator.comparingInt(Migration::version));
        for (int i = 0; i < sorted.size(); i++) {
            if (sorted.get(i).version() != i + 1) {
                throw new IllegalArgumentException("migrations must be numbered 1, 2, 3, ... without gaps");
            }
        }
        this.migrations = List.copyOf(sorted);
    }

    /** The migrations this Tally carries. */
    public static Migrations bundled() {
        List<Migration> list = new ArrayList<>();
        for (String name : resource("index.txt").lines().map(String::strip).toList()) {
            if (!name.isEmpty() && !name.startsWith("#")) {
                list.add(Migration.of(name, resource(name)));
            }
        }
        return new Migrations(list);
    }

    public int latest() {
        return migrations.size();
    }

    /** Brings the schema to {@link #latest()}; returns how many migrations it applied. */
    public int apply(Connection c, Dialect dialect, String ledger) throws SQLException {
        if (upToDate(c, ledger)) {
            // The usual open: a read, no write lock, so a report or `tally keys list` never waits on a busy
            // gateway's writer, and a read-only copy of a ledger can be reported on.
            return 0;
        }
        return dialect.inWriteTransaction(c, tx -> {
            // Inside the write transaction: two PostgreSQL replicas starting on a new database at once would
            // otherwise race on creating the table itself.
            try (Statement s = tx.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY,"
                        + " description TEXT NOT NULL, checksum TEXT NOT NULL, applied_us BIGINT NOT NULL)");
            }
            SortedMap<Integer, String> applied = applied(tx);
            check(applied, ledger);
            int count = 0;
            for (Migration m : migrations) {
                if (applied.containsKey(m.version())) {
                    continue;
                }
                try (Statement s = tx.createStatement()) {
                    for (String sql : m.statements()) {
                        s.execute(sql);
                    }
                }
                try (PreparedStatement s = tx.prepareStatement(
                        "INSERT INTO schema_version (version, description, checksum, applied_us) VALUES (?, ?, ?, ?)")) {
                    s.setInt(1, m.version());
                    s.setString(2, m.description());
                    s.setString(3, m.checksum());
                    s.setLong(4, Micros.of(Instant.now()));
                    s.executeUpdate();
                }
                count++;
            }
            return count;
        });
    }

    /** Whether every migration is applied, by a plain read; false also when there is no schema yet. */
    private boolean upToDate(Connection c, String ledger) {
        SortedMap<Integer, String> applied;
        try {
            applied = applied(c);
        } catch (SQLException noTableYet) {
            return false;
        }
        check(applied, ledger);
        return applied.size() == latest();
    }

    /** Refuses a schema newer than this code, or one applied from SQL other than this code's. */
    private void check(SortedMap<Integer, String> applied, String ledger) {
        int newest = applied.isEmpty() ? 0 : applied.lastKey();
        if (newest > latest()) {
            throw TallyException.badData("ledger " + ledger + " has schema version " + newest
                    + ", newer than this Tally's " + latest() + ": use the Tally that wrote it or a newer one");
        }
        for (Migration m : migrations) {
            String checksum = applied.get(m.version());
            if (checksum != null && !checksum.equals(m.checksum())) {
                throw TallyException.badData("ledger " + ledger + ": schema version " + m.version()
                        + " was applied from different SQL than this Tally's (checksum mismatch)");
            }
        }
    }

    private static SortedMap<Integer, String> applied(Connection c) throws SQLException {
        SortedMap<Integer, String> applied = new TreeMap<>();
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT version, checksum FROM schema_version")) {
            while (r.next()) {
                applied.put(r.getInt(1), r.getString(2));
            }
        }
        return applied;
    }

    private static String resource(String name) {
        try (InputStream in = Migrations.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("missing migration resource " + FOLDER + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
