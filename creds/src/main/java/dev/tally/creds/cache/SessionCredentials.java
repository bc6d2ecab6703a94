package dev.tally.creds.cache;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Temporary credentials from AssumeRole, with the time they were issued (to know their lifetime). Its
 * {@link #toString()} hides the secret and the token, so a stray log line cannot leak them.
 */
public record SessionCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration, Instant issued) {
    public SessionCredentials {
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(secretAccessKey, "secretAccessKey is null");
        requireNonNull(sessionToken, "sessionToken is null");
        // The contract's Expiration is whole seconds in UTC; keep exactly what is printed.
        expiration = requireNonNull(expiration, "expiration is null").truncatedTo(ChronoUnit.SECONDS);
        issued = requireNonNull(issued, "issued is null").truncatedTo(ChronoUnit.SECONDS);
        if (accessKeyId.isEmpty() || secretAccessKey.isEmpty()) {
            throw new IllegalArgumentException("credentials without a key");
        }
    }

    public Duration lifetime() {
        return Duration.between(issued, expiration);
    }

    public Duration remaining(Instant now) {
        return Duration.between(now, expiration);
    }

    /** The credential_process answer (Version 1), one line: {@code {"Version":1,...,"Expiration":"...Z"}}. */
    public String toProcessJson() {
        return FlatJson.write(processFields());
    }

    String toCacheJson(String key) {
        Map<String, Object> fields = processFields();
        fields.put("Issued", issued.toString());
        fields.put("TallyCacheKey", key);
        return FlatJson.write(fields);
    }

    /** The credentials in a cache file written for {@code key}; empty when the text is corrupt or for another key. */
    static Optional<SessionCredentials> fromCacheJson(String text, String key) {
        Optional<Map<String, String>> parsed = FlatJson.read(text);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> f = parsed.get();
        if (!"1".equals(f.get("Version")) || !key.equals(f.get("TallyCacheKey"))) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SessionCredentials(f.get("AccessKeyId"), f.get("SecretAccessKey"), f.get("SessionToken"),
                    Instant.parse(f.get("Expiration")), Instant.parse(f.get("Issued"))));
        } catch (RuntimeException e) {
            // missing members, unparsable times: a file that is not ours, ignored and replaced
            return Optional.empty();
        }
    }

    private Map<String, Object> processFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Version", 1);
        fields.put("AccessKeyId", accessKeyId);
        fields.put("SecretAccessKey", secretAccessKey);
        fields.put("SessionToken", sessionToken);
        fields.put("Expiration", expiration.toString());
        return fields;
    }

    @Override
    public String toString() {
        return "SessionCredentials[accessKeyId=" + accessKeyId + ", expiration=" + expiration + ", secret and token hidden]";
    }
}
