package dev.tally.ledger.govern;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.TallyException;
import dev.tally.ledger.PerMinute;
import dev.tally.ledger.Scope;
import dev.tally.ledger.UsageLimit;
import dev.tally.ledger.UsageLimits;
import dev.tally.ledger.sql.ConnectionPool;
import dev.tally.ledger.sql.Micros;
import dev.tally.ledger.sql.Revisions;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;

/** Limits in the usage_limit table, one row per scope. */
public final class SqlUsageLimits implements UsageLimits {
    private static final String COLUMNS = "id, scope, requests_per_minute, tokens_per_minute, models";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConnectionPool connections;
    private final Clock wallClock;

    public SqlUsageLimits(ConnectionPool connections, Clock wallClock) {
        this.connections = requireNonNull(connections, "connections is null");
        this.wallClock = requireNonNull(wallClock, "wallClock is null");
    }

    @Override
    public UsageLimit set(Scope scope, PerMinute rates, List<String> models) {
        requireNonNull(scope, "scope is null");
        requireNonNull(rates, "rates is null");
        OptionalLong requestsPerMinute = rates.requests();
        OptionalLong tokensPerMinute = rates.tokens();
        requireNonNull(models, "models is null");
        if (scope.kind() == Scope.Kind.TENANT || scope.kind() == Scope.Kind.PROJECT) {
            throw TallyException.usage("scope " + scope + ": limits are per key, user or team");
        }
        if (!models.isEmpty() && scope.kind() == Scope.Kind.USER) {
            throw TallyException.usage("scope " + scope + ": model access is per key or team");
        }
        if (requestsPerMinute.isEmpty() && tokensPerMinute.isEmpty() && models.isEmpty()) {
            throw TallyException.usage("nothing to limit: give --rpm, --tpm or --models");
        }
        if (requestsPerMinute.orElse(1) < 1 || tokensPerMinute.orElse(1) < 1) {
            throw TallyException.usage("a rate per minute must be at least 1");
        }
        return connections.with(
                "set a limit",
                c -> connections.dialect().inWriteTransaction(c, tx -> {
                    KeyScopes.requireKnown(tx, scope);
                    String id = null;
                    try (PreparedStatement s = tx.prepareStatement("SELECT id FROM usage_limit WHERE scope = ?")) {
                        s.setString(1, scope.toString());
                        try (ResultSet r = s.executeQuery()) {
                            if (r.next()) {
                                id = r.getString(1);
                            }
                        }
                    }
                    if (id != null) {
                        try (PreparedStatement s = tx.prepareStatement("DELETE FROM usage_limit WHERE id = ?")) {
                            s.setString(1, id);
                            s.executeUpdate();
                        }
                    }
                    UsageLimit limit = new UsageLimit(
                            id == null ? newId() : id, scope, requestsPerMinute, tokensPerMinute, models);
                    try (PreparedStatement s = tx.prepareStatement(
                            "INSERT INTO usage_limit (" + COLUMNS + ", created_us) VALUES (?, ?, ?, ?, ?, ?)")) {
                        s.setString(1, limit.id());
                        s.setString(2, scope.toString());
                        setOptional(s, 3, requestsPerMinute);
                        setOptional(s, 4, tokensPerMinute);
                        s.setString(5, String.join(",", models));
                        s.setLong(6, Micros.of(wallClock.instant()));
                        s.executeUpdate();
                    }
                    Revisions.bump(tx, "limits");
                    return limit;
                }));
    }

    @Override
    public List<UsageLimit> list() {
        return connections.with("list limits", c -> {
            List<UsageLimit> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM usage_limit ORDER BY scope");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(read(r));
                }
            }
            return out;
        });
    }

    @Override
    public UsageLimit remove(String id) {
        requireNonNull(id, "id is null");
        return connections.with(
                "remove a limit",
                c -> connections.dialect().inWriteTransaction(c, tx -> {
                    UsageLimit limit;
                    try (PreparedStatement s =
                            tx.prepareStatement("SELECT " + COLUMNS + " FROM usage_limit WHERE id = ?")) {
                        s.setString(1, id);
                        try (ResultSet r = s.executeQuery()) {
                            if (!r.next()) {
                                throw TallyException.usage("no limit " + id + " in this ledger (tally limits list)");
                            }
                            limit = read(r);
                        }
                    }
                    try (PreparedStatement s = tx.prepareStatement("DELETE FROM usage_limit WHERE id = ?")) {
                        s.setString(1, id);
                        s.executeUpdate();
                    }
                    Revisions.bump(tx, "limits");
                    return limit;
                }));
    }

    @Override
    public long revision() {
        return Revisions.read(connections, "limits");
    }

    private static void setOptional(PreparedStatement s, int i, OptionalLong v) throws SQLException {
        if (v.isPresent()) {
            s.setLong(i, v.getAsLong());
        } else {
            s.setNull(i, Types.BIGINT);
        }
    }

    private static OptionalLong optional(ResultSet r, String column) throws SQLException {
        long v = r.getLong(column);
        return r.wasNull() ? OptionalLong.empty() : OptionalLong.of(v);
    }

    private static UsageLimit read(ResultSet r) throws SQLException {
        String models = r.getString("models");
        return new UsageLimit(
                r.getString("id"),
                Scope.parse(r.getString("scope")),
                optional(r, "requests_per_minute"),
                optional(r, "tokens_per_minute"),
                models.isEmpty() ? List.of() : Arrays.asList(models.split(",")));
    }

    private static String newId() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return "lim_" + HexFormat.of().formatHex(bytes);
    }
}
