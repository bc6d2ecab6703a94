package dev.tally.creds.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * When cached credentials are still worth serving. SDKs re-run a credential_process shortly before
 * Expiration (the AWS CLI 15 minutes before, forcing at 10; the JS SDK 5 minutes before): serving
 * credentials with less left than that would make them call it again on every request. So credentials are
 * served while more than 20 minutes remain, or, for sessions shorter than 40 minutes, more than half their
 * lifetime; a configured minimum replaces both.
 */
public record RefreshRule(OptionalLong minRemainingSeconds) {
    static final Duration DEFAULT_MIN_REMAINING = Duration.ofMinutes(20);

    public static RefreshRule of(OptionalLong minRemainingSeconds) {
        return new RefreshRule(minRemainingSeconds);
    }

    public boolean serves(SessionCredentials credentials, Instant now) {
        return credentials.remaining(now).compareTo(minRemaining(credentials)) > 0;
    }

    Duration minRemaining(SessionCredentials credentials) {
        if (minRemainingSeconds.isPresent()) {
            return Duration.ofSeconds(minRemainingSeconds.getAsLong());
        }
        Duration half = credentials.lifetime().dividedBy(2);
        return half.compareTo(DEFAULT_MIN_REMAINING) < 0 ? half : DEFAULT_MIN_REMAINING;
    }
}
