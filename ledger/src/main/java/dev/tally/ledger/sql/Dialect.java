package dev.tally.ledger.sql;

import dev.tally.ledger.SyncMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Everything that differs between the databases a ledger can live in, in one place. The schema's SQL and the
 * statements elsewhere are portable (TEXT, BIGINT, INTEGER, {@code INSERT ... ON CONFLICT DO NOTHING}, which
 * SQLite and PostgreSQL share); what is left is connection set-up and how a write transaction starts.
 * PostgreSQL (the governance issue) adds a constant here.
 */
public enum Dialect {
    SQLITE {
        @Override
        public void configure(Connection connection, SyncMode sync) throws SQLException {
            try (Statement s = connection.createStatement()) {
                // WAL: readers never block the writer nor the writer readers, and a commit is one append to the
                // log. synchronous=NORMAL syncs the log only at checkpoints, so a commit survives a killed
                // process (it is in the OS's page cache) but not power loss; FULL syncs it at every commit.
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=" + (sync == SyncMode.FULL ? "FULL" : "NORMAL"));
                // Another process (tally keys revoke, a second gateway) may hold the write lock for a moment.
                s.execute("PRAGMA busy_timeout=" + BUSY_TIMEOUT_MS);
            }
        }

        @Override
        public void beginWrite(Connection connection) throws SQLException {
            // IMMEDIATE takes the write lock up front: a transaction that read first and then wrote could fail
            // with SQLITE_BUSY instead of waiting when another connection writes in between.
            try (Statement s = connection.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
            }
        }
    };

    static final int BUSY_TIMEOUT_MS = 10_000;

    /** Per-connection settings; connections stay in auto-commit and transactions are begun explicitly. */
    public abstract void configure(Connection connection, SyncMode sync) throws SQLException;

    /** Begins a transaction that will write. */
    public abstract void beginWrite(Connection connection) throws SQLException;

    public void commit(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("COMMIT");
        }
    }

    /** Rolls back if a transaction is open; never throws (it runs while another error is on its way out). */
    public void rollbackQuietly(Connection connection) {
        try (Statement s = connection.createStatement()) {
            s.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // No transaction was open, or the connection is gone: nothing to undo either way.
        }
    }

    /** Runs {@code work} in one write transaction. */
    public <T> T inWriteTransaction(Connection connection, SqlWork<T> work) throws SQLException {
        beginWrite(connection);
        try {
            T result = work.run(connection);
            commit(connection);
            return result;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(connection);
            throw e;
        }
    }

    /** Work against a connection that may throw SQLException. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
