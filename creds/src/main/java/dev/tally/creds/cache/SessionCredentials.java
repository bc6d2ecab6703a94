package dev.tally.creds.cache;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.LinkedHashMap;
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
        return FlatJson.write(processFields());
    }

    /** The cache file's text: the process answer plus the times as epoch seconds and the key it was written for. */
    String toCacheJson(CacheKey key) {
        Map<String, Object> fields = processFields();
        fields.put("ExpirationEpochSeconds", expiration.getEpochSecond());
        fields.put("IssuedEpochSeconds", issued.getEpochSecond());
        fields.put("TallyCacheKey", key.text());
        return FlatJson.write(fields);
    }

    /** The credentials in a cache file written for {@code key}; empty when the text is corrupt or for another key. */
    static Optional<SessionCredentials> fromCacheJson(String text, CacheKey key) {
        Optional<Map<String, String>> parsed = FlatJson.read(text);
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

    private Map<String, Object> processFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Version", 1);
        fields.put("AccessKeyId", accessKeyId);
        fields.put("SecretAccessKey", secretAccessKey);
        fields.put("SessionToken", sessionToken);
        fields.put("Expiration", UtcTimestamp.format(expiration.getEpochSecond()));
        return fields;
    }

    @Override
    public String toString() {
        return "SessionCredentials[accessKeyId=" + accessKeyId + ", expiration=" + expiration
                + ", secret and token hidden]";
    }
}
