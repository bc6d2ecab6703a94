package dev.tally.ledger.sql;

import static java.util.Objects.requireNonNull;

import dev.tally.ledger.Budgets;
import dev.tally.ledger.Charge;
import dev.tally.ledger.Keys;
import dev.tally.ledger.Leases;
import dev.tally.ledger.Ledger;
import dev.tally.ledger.SyncMode;
import dev.tally.ledger.UsageEvent;
import dev.tally.ledger.UsageLimits;
import dev.tally.ledger.govern.SqlBudgets;
import dev.tally.ledger.govern.SqlLeases;
import dev.tally.ledger.govern.SqlUsageLimits;
import dev.tally.ledger.keys.SqlKeys;
import dev.tally.ledger.migrate.Migrations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** A ledger in a SQL database through JDBC: SQLite now, PostgreSQL through {@link Dialect} later. */
public final class SqlLedger implements Ledger {
    private final ConnectionPool connections;
    private final SqlKeys keys;
    private final LedgerWriter writer;
    private final SqlBudgets budgets;
    private final SqlUsageLimits limits;
    private final SqlLeases leases;

    private SqlLedger(ConnectionPool connections, Duration linger, Clock clock) {
        this.connections = connections;
        this.keys = new SqlKeys(connections, clock);
        // Budgets and leases judge expiry and creation by the wall clock; the periods they count in follow the
        // caller's clock (the gateway's --clock), which it passes with each question.
        this.budgets = new SqlBudgets(connections, Clock.systemUTC());
        this.limits = new SqlUsageLimits(connections, Clock.systemUTC());
        this.leases = new SqlLeases(connections, Clock.systemUTC());
        this.writer = new LedgerWriter(connections, linger, new LedgerWriter.Chore() {
            @Override
            public boolean pending() {
                return keys.touchesPending();
            }

            @Override
            public void write(Connection connection) throws SQLException {
                keys.writeTouches(connection);
            }
        });
    }

    public static SqlLedger open(LedgerLocation location, SyncMode sync, Duration linger, Clock clock) {
        requireNonNull(location, "location is null");
        requireNonNull(sync, "sync is null");
        requireNonNull(linger, "linger is null");
        requireNonNull(clock, "clock is null");
        ConnectionPool connections = new ConnectionPool(location, sync);
        try (Connection c = connections.open()) {
            Migrations.bundled().apply(c, location.dialect(), location.display());
        } catch (SQLException e) {
            connections.close();
            throw connections.failure("cannot prepare its schema", e);
        } catch (RuntimeException e) {
            connections.close();
            throw e;
        }
        return new SqlLedger(connections, linger, clock);
    }

    @Override
    public CompletableFuture<Void> record(UsageEvent event) {
        return writer.submit(event, List.of());
    }

    @Override
    public CompletableFuture<Void> record(UsageEvent event, List<Charge> charges) {
        return writer.submit(event, charges);
    }

    @Override
    public Budgets budgets() {
        return budgets;
    }

    @Override
    public UsageLimits limits() {
        return limits;
    }

    @Override
    public Leases leases() {
        return leases;
    }

    @Override
    public Keys keys() {
        return keys;
    }

    @Override
    public Stream<UsageEvent> events(Instant from, Instant to) {
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        Connection c = connections.borrow();
        try {
            PreparedStatement s = c.prepareStatement(EventRows.SELECT_RANGE);
            s.setFetchSize(1_000);
            s.setLong(1, Micros.of(from));
            s.setLong(2, Micros.of(to));
            ResultSet r = s.executeQuery();
            Spliterator<UsageEvent> rows =
                    new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
                        @Override
                        public boolean tryAdvance(Consumer<? super UsageEvent> action) {
                            try {
                                if (!r.next()) {
                                    return false;
                                }
                                action.accept(EventRows.read(r));
                                return true;
                            } catch (SQLException e) {
                                throw connections.failure("cannot read usage events", e);
                            }
                        }
                    };
            return StreamSupport.stream(rows, false).onClose(() -> {
                ConnectionPool.closeQuietly(r);
                ConnectionPool.closeQuietly(s);
                connections.release(c, true);
            });
        } catch (SQLException e) {
            connections.release(c, false);
            throw connections.failure("cannot read usage events", e);
        }
    }

    @Override
    public boolean writable() {
        return writer.writable();
    }

    @Override
    public String location() {
        return connections.location().display();
    }

    @Override
    public void close() {
        try {
            writer.close();
        } finally {
            connections.close();
        }
    }
}
