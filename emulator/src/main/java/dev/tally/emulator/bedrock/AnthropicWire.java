package dev.tally.emulator.bedrock;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.emulator.billing.TokenUsage;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Anthropic Messages response bodies and stream events, as Bedrock returns them through InvokeModel. */
final class AnthropicWire {
    private AnthropicWire() {}

    static byte[] response(String messageId, ResolvedModel model, Completion c) {
        ObjectNode root = Json.object();
        root.put("id", messageId)
                .put("type", "message")
                .put("role", "assistant")
                .put("model", modelName(model));
        root.putArray("content").addObject().put("type", "text").put("text", c.text());
        root.put("stop_reason", c.stopReason().wire()).putNull("stop_sequence");
        ObjectNode usage = root.putObject("usage");
        usage.put("input_tokens", c.usage().input())
                .put("cache_creation_input_tokens", c.usage().cacheWrite())
                .put("cache_read_input_tokens", c.usage().cacheRead())
                .put("output_tokens", c.usage().output());
        return Json.bytes(root);
    }

    /** message_start, content_block_start, deltas, content_block_stop, message_delta, message_stop. */
    static StreamPlan stream(
            String messageId, ResolvedModel model, Completion c, long firstByteMillis, long totalMillis) {
        TokenUsage u = c.usage();
        ObjectNode start = Json.object().put("type", "message_start");
        ObjectNode message = start.putObject("message");
        message.put("id", messageId)
                .put("type", "message")
                .put("role", "assistant")
                .put("model", modelName(model));
        message.putArray("content");
        message.putNull("stop_reason").putNull("stop_sequence");
        message.putObject("usage")
                .put("input_tokens", u.input())
                .put("cache_creation_input_tokens", u.cacheWrite())
                .put("cache_read_input_tokens", u.cacheRead())
                .put("output_tokens", 1);
        ObjectNode blockStart = Json.object().put("type", "content_block_start").put("index", 0);
        blockStart.putObject("content_block").put("type", "text").put("text", "");

        List<byte[]> deltas = new ArrayList<>();
        List<Long> deltaTokens = new ArrayList<>();
        for (String piece : c.deltas()) {
            ObjectNode delta = Json.object().put("type", "content_block_delta").put("index", 0);
            delta.putObject("delta").put("type", "text_delta").put("text", piece);
            deltas.add(chunk(delta));
            deltaTokens.add(TokenCounter.tokens(piece));
        }

        ObjectNode messageDelta = Json.object().put("type", "message_delta");
        messageDelta
                .putObject("delta")
                .put("stop_reason", c.stopReason().wire())
                .putNull("stop_sequence");
        messageDelta.putObject("usage").put("output_tokens", u.output());
        ObjectNode stop = Json.object().put("type", "message_stop");
        stop.set("amazon-bedrock-invocationMetrics", invocationMetrics(u, firstByteMillis, totalMillis));
        return new StreamPlan(
                List.of(chunk(start), chunk(blockStart)),
                deltas,
                deltaTokens,
                List.of(
                        chunk(Json.object().put("type", "content_block_stop").put("index", 0)),
                        chunk(messageDelta),
                        chunk(stop)));
    }

    static ObjectNode invocationMetrics(TokenUsage u, long firstByteMillis, long totalMillis) {
        return Json.object()
                .put("inputTokenCount", u.input())
                .put("outputTokenCount", u.output())
                .put("invocationLatency", totalMillis)
                .put("firstByteLatency", firstByteMillis)
                .put("cacheReadInputTokenCount", u.cacheRead())
                .put("cacheWriteInputTokenCount", u.cacheWrite());
    }

    /** InvokeModelWithResponseStream wraps each model event as base64 in a {@code chunk} event. */
    static byte[] chunk(ObjectNode event) {
        return EventStreamFrame.event(
                "chunk",
                Json.bytes(Json.object().put("bytes", Base64.getEncoder().encodeToString(Json.bytes(event)))));
    }

    private static String modelName(ResolvedModel model) {
        return model.baseId().startsWith("anthropic.")
                ? model.baseId().substring("anthropic.".length())
                : model.baseId();
    }
}
