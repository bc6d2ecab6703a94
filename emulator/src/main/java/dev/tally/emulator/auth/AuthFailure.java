package dev.tally.emulator.auth;

/**
 * A request that failed authentication. The reason is service-neutral; STS and Bedrock each render it with
 * their own error code (STS {@code InvalidClientTokenId}, Bedrock {@code UnrecognizedClientException}, ...).
 * Messages never quote a secret, a session token or a signature.
 */
public final class AuthFailure extends RuntimeException {
    public enum Reason {
        /** No Authorization header, or one in an unknown scheme. */
        MISSING,
        /** The Authorization header is not a well-formed SigV4 header. */
        MALFORMED,
        /** The access key id (or API key) is not one the emulator issued or was given. */
        UNKNOWN_KEY,
        /** A temporary key without its session token, or with another one. */
        INVALID_TOKEN,
        /** Temporary credentials past their expiration. */
        EXPIRED,
        /** The signature does not match the one computed from the secret. */
        BAD_SIGNATURE,
        /** The request time is more than 15 minutes away from now. */
        SKEWED
    }

    private final Reason reason;

    public AuthFailure(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
