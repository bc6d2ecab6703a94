package dev.tally.creds.cache;

import static java.util.Objects.requireNonNull;

import dev.tally.core.io.JsonText;
import dev.tally.core.io.JsonWriter;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Temporary credentials from AssumeRole, with the time they were issued (to know their lifetime). Its
 * {@link #toString()} hides the secret and the token, so a stray log line cannot leak them.
 */
public record SessionCredentials(
        String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration, Instant issued) {
    public SessionCredentials {
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(secretAccessKey, "secretAccessKey is null");
        requireNonNull(sessionToken, "sessionToken is null");
        // The contract's Expiration is whole seconds in UTC; keep exactly what is printed.
        expiration = Instant.ofEpochSecond(
                requireNonNull(expiration, "expiration is null").getEpochSecond());
        issued = Instant.ofEpochSecond(requireNonNull(issued, "issued is null").getEpochSecond());
        if (accessKeyId.isEmpty() || secretAccessKey.isEmpty()) {
            throw new IllegalArgumentException("credentials without a key");
        }
    }

    /** The credential_process answer (Version 1), one line: {@code {"Version":1,...,"Expiration":"...Z"}}. */
    public String toProcessJson() {
        return processFields(JsonWriter.compact()).endObject().toString();
    }

    /** The cache file's text: the process answer plus the times as epoch seconds and the key it was written for. */
    String toCacheJson(CacheKey key) {
        return processFields(JsonWriter.compact())
                .name("ExpirationEpochSeconds")
                .value(expiration.getEpochSecond())
                .name("IssuedEpochSeconds")
                .value(issued.getEpochSecond())
                .name("TallyCacheKey")
                .value(key.text())
                .endObject()
                .toString();
    }

    /** The credentials in a cache file written for {@code key}; empty when the text is corrupt or for another key. */
    // A member missing from a file that is not ours reaches the constructor as null; its requireNonNull throws and
    // the catch below ignores the file, which is the intended reading of a corrupt cache.
    @SuppressWarnings("NullAway")
    static Optional<SessionCredentials> fromCacheJson(String text, CacheKey key) {
        Optional<Map<String, String>> parsed = JsonText.flatObject(text);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> f = parsed.get();
        if (!"1".equals(f.get("Version")) || !key.text().equals(f.get("TallyCacheKey"))) {
            return Optional.empty();
        }
        try {
            long expiration = Long.parseLong(f.get("ExpirationEpochSeconds"));
            SessionCredentials c = new SessionCredentials(
                    f.get("AccessKeyId"),
                    f.get("SecretAccessKey"),
                    f.get("SessionToken"),
                    Instant.ofEpochSecond(expiration),
                    Instant.ofEpochSecond(Long.parseLong(f.get("IssuedEpochSeconds"))));
            // The two spellings of the expiration must agree, or the file was not written by this code.
            return UtcTimestamp.format(expiration).equals(f.get("Expiration")) ? Optional.of(c) : Optional.empty();
        } catch (RuntimeException e) {
            // missing members, unparsable numbers: a file that is not ours, ignored and replaced
            return Optional.empty();
        }
    }

    /** An open object with the credential_process members; the caller adds its own and ends it. */
    private JsonWriter processFields(JsonWriter json) {
        return json.beginObject()
                .name("Version")
                .value(1)
                .name("AccessKeyId")
                .value(accessKeyId)
                .name("SecretAccessKey")
                .value(secretAccessKey)
                .name("SessionToken")
                .value(sessionToken)
                .name("Expiration")
                .value(UtcTimestamp.format(expiration.getEpochSecond()));
    }

    @Override
    public String toString() {
        return "SessionCredentials[accessKeyId=" + accessKeyId + ", expiration=" + expiration
                + ", secret and token hidden]";
    }
}
