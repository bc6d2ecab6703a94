package dev.tally.account.tags;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What activating one key did: nothing to report, or the error code and message AWS returned for that key
 * inside its (HTTP 200) answer.
 */
public record KeyOutcome(String key, Optional<String> errorCode, Optional<String> message) {
    public KeyOutcome {
        requireNonNull(key, "key is null");
        requireNonNull(errorCode, "errorCode is null");
        requireNonNull(message, "message is null");
    }

    public static KeyOutcome done(String key) {
        return new KeyOutcome(key, Optional.empty(), Optional.empty());
    }

    public boolean failed() {
        return errorCode.isPresent();
    }
}
