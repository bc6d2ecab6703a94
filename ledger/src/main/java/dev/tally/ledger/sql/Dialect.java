package dev.tally.ledger.sql;

import dev.tally.ledger.SyncMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.jspecify.annotations.Nullable;

/**
 * Everything that differs between the databases a ledger can live in, in one place. The schema's SQL and the
 * statements elsewhere are portable (TEXT, BIGINT, INTEGER, {@code INSERT ... ON CONFLICT DO NOTHING}, which
 * SQLite and PostgreSQL share); what is left is connection set-up and how a write transaction starts.
 * PostgreSQL differs in connection set-up (a HikariCP pool instead of files) and in how a write transaction
 * excludes others.
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
    },
    POSTGRESQL {
        @Override
        public void configure(Connection connection, SyncMode sync) {
            // Commits wait for PostgreSQL's WAL flush either way (its default, synchronous_commit=on): the
            // server, not this process, owns durability, and a gateway killed after a commit has lost nothing.
        }

        @Override
        public void beginWrite(Connection connection) throws SQLException {
            // One transaction-scoped advisory lock serializes writers across replicas, as SQLite's write lock does
            // across processes: a lease's read-then-write (free room, then take it) can never interleave with
            // another replica's. Lease takes and store changes are rare, so one lock costs little; the ledger
            // writer's batches, the frequent writes, do not take it (PostgresEventBatch says why they need not).
            // Both in one simple query: one network round trip, not two.
            try (Statement s = connection.createStatement()) {
                s.execute("BEGIN; SELECT pg_advisory_xact_lock(" + WRITE_LOCK + ")");
            }
        }
    };

    /** The advisory lock id write transactions take on PostgreSQL ('tally' in ASCII). */
    static final long WRITE_LOCK = 0x74616c6c79L;

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
    public <T extends @Nullable Object> T inWriteTransaction(Connection connection, SqlWork<T> work)
            throws SQLException {
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
    public interface SqlWork<T extends @Nullable Object> {
        T run(Connection connection) throws SQLException;
    }
}
