package dev.tally.creds.cache;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * When cached credentials are still worth serving. SDKs re-run a credential_process shortly before
 * Expiration (the AWS CLI 15 minutes before, forcing at 10; the JS SDK 5 minutes before): serving
 * credentials with less left than that would make them call it again on every request. So credentials are
 * served while more than 20 minutes remain, or, for sessions shorter than 40 minutes, more than half their
 * lifetime; a configured minimum replaces both. (Whole seconds in plain arithmetic: {@code Duration}'s
 * division goes through BigDecimal, a cost on the cached path.)
 */
public record RefreshRule(OptionalLong minRemainingSeconds) {
    static final long DEFAULT_MIN_REMAINING_SECONDS = 20 * 60;

    public static RefreshRule of(OptionalLong minRemainingSeconds) {
        return new RefreshRule(minRemainingSeconds);
    }

    public boolean serves(SessionCredentials credentials, Instant now) {
        long remaining = credentials.expiration().getEpochSecond() - now.getEpochSecond();
        return remaining > minRemainingSeconds(credentials);
    }

    long minRemainingSeconds(SessionCredentials credentials) {
        if (minRemainingSeconds.isPresent()) {
            return minRemainingSeconds.getAsLong();
        }
        long lifetime =
                credentials.expiration().getEpochSecond() - credentials.issued().getEpochSecond();
        return Math.min(lifetime / 2, DEFAULT_MIN_REMAINING_SECONDS);
    }
}
