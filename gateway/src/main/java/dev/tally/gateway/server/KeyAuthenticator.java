package dev.tally.gateway.server;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tally.gateway.BedrockFault;
import dev.tally.gateway.KeyLookup;
import dev.tally.ledger.ApiKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * {@code Authorization: Bearer <key>}, the way Bedrock clients send an API key, checked against the ledger's keys.
 * Lookups (found or not) are trusted for a short time (500 ms by default, at most a second), so a revoked key is
 * refused within a second while a busy key costs the ledger two lookups a second. The cache is keyed by the key's
 * SHA-256, so the presented secret is not kept in memory longer than the request; the ledger compares hashes, which
 * leaks nothing about the key through timing.
 */
public final class KeyAuthenticator {
    private static final String SCHEME = "bearer ";

    private final KeyLookup keys;
    private final Cache<String, Optional<ApiKey>> recent;

    public KeyAuthenticator(KeyLookup keys, Duration ttl) {
        this.keys = requireNonNull(keys, "keys is null");
        this.recent =
                Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(100_000).build();
    }

    /** The key a request presents, if it is known, unexpired and unrevoked; else the 403 Bedrock answers. */
    public ApiKey authenticate(String authorization) {
        if (authorization == null
                || authorization.length() <= SCHEME.length()
                || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw BedrockFault.accessDenied();
        }
        String presented = authorization.substring(SCHEME.length()).strip();
        Optional<ApiKey> key = recent.get(digest(presented), d -> keys.find(presented));
        Instant now = Instant.now();
        if (key.isEmpty() || !key.get().usableAt(now)) {
            throw BedrockFault.accessDenied();
        }
        keys.used(key.get().id(), now);
        return key.get();
    }

    /**
     * Keys may have changed through this replica's admin API (a revocation): forget every answer remembered, so a
     * revoked key is refused from the next request, not after the cache's TTL.
     */
    public void forget() {
        recent.invalidateAll();
    }

    private static String digest(String presented) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(presented.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
