package dev.tally.ledger.sql;

import static java.util.Objects.requireNonNull;

import dev.tally.ledger.Charge;
import dev.tally.ledger.UsageEvent;
import dev.tally.ledger.govern.SqlLeases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The ledger writer's batch on PostgreSQL as one statement: the events' INSERT and their charges (used up on each
 * counter, the same amount out of each lease) in data-modifying CTEs over arrays, sent in auto-commit, so a batch
 * is one network round trip and one transaction, however many events it holds. Before this shape a batch was
 * five round trips (BEGIN with the advisory lock, the INSERT, two charge batches, COMMIT): 2.3 round trips a
 * request at 500 requests/s per replica (docs/benchmarks.md, Governance).
 *
 * <p>No advisory lock: charges commute (each adds to used and takes the same from a lease, atomically in this
 * one statement), and the one reader that needs them still, a lease take, reads used and leased in one snapshot
 * under the lock the takes share. The statement returns only once PostgreSQL has committed it (and, with its
 * default synchronous_commit, flushed its WAL), so events are still durable before their futures complete.
 */
final class PostgresEventBatch implements AutoCloseable {
    private static final String SQL = buildSql();

    private final Connection connection;
    private @Nullable PreparedStatement statement;

    PostgresEventBatch(Connection connection) {
        this.connection = requireNonNull(connection, "connection is null");
    }

    private static String buildSql() {
        String events = EventRows.TYPES.stream().map(t -> "?::" + t + "[]").collect(Collectors.joining(", "));
        return "WITH e AS (INSERT INTO usage_event (" + EventRows.COLUMNS + ") SELECT * FROM unnest(" + events + ")"
                + " ON CONFLICT (id) DO NOTHING),"
                + " c AS (INSERT INTO lease_counter (name, used) SELECT * FROM unnest(?::text[], ?::bigint[])"
                + " ON CONFLICT (name) DO UPDATE SET used = lease_counter.used + excluded.used),"
                + " l AS (UPDATE lease SET amount = CASE WHEN lease.amount > x.amount THEN lease.amount - x.amount"
                + " ELSE 0 END FROM unnest(?::text[], ?::text[], ?::bigint[]) AS x (holder, counter, amount)"
                + " WHERE lease.holder = x.holder AND lease.counter = x.counter)"
                + " SELECT 1";
    }

    /** Writes and commits the events and their charges in one statement. */
    void write(List<UsageEvent> events, List<Charge> charges) throws SQLException {
        if (statement == null) {
            statement = connection.prepareStatement(SQL);
        }
        int columns = EventRows.TYPES.size();
        List<Object[]> byColumn = new ArrayList<>(columns);
        for (int i = 0; i < columns; i++) {
            byColumn.add(new Object[events.size()]);
        }
        for (int row = 0; row < events.size(); row++) {
            Object[] values = EventRows.values(events.get(row));
            for (int i = 0; i < columns; i++) {
                byColumn.get(i)[row] = values[i];
            }
        }
        int p = 1;
        for (int i = 0; i < columns; i++) {
            statement.setArray(p++, connection.createArrayOf(EventRows.TYPES.get(i), byColumn.get(i)));
        }
        Map<String, Long> byCounter = SqlLeases.byCounter(charges);
        statement.setArray(
                p++, connection.createArrayOf("text", byCounter.keySet().toArray()));
        statement.setArray(
                p++, connection.createArrayOf("bigint", byCounter.values().toArray()));
        Map<SqlLeases.LeaseKey, Long> byLease = SqlLeases.byLease(charges);
        List<Object> holders = new ArrayList<>(byLease.size());
        List<Object> counters = new ArrayList<>(byLease.size());
        byLease.keySet().forEach(k -> {
            holders.add(k.holder());
            counters.add(k.counter());
        });
        statement.setArray(p++, connection.createArrayOf("text", holders.toArray()));
        statement.setArray(p++, connection.createArrayOf("text", counters.toArray()));
        statement.setArray(
                p, connection.createArrayOf("bigint", byLease.values().toArray()));
        statement.execute();
    }

    /** After a failure the statement's state is unknown: it is prepared again for the next batch. */
    void reset() {
        if (statement != null) {
            ConnectionPool.closeQuietly(statement);
            statement = null;
        }
    }

    @Override
    public void close() {
        reset();
    }
}
