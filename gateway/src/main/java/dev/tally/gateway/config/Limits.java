package dev.tally.gateway.config;

import dev.tally.core.error.TallyException;
import java.time.Duration;

/**
 * The gateway's bounds.
 *
 * @param maxBodyBytes a request body above this is refused with 413 before any upstream call
 * @param drainTimeout how long SIGTERM waits for in-flight requests (streams included) before stopping
 * @param stsPerSecond the global AssumeRole rate; AWS's default account quota is quoted as 500 per second
 * @param stsMaxWait how long a request may wait for a slot under that rate before it is answered 503
 * @param stsAttempts AssumeRole attempts when STS throttles (backoff with full jitter between them)
 * @param cachedIdentities the session cache's bound (least recently used out first)
 * @param sessionDuration the DurationSeconds asked of AssumeRole (900 s to the role's maximum)
 * @param keyCacheTtl how long a key lookup is trusted; a revoked key is refused at most this much later
 * @param requestThreads how many requests (streams included) are handled at once, each on a thread of its own;
 *     more wait in line for a thread
 */
public record Limits(
        long maxBodyBytes,
        Duration drainTimeout,
        int stsPerSecond,
        Duration stsMaxWait,
        int stsAttempts,
        long cachedIdentities,
        Duration sessionDuration,
        Duration keyCacheTtl,
        int requestThreads) {
    public static final Limits DEFAULTS = new Limits(
            20L * 1024 * 1024,
            Duration.ofSeconds(30),
            500,
            Duration.ofSeconds(2),
            5,
            100_000,
            Duration.ofHours(1),
            Duration.ofMillis(500),
            1_024);

    public Limits {
        positive("limits.max-body", maxBodyBytes);
        positive("limits.sts-per-second", stsPerSecond);
        positive("limits.sts-attempts", stsAttempts);
        positive("limits.cached-identities", cachedIdentities);
        if (requestThreads < 8) {
            throw TallyException.usage("limits.request-threads: expected at least 8, got " + requestThreads);
        }
        if (drainTimeout.isNegative() || stsMaxWait.isNegative() || keyCacheTtl.isNegative()) {
            throw TallyException.usage("limits: durations must not be negative");
        }
        if (keyCacheTtl.compareTo(Duration.ofSeconds(1)) > 0) {
            throw TallyException.usage(
                    "limits.key-cache: at most 1s (a revoked key must be refused within a second), got " + keyCacheTtl);
        }
        long seconds = sessionDuration.toSeconds();
        if (seconds < 900 || seconds > 43_200) {
            throw TallyException.usage(
                    "limits.session-duration: expected 900s to 12h (AssumeRole's DurationSeconds), got "
                            + sessionDuration);
        }
    }

    private static void positive(String key, long value) {
        if (value <= 0) {
            throw TallyException.usage(key + ": expected a positive number, got " + value);
        }
    }
}
