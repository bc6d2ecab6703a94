package dev.tally.ledger.sql;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.OneLine;
import dev.tally.core.error.TallyException;
import dev.tally.ledger.SyncMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.jspecify.annotations.Nullable;

/**
 * Connections for reads and key changes (the writer has its own). Opening a SQLite connection and setting its
 * pragmas costs more than the indexed reads the gateway makes, so idle ones are kept, up to a few.
 */
public final class ConnectionPool implements AutoCloseable {
    private static final int MAX_IDLE = 8;

    private final LedgerLocation location;
    private final SyncMode sync;
    private final BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(MAX_IDLE);
    private volatile boolean closed;
    /** PostgreSQL's connections, pooled by HikariCP; null for SQLite, whose connections are kept here. */
    private final @Nullable PostgresPool postgres;

    public ConnectionPool(LedgerLocation location, SyncMode sync) {
        this.location = requireNonNull(location, "location is null");
        this.sync = requireNonNull(sync, "sync is null");
        this.postgres = location.dialect() == Dialect.POSTGRESQL ? PostgresPool.open(location) : null;
    }

    public LedgerLocation location() {
        return location;
    }

    public Dialect dialect() {
        return location.dialect();
    }

    /** A new configured connection, not pooled (the writer's, the migration's). */
    public Connection open() {
        try {
            Connection c = postgres != null ? postgres.connection() : DriverManager.getConnection(location.jdbcUrl());
            try {
                location.dialect().configure(c, sync);
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            return c;
        } catch (SQLException e) {
            throw failure("cannot open", e);
        }
    }

    public Connection borrow() {
        if (closed) {
            throw TallyException.failure("ledger " + location.display() + " is closed", null);
        }
        if (postgres != null) {
            return open();
        }
        Connection c = idle.poll();
        return c != null ? c : open();
    }

    /** Returns a connection; one that failed is closed rather than kept, since its state is unknown. */
    public void release(Connection c, boolean healthy) {
        if (postgres != null) {
            // Back to HikariCP, which resets what it must; an unhealthy one is evicted by its own check.
            closeQuietly(c);
            return;
        }
        if (healthy && !closed && idle.offer(c)) {
            return;
        }
        closeQuietly(c);
    }

    /** Runs read or write work on a pooled connection, translating SQL errors into one-line failures. */
    public <T extends @Nullable Object> T with(String what, Dialect.SqlWork<T> work) {
        Connection c = borrow();
        boolean healthy = false;
        try {
            T result = work.run(c);
            healthy = true;
            return result;
        } catch (SQLException e) {
            throw failure("cannot " + what, e);
        } finally {
            release(c, healthy);
        }
    }

    public TallyException failure(String what, SQLException e) {
        return TallyException.failure(
                "ledger " + location.display() + ": " + what + ": " + OneLine.of(e.getMessage()), e);
    }

    @Override
    public void close() {
        closed = true;
        Connection c;
        while ((c = idle.poll()) != null) {
            closeQuietly(c);
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // Closing after use or after a failure: nothing left to do with it.
        }
    }
}
