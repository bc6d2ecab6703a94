package dev.tally.ledger.keys;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.TallyException;
import dev.tally.core.sts.SessionIdentity;
import dev.tally.core.sts.SessionTag;
import dev.tally.core.sts.SessionTags;
import dev.tally.core.sts.StsRuleException;
import dev.tally.ledger.ApiKey;
import dev.tally.ledger.Keys;
import dev.tally.ledger.NewKey;
import dev.tally.ledger.sql.ConnectionPool;
import dev.tally.ledger.sql.Micros;
import dev.tally.ledger.sql.TagsJson;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Keys in the api_key table. Changes bump the 'keys' revision in the same transaction. */
public final class SqlKeys implements Keys {
    private static final String COLUMNS =
            "id, key_hash, user_name, tags, created_us, expires_us, revoked_us, last_used_us";

    private final ConnectionPool connections;
    private final Clock clock;
    private final Map<String, Instant> touches = new ConcurrentHashMap<>();

    public SqlKeys(ConnectionPool connections, Clock clock) {
        this.connections = requireNonNull(connections, "connections is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public NewKey create(String user, Map<String, String> tags) {
        return create(user, tags, Optional.empty());
    }

    @Override
    public NewKey create(String user, Map<String, String> tags, Instant expires) {
        return create(user, tags, Optional.of(requireNonNull(expires, "expires is null")));
    }

    private NewKey create(String user, Map<String, String> tags, Optional<Instant> expires) {
        requireNonNull(tags, "tags is null");
        checkIdentity(user, tags);
        String key = KeySecret.newKey();
        ApiKey apiKey =
                new ApiKey(KeySecret.newId(), user, tags, clock.instant(), expires, Optional.empty(), Optional.empty());
        connections.with(
                "create a key",
                c -> connections.dialect().inWriteTransaction(c, tx -> {
                    try (PreparedStatement s = tx.prepareStatement(
                            "INSERT INTO api_key (" + COLUMNS + ")" + " VALUES (?, ?, ?, ?, ?, ?, NULL, NULL)")) {
                        s.setString(1, apiKey.id());
                        s.setString(2, HexFormat.of().formatHex(KeySecret.hash(key)));
                        s.setString(3, user);
                        s.setString(4, TagsJson.write(tags));
                        s.setLong(5, Micros.of(apiKey.created()));
                        if (expires.isPresent()) {
                            s.setLong(6, Micros.of(expires.get()));
                        } else {
                            s.setNull(6, Types.BIGINT);
                        }
                        s.executeUpdate();
                    }
                    bumpRevision(tx);
                    return null;
                }));
        return new NewKey(key, apiKey);
    }

    /** The user and tags must make a valid AssumeRole: the gateway signs the key's calls with them. */
    private static void checkIdentity(String user, Map<String, String> tags) {
        if (user == null || user.isBlank()) {
            throw TallyException.usage("a key needs a user (--user)");
        }
        Map<String, String> all = new LinkedHashMap<>();
        all.put(SessionIdentity.USER_TAG, user);
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (tag.getKey().equalsIgnoreCase(SessionIdentity.USER_TAG)) {
                throw TallyException.usage("tag " + tag.getKey() + ": the User tag is the key's user (--user)");
            }
            all.put(tag.getKey(), tag.getValue());
        }
        try {
            SessionTags.of(all.entrySet().stream()
                    .map(e -> SessionTag.of(e.getKey(), e.getValue()))
                    .toList());
        } catch (StsRuleException e) {
            throw TallyException.usage("STS would refuse the key's session tags: " + e.getMessage());
        }
    }

