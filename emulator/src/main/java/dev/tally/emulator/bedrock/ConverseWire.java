package dev.tally.emulator.bedrock;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.emulator.billing.TokenUsage;
import java.util.ArrayList;
import java.util.List;

/**
 * The Converse response and ConverseStream events, and Nova's InvokeModel shapes, which follow Converse
 * with Nova's own usage field names.
 */
final class ConverseWire {
    private ConverseWire() {}

    static byte[] converse(Completion c, long latencyMillis) {
        ObjectNode root = Json.object();
        root.putObject("output")
                .putObject("message")
                .put("role", "assistant")
                .putArray("content")
                .addObject()
                .put("text", c.text());
        root.put("stopReason", c.stopReason().wire());
        root.set("usage", usage(c.usage()));
        root.putObject("metrics").put("latencyMs", latencyMillis);
        return Json.bytes(root);
    }

    static ObjectNode usage(TokenUsage u) {
        return Json.object()
                .put("inputTokens", u.input())
                .put("outputTokens", u.output())
                .put("totalTokens", u.input() + u.output() + u.cacheRead() + u.cacheWrite())
                .put("cacheReadInputTokens", u.cacheRead())
                .put("cacheWriteInputTokens", u.cacheWrite());
    }

    /** ConverseStream: messageStart, contentBlockDelta..., contentBlockStop, messageStop, metadata. */
    static StreamPlan converseStream(Completion c, long latencyMillis) {
        List<byte[]> deltas = new ArrayList<>();
        List<Long> tokens = new ArrayList<>();
        for (String piece : c.deltas()) {
            ObjectNode delta = Json.object().put("contentBlockIndex", 0);
            delta.putObject("delta").put("text", piece);
            deltas.add(EventStreamFrame.event("contentBlockDelta", Json.bytes(delta)));
            tokens.add(TokenCounter.tokens(piece));
        }
        ObjectNode metadata = Json.object();
        metadata.set("usage", usage(c.usage()));
        metadata.putObject("metrics").put("latencyMs", latencyMillis);
        return new StreamPlan(
                List.of(EventStreamFrame.event(
                        "messageStart", Json.bytes(Json.object().put("role", "assistant")))),
                deltas,
                tokens,
                List.of(
                        EventStreamFrame.event(
                                "contentBlockStop", Json.bytes(Json.object().put("contentBlockIndex", 0))),
                        EventStreamFrame.event(
                                "messageStop",
                                Json.bytes(Json.object()
                                        .put("stopReason", c.stopReason().wire()))),
                        EventStreamFrame.event("metadata", Json.bytes(metadata))));
    }

    static byte[] novaInvoke(Completion c) {
        ObjectNode root = Json.object();
        root.putObject("output")
                .putObject("message")
                .put("role", "assistant")
                .putArray("content")
                .addObject()
                .put("text", c.text());
        root.put("stopReason", c.stopReason().wire());
        root.set("usage", novaUsage(c.usage()));
        return Json.bytes(root);
    }

    /** Nova through InvokeModelWithResponseStream: Converse-like events, each in a base64 {@code chunk}. */
    static StreamPlan novaStream(Completion c, long firstByteMillis, long totalMillis) {
        List<byte[]> deltas = new ArrayList<>();
        List<Long> tokens = new ArrayList<>();
        for (String piece : c.deltas()) {
            ObjectNode event = Json.object();
            ObjectNode delta = event.putObject("contentBlockDelta");
            delta.putObject("delta").put("text", piece);
            delta.put("contentBlockIndex", 0);
            deltas.add(AnthropicWire.chunk(event));
            tokens.add(TokenCounter.tokens(piece));
        }
        ObjectNode start = Json.object();
        start.putObject("messageStart").put("role", "assistant");
        ObjectNode blockStop = Json.object();
        blockStop.putObject("contentBlockStop").put("contentBlockIndex", 0);
        ObjectNode messageStop = Json.object();
        messageStop.putObject("messageStop").put("stopReason", c.stopReason().wire());
        ObjectNode metadata = Json.object();
        ObjectNode meta = metadata.putObject("metadata");
        meta.set("usage", novaUsage(c.usage()));
        metadata.set(
                "amazon-bedrock-invocationMetrics",
                AnthropicWire.invocationMetrics(c.usage(), firstByteMillis, totalMillis));
        return new StreamPlan(
                List.of(AnthropicWire.chunk(start)),
                deltas,
                tokens,
                List.of(
                        AnthropicWire.chunk(blockStop),
                        AnthropicWire.chunk(messageStop),
                        AnthropicWire.chunk(metadata)));
    }

    private static ObjectNode novaUsage(TokenUsage u) {
        return Json.object()
                .put("inputTokens", u.input())
                .put("outputTokens", u.output())
                .put("totalTokens", u.input() + u.output() + u.cacheRead() + u.cacheWrite())
                .put("cacheReadInputTokenCount", u.cacheRead())
                .put("cacheWriteInputTokenCount", u.cacheWrite());
    }
}
