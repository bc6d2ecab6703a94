package dev.tally.gateway.config;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.TallyException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Company identities: which OIDC tokens the gateway accepts beside its keys, and how their claims become a user,
 * a session name and session tags.
 *
 * @param issuer the exact {@code iss} a token must carry
 * @param audiences a token's {@code aud} must contain one of them
 * @param jwks where the signing keys are: an http(s) URL or a file (re-read like a URL is refetched)
 * @param refresh how long fetched keys are trusted before they are fetched again
 * @param minRefetch a token signed by an unknown {@code kid} refetches the keys (a rotation), at most once per this
 *     interval, so a stream of forged kids cannot turn the gateway into a load generator against the provider
 * @param clockSkew tolerance on {@code exp} and {@code nbf}
 * @param userClaim the claim naming the user (session tag {@code User}); {@code sub} by default
 * @param sessionNameClaim the claim put into the session-name template's {@code {user}}; the user claim by default
 * @param tagClaims session tag to claim ({@code Team: groups}); an array claim gives its first value
 * @param awsTags whether AWS's {@code https://aws.amazon.com/tags} claim ({@code principal_tags},
 *     {@code transitive_tag_keys}) is read; tags from {@code tagClaims} win over it
 */
public record Oidc(
        String issuer,
        List<String> audiences,
        String jwks,
        Duration refresh,
        Duration minRefetch,
        Duration clockSkew,
        String userClaim,
        String sessionNameClaim,
        Map<String, String> tagClaims,
        boolean awsTags) {
    public static final Duration DEFAULT_REFRESH = Duration.ofMinutes(10);
    public static final Duration DEFAULT_MIN_REFETCH = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
    public static final String AWS_TAGS_CLAIM = "https://aws.amazon.com/tags";

    public Oidc {
        requireNonNull(issuer, "issuer is null");
        audiences = List.copyOf(requireNonNull(audiences, "audiences is null"));
        requireNonNull(jwks, "jwks is null");
        requireNonNull(refresh, "refresh is null");
        requireNonNull(minRefetch, "minRefetch is null");
        requireNonNull(clockSkew, "clockSkew is null");
        requireNonNull(userClaim, "userClaim is null");
        requireNonNull(sessionNameClaim, "sessionNameClaim is null");
        tagClaims = Map.copyOf(requireNonNull(tagClaims, "tagClaims is null"));
        if (issuer.isBlank()) {
            throw TallyException.usage("oidc.issuer: required (the exact iss of the provider's tokens)");
        }
        if (audiences.isEmpty()) {
            throw TallyException.usage("oidc.audience: required (the client id the provider puts in aud)");
        }
        if (jwks.isBlank()) {
            throw TallyException.usage("oidc.jwks: required (the provider's JWKS URL, or a file holding it)");
        }
        if (refresh.isNegative() || refresh.isZero() || minRefetch.isNegative() || clockSkew.isNegative()) {
            throw TallyException.usage("oidc: jwks-refresh must be positive, min-refetch and clock-skew not negative");
        }
    }

    /** The JWKS location as a URL: http(s) as given, anything else a file. */
    public URI jwksUri() {
        if (jwks.startsWith("http://") || jwks.startsWith("https://")) {
            try {
                return URI.create(jwks);
            } catch (IllegalArgumentException e) {
                throw TallyException.usage("oidc.jwks: not a URL: '" + jwks + "'");
            }
        }
        return Path.of(jwks).toAbsolutePath().toUri();
    }
}
