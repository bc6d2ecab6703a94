package dev.tally.ledger;

import static java.util.Objects.requireNonNull;

/**
 * A key just created: the plain key, shown once and never stored, and what the store keeps about it.
 * {@link #toString()} leaves the key out, so a log line never holds it.
 */
public record NewKey(String key, ApiKey apiKey) {
    public NewKey {
        requireNonNull(key, "key is null");
        requireNonNull(apiKey, "apiKey is null");
    }

    @Override
    public String toString() {
        return "NewKey[key=<redacted>, apiKey=" + apiKey + "]";
    }
}
