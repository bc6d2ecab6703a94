package dev.tally.gateway.server;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.tally.core.sts.SessionIdentity;
import dev.tally.gateway.BedrockFault;
import dev.tally.gateway.oidc.ClaimIdentities;
import dev.tally.gateway.oidc.TokenVerifier;
import dev.tally.gateway.session.Identity;
import dev.tally.gateway.session.SessionIdentities;
import dev.tally.ledger.ApiKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code Authorization: Bearer ...} to a {@link Caller}: a gateway key ({@code tly_...}, no dots) through
 * {@link KeyAuthenticator}, or, when OIDC is configured, a JWT (three dot-separated parts) through the
 * {@link TokenVerifier}. A verified token is remembered by its SHA-256 for a minute (one signature check per token
 * and minute instead of per request), and its expiry is checked again on every use.
 */
public final class CallerAuthenticator {
    private static final String SCHEME = "bearer ";
    private static final int MAX_SUBJECT = 64;

    private record Verified(Caller caller, Instant expires) {}

    private final KeyAuthenticator keys;
    private final SessionIdentities keyIdentities;
    private final Optional<TokenVerifier> tokens;
    private final Optional<ClaimIdentities> claimIdentities;
    private final Duration clockSkew;
    private final Cache<String, Verified> verified = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(1))
            .maximumSize(100_000)
            .build();

    public CallerAuthenticator(KeyAuthenticator keys, SessionIdentities keyIdentities) {
        this.keys = requireNonNull(keys, "keys is null");
        this.keyIdentities = requireNonNull(keyIdentities, "keyIdentities is null");
        this.tokens = Optional.empty();
        this.claimIdentities = Optional.empty();
        this.clockSkew = Duration.ZERO;
    }

    public CallerAuthenticator(
            KeyAuthenticator keys,
            SessionIdentities keyIdentities,
            TokenVerifier tokens,
            ClaimIdentities claimIdentities,
            Duration clockSkew) {
        this.keys = requireNonNull(keys, "keys is null");
        this.keyIdentities = requireNonNull(keyIdentities, "keyIdentities is null");
        this.tokens = Optional.of(tokens);
        this.claimIdentities = Optional.of(claimIdentities);
        this.clockSkew = requireNonNull(clockSkew, "clockSkew is null");
    }

    public Caller authenticate(String authorization) {
        if (tokens.isPresent()
                && authorization != null
                && authorization.length() > SCHEME.length()
                && authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                && authorization.indexOf('.', SCHEME.length()) > 0) {
            return fromToken(authorization.substring(SCHEME.length()).strip());
        }
        ApiKey key = keys.authenticate(authorization);
        return new Caller(key, keyIdentities.identityFor(key));
    }

    /** After a write through this replica's admin API: see {@link KeyAuthenticator#forget}. */
    public void forgetKeys() {
        keys.forget();
    }

    private Caller fromToken(String token) {
        String digest = digest(token);
        Verified known = verified.getIfPresent(digest);
        Instant now = Instant.now();
        if (known == null) {
            try {
                JWTClaimsSet claims = tokens.orElseThrow().verify(token);
                Identity identity = claimIdentities.orElseThrow().identityFor(claims);
                String subject = claims.getSubject() == null ? identity.user() : claims.getSubject();
                Instant expires = claims.getExpirationTime().toInstant();
                Map<String, String> tags = new LinkedHashMap<>(identity.tagMap());
                tags.remove(SessionIdentity.USER_TAG);
                ApiKey asKey = new ApiKey(
                        "oidc:" + (subject.length() > MAX_SUBJECT ? subject.substring(0, MAX_SUBJECT) : subject),
                        identity.user(),
                        tags,
                        claims.getIssueTime() == null
                                ? now
                                : claims.getIssueTime().toInstant(),
                        Optional.of(expires),
                        Optional.empty(),
                        Optional.empty());
                known = new Verified(new Caller(asKey, identity), expires);
            } catch (TokenVerifier.Rejected e) {
                throw BedrockFault.tokenDenied(e.getMessage());
            }
            verified.put(digest, known);
        }
        if (!now.isBefore(known.expires().plus(clockSkew))) {
            verified.invalidate(digest);
            throw BedrockFault.tokenDenied("Expired JWT");
        }
        return known.caller();
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
