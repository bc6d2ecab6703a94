package dev.tally.ledger;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalLong;

/**
 * Rate limits and model access for a key, user or team.
 *
 * @param id {@code lim_...}, assigned by the store
 * @param requestsPerMinute at most this many requests a minute across all replicas, if set
 * @param tokensPerMinute at most this many tokens (input and output, as reserved) a minute, if set
 * @param models the models the scope may call (ids, inference profiles, {@code *} wildcards); empty means any
 */
public record UsageLimit(
        String id, Scope scope, OptionalLong requestsPerMinute, OptionalLong tokensPerMinute, List<String> models) {
    public UsageLimit {
        requireNonNull(id, "id is null");
        requireNonNull(scope, "scope is null");
        requireNonNull(requestsPerMinute, "requestsPerMinute is null");
        requireNonNull(tokensPerMinute, "tokensPerMinute is null");
        models = List.copyOf(requireNonNull(models, "models is null"));
        if (requestsPerMinute.orElse(1) < 1 || tokensPerMinute.orElse(1) < 1) {
            throw new IllegalArgumentException("limits per minute must be at least 1");
        }
    }

    /**
     * The counter of the requests admitted in one slot of the sliding window; {@code slot} is the slot's start in
     * epoch seconds.
     */
    public String requestCounter(long slot) {
        return "rpm/" + id + "/" + slot;
    }

    /** As {@link #requestCounter}, for tokens. */
    public String tokenCounter(long slot) {
        return "tpm/" + id + "/" + slot;
    }
}
