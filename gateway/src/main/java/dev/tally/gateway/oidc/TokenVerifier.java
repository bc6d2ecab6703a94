package dev.tally.gateway.oidc;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.tally.core.error.OneLine;
import dev.tally.gateway.config.Oidc;
import java.text.ParseException;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks an OIDC token: signed with RS256 or ES256 by a key of the provider's JWKS (so {@code alg: none} and HMAC
 * tokens are refused), the exact issuer, one of the audiences, within {@code nbf}/{@code exp} (with the clock
 * skew), and carrying the user claim. Nimbus does the cryptography and the claim checks; this class only configures
 * it and turns its exceptions into one {@link Rejected} whose message is for the log, never the response.
 */
public final class TokenVerifier {
    /** A refused token, with why (for the log: it names claims, never the token). */
    public static final class Rejected extends Exception {
        Rejected(String reason) {
            super(reason, null, false, false);
        }

        /** Never null: the one constructor requires a reason. */
        @Override
        public String getMessage() {
            return requireNonNull(super.getMessage());
        }
    }

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    public TokenVerifier(Oidc oidc, JWKSource<SecurityContext> keys) {
        processor.setJWSKeySelector(
                new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), keys));
        // ID tokens carry typ JWT or none; OAuth access tokens (RFC 9068) at+jwt.
        processor.setJWSTypeVerifier(
                new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        Set<String> required = new HashSet<>(Set.of("exp", oidc.userClaim()));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                Set.copyOf(oidc.audiences()),
                new JWTClaimsSet.Builder().issuer(oidc.issuer()).build(),
                required,
                null);
        claims.setMaxClockSkew((int) oidc.clockSkew().toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** The token's claims if it passes every check. */
    public JWTClaimsSet verify(String token) throws Rejected {
        try {
            return processor.process(token, null);
        } catch (ParseException e) {
            throw new Rejected("not a JWT: " + e.getMessage());
        } catch (BadJOSEException | JOSEException e) {
            throw new Rejected(OneLine.of(e.getMessage()));
        }
    }
}
