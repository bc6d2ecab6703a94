package dev.tally.emulator.bedrock;

import dev.tally.emulator.http.Reply;

/**
 * A Bedrock error outside a stream: JSON {@code {"message":...}} with the code in {@code x-amzn-ErrorType},
 * the shape every AWS SDK parses (aws-facts.md section 8).
 */
public final class BedrockError extends RuntimeException {
    private final int status;
    private final String type;

    public BedrockError(int status, String type, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
    }

    public static BedrockError validation(String message) {
        return new BedrockError(400, "ValidationException", message);
    }

    public static BedrockError notFound(String message) {
        return new BedrockError(404, "ResourceNotFoundException", message);
    }

    public static BedrockError throttled() {
        return new BedrockError(429, "ThrottlingException", "Too many requests, please wait before trying again.");
    }

    public static BedrockError unavailable() {
        return new BedrockError(503, "ServiceUnavailableException", "Bedrock is unable to process your request.");
    }

    public static BedrockError internal() {
        return new BedrockError(
                500,
                "InternalServerException",
                "The server encountered an internal error while processing the request.");
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public Reply reply() {
        return Reply.restJsonError(status, type, getMessage());
    }

    /** Never null: every constructor takes a message. */
    @Override
    public String getMessage() {
        return java.util.Objects.requireNonNullElse(super.getMessage(), "");
    }
}
