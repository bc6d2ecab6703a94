package dev.tally.gateway;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * An answer the gateway gives itself, in Bedrock's error shape (JSON {@code {"message":...}} with the code in
 * {@code x-amzn-ErrorType}), so that every Bedrock client parses it and retries exactly what it would retry from
 * AWS (throttling and 503, not 400 or 403). The gateway's one error type; the server writes it in one place.
 */
public final class BedrockFault extends RuntimeException {
    private final int status;
    private final String type;
    private final @Nullable String reason;
    private final long retryAfterSeconds;

    public BedrockFault(int status, String type, String message) {
        this(status, type, message, null, 0);
    }

    private BedrockFault(int status, String type, String message, @Nullable String reason, long retryAfterSeconds) {
        super(requireNonNull(message, "message is null"), null, false, false);
        this.status = status;
        this.type = requireNonNull(type, "type is null");
        this.reason = reason;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Bedrock's throttling answer (429, which SDKs retry with backoff) with a Retry-After hint. */
    public static BedrockFault throttled(String message, long retryAfterSeconds) {
        return new BedrockFault(429, "ThrottlingException", message, null, retryAfterSeconds);
    }

    /** Seconds a client should wait before trying again; 0 when the answer carries no hint. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static BedrockFault validation(String message) {
        return new BedrockFault(400, "ValidationException", message);
    }

    /** Bedrock's shape for a path it does not serve, with the status a REST service gives it. */
    public static BedrockFault unknownPath(String method, String path) {
        return new BedrockFault(404, "ValidationException", "The gateway does not serve " + method + " " + path + ".");
    }

    public static BedrockFault tooLarge(long limit) {
        return new BedrockFault(
                413,
                "ValidationException",
                "The request body is larger than the gateway's limit of " + limit + " bytes.");
    }

    public static BedrockFault accessDenied() {
        return new BedrockFault(
                403,
                "AccessDeniedException",
                "The gateway key is missing, unknown, expired or revoked. Send it as 'Authorization: Bearer <key>'.");
    }

    /**
     * A refused identity token: the same answer whatever the cause (a caller learns nothing about what the gateway
     * checks), with {@code reason} kept for the access log only.
     */
    public static BedrockFault tokenDenied(String reason) {
        return new BedrockFault(
                403,
                "AccessDeniedException",
                "The identity token is not accepted. Send a current token from the company's identity provider "
                        + "as 'Authorization: Bearer <token>'.",
                requireNonNull(reason, "reason is null"),
                0);
    }

    public static BedrockFault unavailable(String message) {
        return new BedrockFault(503, "ServiceUnavailableException", message);
    }

    public static BedrockFault internal(String message) {
        return new BedrockFault(500, "InternalServerException", message);
    }

    /** Why, for the log only (never written in the answer); empty when the message says it all. */
    public java.util.Optional<String> reason() {
        return java.util.Optional.ofNullable(reason);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }
}
