package dev.tally.emulator.bedrock;

import static java.util.Objects.requireNonNull;

import dev.tally.emulator.auth.AuthFailure;
import dev.tally.emulator.auth.CredentialStore;
import dev.tally.emulator.auth.Identity;
import dev.tally.emulator.auth.SigV4Verifier;
import dev.tally.emulator.http.HttpCall;

/**
 * Authenticates Bedrock calls: {@code Authorization: Bearer <API key>} (one map lookup, the benchmark's
 * path) or SigV4 with service name {@code bedrock}; failures become Bedrock's JSON errors.
 */
public final class BedrockAuth {
    private final CredentialStore credentials;
    private final SigV4Verifier verifier;

    public BedrockAuth(CredentialStore credentials, SigV4Verifier verifier) {
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.verifier = requireNonNull(verifier, "verifier is null");
    }

    public Identity authenticate(HttpCall call) {
        String authorization = call.header("Authorization").orElse("");
        if (authorization.startsWith("Bearer ")) {
            return credentials
                    .apiKey(authorization.substring(7).strip())
                    .orElseThrow(() -> new BedrockError(
                            403,
                            "UnrecognizedClientException",
                            "The security token included in the request is invalid."));
        }
        try {
            return verifier.verify(call, "bedrock");
        } catch (AuthFailure f) {
            throw switch (f.reason()) {
                case MISSING ->
                    new BedrockError(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
                case MALFORMED -> new BedrockError(400, "IncompleteSignatureException", f.getMessage());
                case UNKNOWN_KEY, INVALID_TOKEN ->
                    new BedrockError(
                            403,
                            "UnrecognizedClientException",
                            "The security token included in the request is invalid.");
                case EXPIRED ->
                    new BedrockError(
                            403, "ExpiredTokenException", "The security token included in the request is expired");
                case BAD_SIGNATURE, OTHER_SERVICE, SKEWED ->
                    new BedrockError(403, "InvalidSignatureException", f.getMessage());
            };
        }
    }
}
