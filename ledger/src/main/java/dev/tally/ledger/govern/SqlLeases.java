package dev.tally.ledger.govern;

import static java.util.Objects.requireNonNull;

import dev.tally.ledger.Charge;
import dev.tally.ledger.Leases;
import dev.tally.ledger.sql.ConnectionPool;
import dev.tally.ledger.sql.Micros;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Leases in the lease and lease_counter tables. Taking room reads the counter and the leases and then writes, so
 * it runs in a write transaction, which both dialects serialize (SQLite's write lock, PostgreSQL's advisory lock
 * in {@link dev.tally.ledger.sql.Dialect#beginWrite}): two replicas never both take the last of the room. Charges
 * (the ledger writer's) take no lock on PostgreSQL; a take reads used and leased in one statement so that it sees
 * a charge whole or not at all.
 * Expiry is judged by the wall clock, not the gateway's {@code --clock}.
 */
public final class SqlLeases implements Leases {
    private static final String UPSERT_LEASE = "INSERT INTO lease (holder, counter, amount, expires_us)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT (holder, counter)"
            + " DO UPDATE SET amount = lease.amount + excluded.amount, expires_us = excluded.expires_us";
    private static final String CHARGE_COUNTER = "INSERT INTO lease_counter (name, used) VALUES (?, ?)"
            + " ON CONFLICT (name) DO UPDATE SET used = lease_counter.used + excluded.used";
    private static final String CHARGE_LEASE = "UPDATE lease SET amount = CASE WHEN amount > ? THEN amount - ?"
            + " ELSE 0 END WHERE holder = ? AND counter = ?";

    private final ConnectionPool connections;
    private final Clock wallClock;

    public SqlLeases(ConnectionPool connections, Clock wallClock) {
        this.connections = requireNonNull(connections, "connections is null");
        this.wallClock = requireNonNull(wallClock, "wallClock is null");
    }

    @Override
    public long take(String holder, String counter, long capacity, long want, long atLeast, Instant expires) {
        return take(holder, counter, List.of(), capacity, want, atLeast, expires);
    }

    @Override
    public long take(
            String holder,
            String counter,
            Collection<String> sharing,
            long capacity,
            long want,
            long atLeast,
            Instant expires) {
        requireNonNull(holder, "holder is null");
        requireNonNull(counter, "counter is null");
        requireNonNull(expires, "expires is null");
        List<String> counters = new ArrayList<>(new TreeSet<>(sharing));
        counters.remove(counter);
        counters.addFirst(counter);
        String in = String.join(", ", Collections.nCopies(counters.size(), "?"));
        long now = Micros.of(wallClock.instant());
        return connections.with(
                "lease from " + counter,
                c -> connections.dialect().inWriteTransaction(c, tx -> {
                    // Used and leased in one statement, so one snapshot: the ledger writer charges without the write
                    // lock on PostgreSQL (charges commute), and a charge moves room from a lease to used in one
                    // atomic statement; two separate reads could see the lease after a charge and used before it.
                    long used;
                    long leased;
                    try (PreparedStatement s = tx.prepareStatement("SELECT"
                            + " COALESCE((SELECT SUM(used) FROM lease_counter WHERE name IN (" + in + ")), 0),"
                            + " COALESCE((SELECT SUM(amount) FROM lease WHERE counter IN (" + in + ")"
                            + " AND expires_us >= ?), 0)")) {
                        int i = 1;
                        for (String name : counters) {
                            s.setString(i++, name);
                        }
                        for (String name : counters) {
                            s.setString(i++, name);
                        }
                        s.setLong(i, now);
                        try (ResultSet r = s.executeQuery()) {
                            r.next();
                            used = r.getLong(1);
                            leased = r.getLong(2);
                        }
                    }
                    long free = capacity - used - leased;
                    long grant = Math.min(want, free);
                    if (grant < atLeast || grant <= 0) {
                        return 0L;
                    }
                    // An expired lease of this holder counts as nothing: start it again rather than add to it.
                    try (PreparedStatement s = tx.prepareStatement(
                            "DELETE FROM lease WHERE holder = ? AND counter = ? AND expires_us < ?")) {
                        s.setString(1, holder);
                        s.setString(2, counter);
                        s.setLong(3, now);
                        s.executeUpdate();
                    }
                    try (PreparedStatement s = tx.prepareStatement(UPSERT_LEASE)) {
                        s.setString(1, holder);
                        s.setString(2, counter);
                        s.setLong(3, grant);
                        s.setLong(4, Micros.of(expires));
                        s.executeUpdate();
                    }
                    return grant;
                }));
    }

    @Override
    public void giveBack(String holder, String counter, long amount) {
        if (amount <= 0) {
            return;
        }
        connections.with(
                "give back a lease on " + counter,
                c -> connections.dialect().inWriteTransaction(c, tx -> {
                    try (PreparedStatement s = tx.prepareStatement(CHARGE_LEASE)) {
                        s.setLong(1, amount);
                        s.setLong(2, amount);
                        s.setString(3, holder);
                        s.setString(4, counter);
                        s.executeUpdate();
                    }
                    try (PreparedStatement s =
                            tx.prepareStatement("DELETE FROM lease WHERE holder = ? AND counter = ? AND amount = 0")) {
                        s.setString(1, holder);
                        s.setString(2, counter);
                        s.executeUpdate();
                    }
                    return null;
                }));
    }

    @Override
    public Set<String> renew(String holder, Instant expires) {
        long now = Micros.of(wallClock.instant());
        return connections.with(
                "renew leases",
                c -> connections.dialect().inWriteTransaction(c, tx -> {
                    try (PreparedStatement s = tx.prepareStatement("DELETE FROM lease WHERE expires_us < ?")) {
                        s.setLong(1, now);
                        s.executeUpdate();
                    }
                    try (PreparedStatement s =
                            tx.prepareStatement("UPDATE lease SET expires_us = ? WHERE holder = ?")) {
                        s.setLong(1, Micros.of(expires));
                        s.setString(2, holder);
                        s.executeUpdate();
                    }
                    Set<String> held = new HashSet<>();
                    try (PreparedStatement s = tx.prepareStatement("SELECT counter FROM lease WHERE holder = ?")) {
                        s.setString(1, holder);
                        try (ResultSet r = s.executeQuery()) {
                            while (r.next()) {
                                held.add(r.getString(1));
                            }
                        }
                    }
                    return held;
                }));
    }

    @Override
    public Map<String, Long> used(Collection<String> counters) {
        return connections.with("read counters", c -> {
            Map<String, Long> out = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT used FROM lease_counter WHERE name = ?")) {
                for (String counter : counters) {
                    s.setString(1, counter);
                    try (ResultSet r = s.executeQuery()) {
                        out.put(counter, r.next() ? r.getLong(1) : 0L);
                    }
                }
            }
            return out;
        });
    }

    @Override
    public boolean firstAlert(String counter, String threshold) {
        return connections.with(
                "note an alert",
                c -> connections.dialect().inWriteTransaction(c, tx -> {
                    try (PreparedStatement s = tx.prepareStatement("INSERT INTO budget_alert (counter, threshold)"
                            + " VALUES (?, ?) ON CONFLICT (counter, threshold) DO NOTHING")) {
                        s.setString(1, counter);
                        s.setString(2, threshold);
                        return s.executeUpdate() == 1;
                    }
                }));
    }

    /**
     * Writes charges in the caller's transaction (the ledger writer's, beside the events that spent them), summed
     * per counter and holder first: one batch of statements per transaction, however many events.
     */
    public static void writeCharges(Connection tx, List<Charge> charges) throws SQLException {
        if (charges.isEmpty()) {
            return;
        }
        try (PreparedStatement s = tx.prepareStatement(CHARGE_COUNTER)) {
            for (Map.Entry<String, Long> e : byCounter(charges).entrySet()) {
                s.setString(1, e.getKey());
                s.setLong(2, e.getValue());
                s.addBatch();
            }
            s.executeBatch();
        }
        try (PreparedStatement s = tx.prepareStatement(CHARGE_LEASE)) {
            for (Map.Entry<LeaseKey, Long> e : byLease(charges).entrySet()) {
                s.setLong(1, e.getValue());
                s.setLong(2, e.getValue());
                s.setString(3, e.getKey().holder());
                s.setString(4, e.getKey().counter());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** One lease row. */
    public record LeaseKey(String holder, String counter) implements Comparable<LeaseKey> {
        private static final Comparator<LeaseKey> ORDER =
                Comparator.comparing(LeaseKey::holder).thenComparing(LeaseKey::counter);

        public LeaseKey {
            requireNonNull(holder, "holder is null");
            requireNonNull(counter, "counter is null");
        }

        @Override
        public int compareTo(LeaseKey other) {
            return ORDER.compare(this, other);
        }
    }

    /**
     * Charges summed per counter, in name order: every writer locks the counters' rows in the same order, so two
     * replicas' writers charging the same counters wait for each other instead of deadlocking.
     */
    public static SortedMap<String, Long> byCounter(List<Charge> charges) {
        SortedMap<String, Long> out = new TreeMap<>();
        charges.forEach(ch -> out.merge(ch.counter(), ch.amount(), Long::sum));
        return out;
    }

    /** Charges summed per lease, in (holder, counter) order, for the same reason as {@link #byCounter}. */
    public static SortedMap<LeaseKey, Long> byLease(List<Charge> charges) {
        SortedMap<LeaseKey, Long> out = new TreeMap<>();
        charges.forEach(ch -> out.merge(new LeaseKey(ch.holder(), ch.counter()), ch.amount(), Long::sum));
        return out;
    }
}