    @Override
    public Optional<ApiKey> find(String presented) {
        requireNonNull(presented, "presented is null");
        if (!presented.startsWith(KeySecret.PREFIX)) {
            return Optional.empty();
        }
        byte[] hash = KeySecret.hash(presented);
        return connections.with("look up a key", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM api_key WHERE key_hash = ?")) {
                s.setString(1, HexFormat.of().formatHex(hash));
                try (ResultSet r = s.executeQuery()) {
                    // The index finds the row by the hash; the constant-time comparison confirms it, so the
                    // answer never depends on how much of a wrong key's hash matched.
                    if (r.next() && MessageDigest.isEqual(hash, HexFormat.of().parseHex(r.getString("key_hash")))) {
                        return Optional.of(read(r));
                    }
                    return Optional.empty();
                }
            }
        });
    }

    @Override
    public List<ApiKey> list() {
        return connections.with("list keys", c -> {
            List<ApiKey> keys = new ArrayList<>();
            try (PreparedStatement s =
                            c.prepareStatement("SELECT " + COLUMNS + " FROM api_key ORDER BY created_us, id");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    keys.add(read(r));
                }
            }
            return keys;
        });
    }

    @Override
    public ApiKey revoke(String id) {
        requireNonNull(id, "id is null");
        long now = Micros.of(clock.instant());
        return connections.with(
                "revoke a key",
                c -> connections.dialect().inWriteTransaction(c, tx -> {
                    try (PreparedStatement s = tx.prepareStatement(
                            "UPDATE api_key SET revoked_us = ? WHERE id = ? AND revoked_us IS NULL")) {
                        s.setLong(1, now);
                        s.setString(2, id);
                        s.executeUpdate();
                    }
                    ApiKey key = byId(tx, id)
                            .orElseThrow(
                                    () -> TallyException.usage("no key " + id + " in this ledger (tally keys list)"));
                    bumpRevision(tx);
                    return key;
                }));
    }

    @Override
    public void touch(String id, Instant time) {
        requireNonNull(id, "id is null");
        requireNonNull(time, "time is null");
        touches.merge(id, time, (a, b) -> a.isAfter(b) ? a : b);
    }

    @Override
    public long revision() {
        return connections.with("read the keys' revision", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT revision FROM ledger_revision WHERE name = 'keys'");
                    ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : 0L;
            }
        });
    }

    /** Whether last-used times wait to be written. */
    public boolean touchesPending() {
        return !touches.isEmpty();
    }

    /**
     * Writes the pending last-used times in the caller's transaction (the ledger writer's). Taken before the
     * write, so a failed write drops them rather than retrying forever: a last-used time is a hint.
     */
    public void writeTouches(Connection tx) throws SQLException {
        Map<String, Instant> taken = new LinkedHashMap<>();
        for (String id : List.copyOf(touches.keySet())) {
            Instant t = touches.remove(id);
            if (t != null) {
                taken.put(id, t);
            }
        }
        if (taken.isEmpty()) {
            return;
        }
        try (PreparedStatement s = tx.prepareStatement("UPDATE api_key SET last_used_us = ?"
                + " WHERE id = ? AND (last_used_us IS NULL OR last_used_us < ?)")) {
            for (Map.Entry<String, Instant> e : taken.entrySet()) {
                long t = Micros.of(e.getValue());
                s.setLong(1, t);
                s.setString(2, e.getKey());
                s.setLong(3, t);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static Optional<ApiKey> byId(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM api_key WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(read(r)) : Optional.empty();
            }
        }
    }

    private static void bumpRevision(Connection tx) throws SQLException {
        try (PreparedStatement s =
                tx.prepareStatement("UPDATE ledger_revision SET revision = revision + 1 WHERE name = 'keys'")) {
            s.executeUpdate();
        }
    }

    private static ApiKey read(ResultSet r) throws SQLException {
        return new ApiKey(
                r.getString("id"),
                r.getString("user_name"),
                TagsJson.read(r.getString("tags")),
                Micros.instant(r.getLong("created_us")),
                optionalInstant(r, "expires_us"),
                optionalInstant(r, "revoked_us"),
                optionalInstant(r, "last_used_us"));
    }

    private static Optional<Instant> optionalInstant(ResultSet r, String column) throws SQLException {
        long v = r.getLong(column);
        return r.wasNull() ? Optional.empty() : Optional.of(Micros.instant(v));
    }
}
