package dev.tally.ledger;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Where a budget stands in its current period.
 *
 * @param spent committed with usage events
 * @param reserved held by gateway replicas (leased) for requests in flight and those about to come
 * @param remaining {@code limit - spent - reserved}, never below zero
 */
public record BudgetStatus(
        Budget budget,
        Instant periodStart,
        Instant periodEnd,
        BigDecimal spent,
        BigDecimal reserved,
        BigDecimal remaining) {
    public BudgetStatus {
        requireNonNull(budget, "budget is null");
        requireNonNull(periodStart, "periodStart is null");
        requireNonNull(periodEnd, "periodEnd is null");
        requireNonNull(spent, "spent is null");
        requireNonNull(reserved, "reserved is null");
        requireNonNull(remaining, "remaining is null");
    }
}
