package dev.tally.emulator.http;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A whole (non-streamed) response. */
public record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
    public static final String JSON = "application/json";
    public static final String XML = "text/xml";

    public Reply {
        requireNonNull(contentType, "contentType is null");
        requireNonNull(body, "body is null");
        headers = Map.copyOf(requireNonNull(headers, "headers is null"));
    }

    public static Reply json(int status, String body) {
        return new Reply(status, JSON, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static Reply json(int status, byte[] body, Map<String, String> headers) {
        return new Reply(status, JSON, body, headers);
    }

    public static Reply xml(int status, String body) {
        return new Reply(status, XML, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }
}
