package dev.tally.emulator.auth;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** Temporary credentials issued by AssumeRole, and the session they sign for. */
public record SessionCredentials(
        String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration, Identity identity) {
    public SessionCredentials {
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(secretAccessKey, "secretAccessKey is null");
        requireNonNull(sessionToken, "sessionToken is null");
        requireNonNull(expiration, "expiration is null");
        requireNonNull(identity, "identity is null");
    }

    /** Never prints the secret or the token. */
    @Override
    public String toString() {
        return "SessionCredentials[accessKeyId=" + accessKeyId + ", expiration=" + expiration + ", arn="
                + identity.arn() + "]";
    }
}
