package dev.tally.ledger.sql;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.TallyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a ledger lives: a file path (SQLite) or a JDBC URL.
 *
 * @param jdbcUrl what the driver opens
 * @param display what messages name: the path as given, or the URL
 */
public record LedgerLocation(Dialect dialect, String jdbcUrl, String display) {
    public LedgerLocation {
        requireNonNull(dialect, "dialect is null");
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(display, "display is null");
    }

    public static LedgerLocation parse(String pathOrJdbcUrl) {
        requireNonNull(pathOrJdbcUrl, "pathOrJdbcUrl is null");
        String s = pathOrJdbcUrl.strip();
        if (s.isEmpty()) {
            throw TallyException.usage(
                    "--ledger is empty: expected a file path, a jdbc:sqlite: or a jdbc:postgresql: URL");
        }
        if (s.startsWith("jdbc:postgresql:")) {
            return postgres(s);
        }
        if (s.startsWith("jdbc:sqlite:")) {
            String file = s.substring("jdbc:sqlite:".length());
            if (file.isEmpty() || file.startsWith(":memory:") || file.contains("mode=memory")) {
                throw TallyException.usage("ledger " + s + ": an in-memory database is not durable; name a file");
            }
            return new LedgerLocation(Dialect.SQLITE, s, s);
        }
        if (s.startsWith("jdbc:")) {
            throw TallyException.usage("ledger " + withoutSecrets(s)
                    + ": unknown database; expected a file path, a jdbc:sqlite: or a jdbc:postgresql: URL");
        }
        Path path = Path.of(s).toAbsolutePath().normalize();
        if (Files.isDirectory(path)) {
            throw TallyException.usage("ledger " + s + " is a directory: expected a database file");
        }
        Path parent = path.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw TallyException.usage("ledger " + s + ": directory " + parent + " does not exist");
        }
        return new LedgerLocation(Dialect.SQLITE, "jdbc:sqlite:" + path, s);
    }

    /**
     * Whether the ledger is already there. Opening creates a SQLite file, so commands that only read (reports,
     * {@code tally keys list}) ask first; a server database is taken to exist.
     */
    public boolean exists() {
        return dialect != Dialect.SQLITE || Files.exists(sqliteFile());
    }

    /**
     * Removes a SQLite ledger file and SQLite's files beside it (log, shared memory, rollback journal); a server
     * database is left alone. Only for a ledger the caller has just created and closed: see
     * {@code Ledger#discardNew}.
     */
    public void discard() {
        if (dialect != Dialect.SQLITE) {
            return;
        }
        Path file = sqliteFile();
        for (String suffix : new String[] {"-wal", "-shm", "-journal", ""}) {
            try {
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
            } catch (IOException e) {
                // What cannot be removed stays: an empty ledger, harmless.
            }
        }
    }

    private Path sqliteFile() {
        String file = jdbcUrl.substring("jdbc:sqlite:".length());
        int query = file.indexOf('?');
        file = query < 0 ? file : file.substring(0, query);
        file = file.startsWith("file:") ? file.substring("file:".length()) : file;
        return Path.of(file);
    }

    /**
     * A PostgreSQL URL, refused if it carries a password: a URL is a flag's value or a config line, and both show
     * in process lists and shell histories. The password comes from PGPASSWORD or ~/.pgpass.
     */
    private static LedgerLocation postgres(String url) {
        int q = url.indexOf('?');
        String base = q < 0 ? url : url.substring(0, q);
        String query = q < 0 ? "" : url.substring(q + 1);
        boolean passwordInQuery = java.util.Arrays.stream(query.split("&"))
                .anyMatch(p -> p.toLowerCase(java.util.Locale.ROOT).startsWith("password="));
        if (base.contains("@") || passwordInQuery) {
            throw TallyException.usage("ledger " + withoutSecrets(url)
                    + ": a password in the URL would show in the process list; set PGPASSWORD or use ~/.pgpass");
        }
        if (!base.startsWith("jdbc:postgresql://") || base.length() <= "jdbc:postgresql://".length()) {
            throw TallyException.usage(
                    "ledger " + base + ": expected jdbc:postgresql://HOST[:PORT]/DATABASE[?user=NAME]");
        }
        return new LedgerLocation(Dialect.POSTGRESQL, url, base);
    }

    /** A URL's query can hold a password; messages show what comes before it. */
    private static String withoutSecrets(String url) {
        int q = url.indexOf('?');
        String base = q < 0 ? url : url.substring(0, q);
        int at = base.indexOf('@');
        return at < 0 ? base : "jdbc:postgresql://" + base.substring(at + 1);
    }
}
