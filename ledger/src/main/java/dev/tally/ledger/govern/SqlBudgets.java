package dev.tally.ledger.govern;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.TallyException;
import dev.tally.ledger.Budget;
import dev.tally.ledger.BudgetPeriod;
import dev.tally.ledger.BudgetStatus;
import dev.tally.ledger.Budgets;
import dev.tally.ledger.Money;
import dev.tally.ledger.Scope;
import dev.tally.ledger.sql.ConnectionPool;
import dev.tally.ledger.sql.Micros;
import dev.tally.ledger.sql.Revisions;
import java.math.BigDecimal;
import java.net.URI;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Budgets in the budget table; their spend and leases in lease_counter and lease (see {@link SqlLeases}). */
public final class SqlBudgets implements Budgets {
    private static final String COLUMNS = "id, scope, period, limit_nanos, soft, thresholds, webhook";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConnectionPool connections;
    private final Clock wallClock;

    public SqlBudgets(ConnectionPool connections, Clock wallClock) {
        this.connections = requireNonNull(connections, "connections is null");
        this.wallClock = requireNonNull(wallClock, "wallClock is null");
    }

    @Override
    public Budget set(Scope scope, BigDecimal limit, BudgetPeriod period, boolean soft, List<BigDecimal> thresholds) {
        return put(scope, limit, period, soft, thresholds, Optional.empty());
    }

    @Override
    public Budget set(
            Scope scope,
            BigDecimal limit,
            BudgetPeriod period,
            boolean soft,
            List<BigDecimal> thresholds,
            URI webhook) {
        return put(scope, limit, period, soft, thresholds, Optional.of(requireNonNull(webhook, "webhook is null")));
    }

