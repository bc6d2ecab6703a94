package dev.tally.emulator.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A whole (non-streamed) response. */
public record Reply(
        int status,
        String contentType,
        // The body as it goes on the wire, written once and never compared: a byte array, not a copy per read.
        @SuppressWarnings("ArrayRecordComponent") byte[] body,
        Map<String, String> headers) {
    public static final String JSON = "application/json";
    public static final String XML = "text/xml";

    public Reply {
        requireNonNull(contentType, "contentType is null");
        requireNonNull(body, "body is null");
        headers = Map.copyOf(requireNonNull(headers, "headers is null"));
    }

    public static Reply json(int status, JsonNode body) {
        return new Reply(status, JSON, AwsJson.bytes(body), Map.of());
    }

    public static Reply json(int status, byte[] body, Map<String, String> headers) {
        return new Reply(status, JSON, body, headers);
    }

    /**
     * An error of a REST-JSON service (Bedrock runtime and control plane, the SSO portal): the code in
     * {@code x-amzn-ErrorType}, the text in the body's {@code message}.
     */
    public static Reply restJsonError(int status, String type, String message) {
        return json(status, AwsJson.bytes(AwsJson.object().put("message", message)), Map.of("x-amzn-ErrorType", type));
    }

    public static Reply xml(int status, String body) {
        return new Reply(status, XML, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }
}
