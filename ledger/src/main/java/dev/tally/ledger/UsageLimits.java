package dev.tally.ledger;

import java.util.List;

/** Rate limits and model access per key, user or team ({@code tally limits set|list|rm}, the admin API). */
public interface UsageLimits {

    /**
     * Creates the limits of a scope, or replaces them (keeping the id).
     *
     * @throws dev.tally.core.error.TallyException USAGE when nothing is limited, a rate is below 1, or the scope
     *     is a tenant or project (limits are per key, user or team; model access per key or team)
     */
    UsageLimit set(Scope scope, PerMinute rates, List<String> models);

    List<UsageLimit> list();

    /**
     * Removes a limit; returns what it was.
     *
     * @throws dev.tally.core.error.TallyException USAGE for an unknown id
     */
    UsageLimit remove(String id);

    /** Changes whenever a limit is set or removed. */
    long revision();
}
