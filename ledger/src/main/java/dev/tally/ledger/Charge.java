package dev.tally.ledger;

import static java.util.Objects.requireNonNull;

/**
 * What a usage event spent against one counter, written in the same transaction as the event: a budget's spend
 * is exactly the spend of its committed events, whatever happens to the process afterwards. The amount also
 * leaves {@code holder}'s lease on the counter (the lease held it until then).
 *
 * @param amount in the counter's unit (billionths of the currency for budgets)
 */
public record Charge(String counter, String holder, long amount) {
    public Charge {
        requireNonNull(counter, "counter is null");
        requireNonNull(holder, "holder is null");
        if (amount < 0) {
            throw new IllegalArgumentException("charge is negative: " + amount);
        }
    }
}