    private Budget put(
            Scope scope,
            BigDecimal limit,
            BudgetPeriod period,
            boolean soft,
            List<BigDecimal> thresholds,
            Optional<URI> webhook) {
        requireNonNull(scope, "scope is null");
        requireNonNull(limit, "limit is null");
        requireNonNull(period, "period is null");
        requireNonNull(thresholds, "thresholds is null");
        requireNonNull(webhook, "webhook is null");
        if (limit.signum() < 0) {
            throw TallyException.usage("budget limit " + limit.toPlainString() + " is negative");
        }
        for (BigDecimal t : thresholds) {
            if (t.signum() <= 0 || t.compareTo(BigDecimal.valueOf(1000)) > 0) {
                throw TallyException.usage("threshold " + t.toPlainString() + "% is outside 1..1000");
            }
        }
        return connections.with(
                "set a budget",
                c -> connections.dialect().inWriteTransaction(c, tx -> {
                    KeyScopes.requireKnown(tx, scope);
                    Optional<Budget> existing = byScope(tx, scope, period);
                    Budget b = new Budget(
                            existing.map(Budget::id).orElseGet(SqlBudgets::newId),
                            scope,
                            limit,
                            period,
                            soft,
                            thresholds,
                            webhook);
                    if (existing.isPresent()) {
                        try (PreparedStatement s = tx.prepareStatement("UPDATE budget SET limit_nanos = ?, soft = ?,"
                                + " thresholds = ?, webhook = ? WHERE id = ?")) {
                            s.setLong(1, b.limitNanos());
                            s.setInt(2, soft ? 1 : 0);
                            s.setString(3, thresholdText(thresholds));
                            s.setString(4, webhook.map(URI::toString).orElse(null));
                            s.setString(5, b.id());
                            s.executeUpdate();
                        }
                    } else {
                        try (PreparedStatement s = tx.prepareStatement(
                                "INSERT INTO budget (" + COLUMNS + ", created_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                            s.setString(1, b.id());
                            s.setString(2, scope.toString());
                            s.setString(3, period.label());
                            s.setLong(4, b.limitNanos());
                            s.setInt(5, soft ? 1 : 0);
                            s.setString(6, thresholdText(thresholds));
                            s.setString(7, webhook.map(URI::toString).orElse(null));
                            s.setLong(8, Micros.of(wallClock.instant()));
                            s.executeUpdate();
                        }
                    }
                    Revisions.bump(tx, "budgets");
                    return b;
                }));
    }

    @Override
    public List<Budget> list() {
        return connections.with("list budgets", c -> {
            List<Budget> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM budget ORDER BY scope, period");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(read(r));
                }
            }
            return out;
        });
    }

    @Override
    public Budget remove(String id) {
        requireNonNull(id, "id is null");
        return connections.with(
                "remove a budget",
                c -> connections.dialect().inWriteTransaction(c, tx -> {
                    Budget b;
                    try (PreparedStatement s = tx.prepareStatement("SELECT " + COLUMNS + " FROM budget WHERE id = ?")) {
                        s.setString(1, id);
                        try (ResultSet r = s.executeQuery()) {
                            if (!r.next()) {
                                throw TallyException.usage("no budget " + id + " in this ledger (tally budget list)");
                            }
                            b = read(r);
                        }
                    }
                    try (PreparedStatement s = tx.prepareStatement("DELETE FROM budget WHERE id = ?")) {
                        s.setString(1, id);
                        s.executeUpdate();
                    }
                    Revisions.bump(tx, "budgets");
                    return b;
                }));
    }

    @Override
    public List<BudgetStatus> status(Instant now) {
        requireNonNull(now, "now is null");
        List<Budget> budgets = list();
        long wallNow = Micros.of(wallClock.instant());
        return connections.with("read budget spend", c -> {
            List<BudgetStatus> out = new ArrayList<>();
            try (PreparedStatement used = c.prepareStatement("SELECT used FROM lease_counter WHERE name = ?");
                    PreparedStatement leased = c.prepareStatement(
                            "SELECT COALESCE(SUM(amount), 0) FROM lease WHERE counter = ? AND expires_us >= ?")) {
                for (Budget b : budgets) {
                    Instant start = b.period().start(now);
                    String counter = b.counter(start);
                    used.setString(1, counter);
                    long spent = 0;
                    try (ResultSet r = used.executeQuery()) {
                        if (r.next()) {
                            spent = r.getLong(1);
                        }
                    }
                    leased.setString(1, counter);
                    leased.setLong(2, wallNow);
                    long reserved;
                    try (ResultSet r = leased.executeQuery()) {
                        r.next();
                        reserved = r.getLong(1);
                    }
                    long remaining = Math.max(0, b.limitNanos() - spent - reserved);
                    out.add(new BudgetStatus(
                            b, start, b.period().end(now), Money.of(spent), Money.of(reserved), Money.of(remaining)));
                }
            }
            return out;
        });
    }

    @Override
    public long revision() {
        return Revisions.read(connections, "budgets");
    }

    private static Optional<Budget> byScope(Connection c, Scope scope, BudgetPeriod period) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("SELECT " + COLUMNS + " FROM budget WHERE scope = ? AND period = ?")) {
            s.setString(1, scope.toString());
            s.setString(2, period.label());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(read(r)) : Optional.empty();
            }
        }
    }

    private static Budget read(ResultSet r) throws SQLException {
        String thresholds = r.getString("thresholds");
        String webhook = r.getString("webhook");
        return new Budget(
                r.getString("id"),
                Scope.parse(r.getString("scope")),
                Money.of(r.getLong("limit_nanos")),
                BudgetPeriod.parse(r.getString("period")),
                r.getInt("soft") != 0,
                thresholds.isEmpty()
                        ? List.of()
                        : Arrays.stream(thresholds.split(","))
                                .map(BigDecimal::new)
                                .toList(),
                webhook == null ? Optional.empty() : Optional.of(URI.create(webhook)));
    }

    private static String thresholdText(List<BigDecimal> thresholds) {
        return thresholds.stream().map(BigDecimal::toPlainString).collect(Collectors.joining(","));
    }

    static String newId() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return "bud_" + HexFormat.of().formatHex(bytes);
    }
}
