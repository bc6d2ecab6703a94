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
        /** Signed for another service than the one that received it (AWS: a signature error). */
        OTHER_SERVICE,
        /** The request time is more than 15 minutes away from now. */
        SKEWED
    }

    private final Reason reason;
    private final String signedFor;

    public AuthFailure(Reason reason, String message) {
        this(reason, message, "");
    }

    private AuthFailure(Reason reason, String message, String signedFor) {
        super(message, null, false, false);
        this.reason = reason;
        this.signedFor = signedFor;
    }

    /** A request signed for {@code signedFor} that reached {@code service}, in AWS's words. */
    public static AuthFailure otherService(String service, String signedFor) {
        return new AuthFailure(
                Reason.OTHER_SERVICE, "Credential should be scoped to correct service: '" + service + "'.", signedFor);
    }

    public Reason reason() {
        return reason;
    }

    /** For {@link Reason#OTHER_SERVICE}: the service the request was signed for; else empty. */
    public String signedFor() {
        return signedFor;
    }

    /** Never null: every constructor takes a message. */
    @Override
    public String getMessage() {
        return java.util.Objects.requireNonNullElse(super.getMessage(), "");
    }
}
