package dev.tally.ledger.sql;

import dev.tally.core.usage.PricingModel;
import dev.tally.ledger.Outcome;
import dev.tally.ledger.TokenCounts;
import dev.tally.ledger.UsageEvent;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Optional;

/** The usage_event table: one place that maps an event to its row and back. */
public final class EventRows {
    static final String COLUMNS = "id, time_us, key_id, user_name, session_arn, tags, model_id, model, operation,"
            + " input_tokens, output_tokens, cache_read_tokens, cache_write_5m_tokens, cache_write_1h_tokens,"
            + " pricing_model, cost, currency, http_status, latency_us, time_to_first_token_us, outcome, estimated";

    /** Idempotent by id: a retried or replayed event is stored once. */
    static final String INSERT = "INSERT INTO usage_event (" + COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (id) DO NOTHING";

    static final String SELECT_RANGE =
            "SELECT " + COLUMNS + " FROM usage_event WHERE time_us >= ? AND time_us < ? ORDER BY time_us, id";

    private EventRows() {}

    /** Each column's PostgreSQL type, in {@link #COLUMNS}' order (the one-statement batch sends one array each). */
    static final List<String> TYPES = List.of(
            "text", "bigint", "text", "text", "text", "text", "text", "text", "text", "bigint", "bigint", "bigint",
            "bigint", "bigint", "text", "text", "text", "integer", "bigint", "bigint", "text", "integer");

    static void bind(PreparedStatement s, UsageEvent e) throws SQLException {
        Object[] values = values(e);
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                s.setNull(i + 1, Types.BIGINT);
            } else {
                s.setObject(i + 1, values[i]);
            }
        }
    }

    /** The row's values in {@link #COLUMNS}' order: String, Long, Integer, or null. */
    static Object[] values(UsageEvent e) {
        TokenCounts t = e.tokens();
        return new Object[] {
            e.id(),
            Micros.of(e.time()),
            e.keyId(),
            e.user(),
            e.sessionArn(),
            TagsJson.write(e.tags()),
            e.modelId(),
            e.model(),
            e.operation(),
            t.input(),
            t.output(),
            t.cacheRead(),
            t.cacheWrite5m(),
            t.cacheWrite1h(),
            e.pricingModel().name(),
            // Text, not a floating-point column: the cost is stored exactly as priced.
            e.cost().toPlainString(),
            e.currency(),
            e.httpStatus(),
            Micros.of(e.latency()),
            e.timeToFirstToken().map(Micros::of).orElse(null),
            e.outcome().name(),
            e.estimated() ? 1 : 0
        };
    }

    static UsageEvent read(ResultSet r) throws SQLException {
        long ttft = r.getLong("time_to_first_token_us");
        Optional<java.time.Duration> timeToFirstToken =
                r.wasNull() ? Optional.empty() : Optional.of(Micros.duration(ttft));
        return new UsageEvent(
                r.getString("id"),
                Micros.instant(r.getLong("time_us")),
                r.getString("key_id"),
                r.getString("user_name"),
                r.getString("session_arn"),
                TagsJson.read(r.getString("tags")),
                r.getString("model_id"),
                r.getString("model"),
                r.getString("operation"),
                new TokenCounts(
                        r.getLong("input_tokens"),
                        r.getLong("output_tokens"),
                        r.getLong("cache_read_tokens"),
                        r.getLong("cache_write_5m_tokens"),
                        r.getLong("cache_write_1h_tokens")),
                PricingModel.valueOf(r.getString("pricing_model")),
                new BigDecimal(r.getString("cost")),
                r.getString("currency"),
                r.getInt("http_status"),
                Micros.duration(r.getLong("latency_us")),
                timeToFirstToken,
                Outcome.valueOf(r.getString("outcome")),
                r.getInt("estimated") != 0);
    }
}
