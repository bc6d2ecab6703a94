package dev.tally.ledger;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * A spending limit on a scope for a period. A hard budget refuses what it cannot cover; a soft one only alerts.
 *
 * @param id {@code bud_...}, assigned by the store
 * @param limit in the price catalog's currency
 * @param thresholds percentages of the limit that alert once per period when spend passes them
 * @param webhook where alerts are POSTed as JSON (they are logged either way)
 */
public record Budget(
        String id,
        Scope scope,
        BigDecimal limit,
        BudgetPeriod period,
        boolean soft,
        List<BigDecimal> thresholds,
        Optional<URI> webhook) {

    public Budget {
        requireNonNull(id, "id is null");
        requireNonNull(scope, "scope is null");
        requireNonNull(limit, "limit is null");
        requireNonNull(period, "period is null");
        thresholds = List.copyOf(requireNonNull(thresholds, "thresholds is null"));
        requireNonNull(webhook, "webhook is null");
        if (limit.signum() < 0) {
            throw new IllegalArgumentException("budget limit is negative: " + limit);
        }
    }

    /** The limit in billionths of the currency unit, the unit the store counts in. */
    public long limitNanos() {
        return Money.nanos(limit);
    }

    /** The budget's counter for the period that starts at {@code periodStart}. */
    public String counter(java.time.Instant periodStart) {
        return "budget/" + id + "/" + periodStart.getEpochSecond();
    }
}
