package dev.tally.creds.cache;

import static java.util.Objects.requireNonNull;

import dev.tally.core.sts.SessionTag;
import dev.tally.creds.CredsRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What makes two requests interchangeable: role, source credentials, region, endpoint, duration, session
 * prefix and the full tag set as sent. Its {@link #id()} (SHA-256 of those) names the cache file, so the
 * file name reveals nothing about the role or tags.
 */
public record CacheKey(String id) {
    public CacheKey {
        requireNonNull(id, "id is null");
        if (!id.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a cache key: " + id);
        }
    }

    public static CacheKey of(CredsRequest request) {
        StringBuilder text = new StringBuilder();
        field(text, "tally-creds-cache-v1");
        field(text, request.roleArn());
        field(text, request.source().cacheIdentity());
        field(text, request.region());
        field(text, request.endpoint().map(Object::toString).orElse(""));
        field(text, Integer.toString(request.durationSeconds()));
        field(text, request.sessionPrefix());
        for (SessionTag tag : request.tags().tags()) {
            field(text, tag.key());
            field(text, tag.value());
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return new CacheKey(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Length-prefixed, so no two different field lists give the same text. */
    private static void field(StringBuilder text, String value) {
        text.append(value.length()).append(':').append(value).append('\n');
    }
}
