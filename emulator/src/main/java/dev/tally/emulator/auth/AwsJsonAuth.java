package dev.tally.emulator.auth;

import static java.util.Objects.requireNonNull;

import dev.tally.emulator.http.AwsJsonError;
import dev.tally.emulator.http.HttpCall;

/**
 * SigV4 for services on AWS's JSON 1.1 protocol (Cost Explorer signs as {@code ce}, Data Exports as
 * {@code bcm-data-exports}); failures become those services' JSON errors, with the codes JSON-protocol
 * services use (Bedrock's are the same).
 */
public final class AwsJsonAuth {
    private final SigV4Verifier verifier;

    public AwsJsonAuth(SigV4Verifier verifier) {
        this.verifier = requireNonNull(verifier, "verifier is null");
    }

    public Identity authenticate(HttpCall call, String signingName) {
        if (call.header("Authorization").orElse("").startsWith("Bearer ")) {
            throw new AwsJsonError(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
        }
        try {
            return verifier.verify(call, signingName);
        } catch (AuthFailure f) {
            throw switch (f.reason()) {
                case MISSING ->
                    new AwsJsonError(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
                case MALFORMED -> new AwsJsonError(400, "IncompleteSignatureException", f.getMessage());
                case UNKNOWN_KEY, INVALID_TOKEN ->
                    new AwsJsonError(
                            403,
                            "UnrecognizedClientException",
                            "The security token included in the request is invalid.");
                case EXPIRED ->
                    new AwsJsonError(
                            403, "ExpiredTokenException", "The security token included in the request is expired");
                case BAD_SIGNATURE, OTHER_SERVICE, SKEWED ->
                    new AwsJsonError(403, "InvalidSignatureException", f.getMessage());
            };
        }
    }
}
