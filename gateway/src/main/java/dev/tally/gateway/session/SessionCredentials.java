package dev.tally.gateway.session;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** One assumed-role session's credentials; {@link #toString()} never shows the secret or the token. */
public record SessionCredentials(
        String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration, String sessionArn) {
    public SessionCredentials {
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(secretAccessKey, "secretAccessKey is null");
        requireNonNull(sessionToken, "sessionToken is null");
        requireNonNull(expiration, "expiration is null");
        requireNonNull(sessionArn, "sessionArn is null");
    }

    @Override
    public String toString() {
        return "SessionCredentials[" + sessionArn + ", expires " + expiration + "]";
    }
}
