package dev.tally.emulator.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * An error of a service on AWS's JSON 1.1 protocol (Cost Explorer, Data Exports): the code in the body's
 * {@code __type} and in {@code x-amzn-ErrorType}, the text in {@code message}, plus any members the error
 * shape requires (ResourceNotFoundException's {@code ResourceId} and {@code ResourceType}). Every AWS SDK
 * and the AWS CLI parse that shape into the named exception.
 */
public final class AwsJsonError extends RuntimeException {
    private final int status;
    private final String type;
    private final Map<String, String> members;

    public AwsJsonError(int status, String type, String message, Map<String, String> members) {
        super(requireNonNull(message, "message is null"), null, false, false);
        this.status = status;
        this.type = requireNonNull(type, "type is null");
        this.members = Map.copyOf(members);
    }

    public AwsJsonError(int status, String type, String message) {
        this(status, type, message, Map.of());
    }

    public static AwsJsonError validation(String message) {
        return new AwsJsonError(400, "ValidationException", message);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public Reply reply() {
        ObjectNode body = AwsJson.object();
        body.put("__type", type);
        body.put("message", getMessage());
        members.forEach(body::put);
        return new Reply(status, AwsJson.CONTENT_TYPE, AwsJson.bytes(body), Map.of("x-amzn-ErrorType", type));
    }
}
