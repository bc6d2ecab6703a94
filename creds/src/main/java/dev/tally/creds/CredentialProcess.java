package dev.tally.creds;

import dev.tally.creds.cache.CacheKey;
import dev.tally.creds.cache.CredentialCache;
import dev.tally.creds.cache.RefreshRule;
import dev.tally.creds.cache.SessionCredentials;
import dev.tally.creds.sts.RoleAssumer;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code tally creds}: credentials for one request, from the cache while they are fresh enough, else from
 * one AssumeRole call. Processes that miss the same key at once queue on the key's lock and re-read the
 * cache when they get it, so twenty cold starts make a single STS call.
 */
public final class CredentialProcess {
    private final ProcessEnvironment env;
    private final Clock clock;

    public CredentialProcess(ProcessEnvironment env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    /**
     * The cached path alone: credentials from the cache, or empty. Loads no AWS SDK class, so it fits in the
     * few milliseconds a credential_process may add to every client start.
     */
    public Optional<SessionCredentials> cached(CredsRequest request) {
        if (request.noCache()) {
            return Optional.empty();
        }
        RefreshRule rule = RefreshRule.of(request.minRemainingSeconds());
        return CredentialCache.at(request.cacheDirectory())
                .read(CacheKey.of(request))
                .filter(c -> rule.serves(c, clock.instant()));
    }

    public SessionCredentials fetch(CredsRequest request) {
        if (request.noCache()) {
            return RoleAssumer.assume(request, env, clock.instant());
        }
        Optional<SessionCredentials> hit = cached(request);
        if (hit.isPresent()) {
            return hit.get();
        }
        CacheKey key = CacheKey.of(request);
        CredentialCache cache = CredentialCache.at(request.cacheDirectory());
        try (CredentialCache.Lock _ = cache.lock(key)) { // held until the fresh credentials are cached
            hit = cached(request);
            if (hit.isPresent()) {
                return hit.get();
            }
            SessionCredentials fresh = RoleAssumer.assume(request, env, clock.instant());
            cache.write(key, fresh);
            return fresh;
        }
    }

    /** Deletes every cached credential; returns how many there were. */
    public int clearCache() {
        return CredentialCache.at(env.cacheDirectory("creds")).clear();
    }
}
