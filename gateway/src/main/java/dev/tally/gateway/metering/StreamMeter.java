package dev.tally.gateway.metering;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.gateway.Json;
import java.io.IOException;
import java.util.Base64;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/**
 * Meters an event stream as its frames pass, decoded by the AWS event-stream codec. InvokeModelWithResponseStream
 * frames are {@code chunk} events holding a base64 model event (Anthropic's {@code message_start} with input and
 * cache tokens, {@code message_delta} with the output count, and a last event with
 * {@code amazon-bedrock-invocationMetrics}); ConverseStream ends with a {@code metadata} event holding its usage.
 * Exception frames end a stream early.
 */
public final class StreamMeter {

    private final TokenTally tally = new TokenTally();
    private boolean finalUsage;
    private Optional<String> exception = Optional.empty();

    /**
     * Reads one frame. True when it is a closing frame (the final usage, or an exception): the gateway holds those
     * back until the usage event is committed, so a client never sees the end of a stream that is not in the ledger.
     */
    public boolean accept(Message frame) {
        String messageType = header(frame, ":message-type");
        if ("exception".equals(messageType) || "error".equals(messageType)) {
            exception = Optional.of(Optional.ofNullable(header(frame, ":exception-type"))
                    .orElse(Optional.ofNullable(header(frame, ":error-code")).orElse("exception")));
            return true;
        }
        String eventType = header(frame, ":event-type");
        if (eventType == null) {
            return false;
        }
        JsonNode payload = json(frame.getPayload());
        if (payload == null) {
            return false;
        }
        return switch (eventType) {
            case "chunk" -> {
                JsonNode event = decodeChunk(payload);
                yield event != null && modelEvent(event);
            }
            case "metadata" -> {
                tally.converse(payload.path("usage"));
                tally.servedTier(ServiceTier.ofTier(
                        payload.path("serviceTier").path("type").asText(null)));
                finalUsage = true;
                yield true;
            }
            default -> false;
        };
    }

    private boolean modelEvent(JsonNode event) {
        String type = event.path("type").asText("");
        if (type.equals("message_start")) {
            tally.anthropic(event.path("message").path("usage"));
        } else if (type.equals("message_delta")) {
            tally.anthropic(event.path("usage"));
        } else if (event.has("metadata")) {
            tally.converse(event.path("metadata").path("usage"));
        }
        JsonNode metrics = event.get("amazon-bedrock-invocationMetrics");
        if (metrics != null) {
            tally.invocationMetrics(metrics);
            finalUsage = true;
            return true;
        }
        return false;
    }

    public TokenTally tally() {
        return tally;
    }

    /** Whether the stream reported its final usage (so its counts are exact). */
    public boolean finalUsage() {
        return finalUsage;
    }

    /** The exception type of an exception frame, if the stream ended with one. */
    public Optional<String> exception() {
        return exception;
    }

    private static @Nullable String header(Message frame, String name) {
        HeaderValue v = frame.getHeaders().get(name);
        return v == null ? null : v.getString();
    }

    private static @Nullable JsonNode decodeChunk(JsonNode payload) {
        JsonNode bytes = payload.get("bytes");
        if (bytes == null || !bytes.isTextual()) {
            return null;
        }
        try {
            return json(Base64.getDecoder().decode(bytes.asText()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static @Nullable JsonNode json(byte[] bytes) {
        if (bytes.length == 0) {
            return null;
        }
        try {
            return Json.mapper().readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }
}
