package dev.tally.emulator.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads request bodies into a {@link Prompt}: the Anthropic Messages body of InvokeModel, and the
 * Converse body (which Nova's InvokeModel body also follows). Validation answers with Bedrock's
 * {@code ValidationException} and a message in Bedrock's words.
 */
final class PromptReader {
    private final List<String> segments = new ArrayList<>();
    private int boundary = -1;
    private boolean oneHour;
    private String lastUserText = "";

    private PromptReader() {}

    static Prompt anthropic(JsonNode body) {
        for (String forbidden : List.of("model", "stream")) {
            if (body.has(forbidden)) {
                throw malformed("#: extraneous key [" + forbidden + "] is not permitted");
            }
        }
        if (!body.path("anthropic_version").isTextual()) {
            throw malformed("#: required key [anthropic_version] not found");
        }
        JsonNode maxTokens = body.get("max_tokens");
        if (maxTokens == null) {
            throw malformed("#: required key [max_tokens] not found");
        }
        if (!maxTokens.canConvertToInt() || !maxTokens.isIntegralNumber() || maxTokens.intValue() < 1) {
            throw malformed("#/max_tokens: expected minimum: 1, found: " + maxTokens);
        }
        JsonNode messages = body.get("messages");
        if (messages == null) {
            throw malformed("#: required key [messages] not found");
        }
        if (!messages.isArray() || messages.isEmpty()) {
            throw malformed("#/messages: expected minimum item count: 1, found: "
                    + (messages.isArray() ? 0 : messages.getNodeType()));
        }
        PromptReader r = new PromptReader();
        for (JsonNode tool : body.path("tools")) {
            r.add(tool.toString());
            r.markIfCached(tool.get("cache_control"));
        }
        JsonNode system = body.get("system");
        if (system != null && system.isTextual()) {
            r.add(system.asText());
        } else if (system != null && system.isArray()) {
            for (JsonNode block : system) {
                r.anthropicBlock(block);
            }
        }
        int i = 0;
        for (JsonNode message : messages) {
            String role = message.path("role").asText("");
            if (!role.equals("user") && !role.equals("assistant")) {
                throw malformed("#/messages/" + i + "/role: " + message.path("role") + " is not a valid enum value");
            }
            JsonNode content = message.get("content");
            StringBuilder text = new StringBuilder();
            if (content != null && content.isTextual()) {
                r.add(content.asText());
                text.append(content.asText());
            } else if (content != null && content.isArray()) {
                for (JsonNode block : content) {
                    r.anthropicBlock(block);
                    if (block.path("type").asText().equals("text")) {
                        text.append(block.path("text").asText());
                    }
                }
            } else {
                throw malformed("#/messages/" + i + ": required key [content] not found");
            }
            if (role.equals("user")) {
                r.lastUserText = text.toString();
            }
            i++;
        }
        return r.prompt(maxTokens.intValue());
    }

    /** A Converse request body, or a Nova InvokeModel body ({@code schemaVersion: messages-v1}). */
    static Prompt converse(JsonNode body) {
        JsonNode messages = body.get("messages");
        if (messages == null || messages.isNull()) {
            throw BedrockError.validation(
                    "1 validation error detected: Value null at 'messages' failed to satisfy constraint: Member must not be null");
        }
        if (!messages.isArray() || messages.isEmpty()) {
            throw BedrockError.validation(
                    "A conversation must start with a user message. Try again with a conversation that starts with a user message.");
        }
        int maxTokens = Prompt.DEFAULT_MAX_TOKENS;
        JsonNode max = body.path("inferenceConfig").get("maxTokens");
        if (max == null) {
            max = body.path("inferenceConfig").get("max_new_tokens");
        }
        if (max != null) {
            if (!max.isIntegralNumber() || max.intValue() < 1) {
                throw BedrockError.validation(
                        "1 validation error detected: Value '" + max
                                + "' at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must have value greater than or equal to 1");
            }
            maxTokens = max.intValue();
        }
        PromptReader r = new PromptReader();
        for (JsonNode tool : body.path("toolConfig").path("tools")) {
            r.converseBlock(tool);
        }
        for (JsonNode block : body.path("system")) {
            r.converseBlock(block);
        }
        int i = 0;
        for (JsonNode message : messages) {
            String role = message.path("role").asText("");
            if (i == 0 && !role.equals("user")) {
                throw BedrockError.validation(
                        "A conversation must start with a user message. Try again with a conversation that starts with a user message.");
            }
            if (!role.equals("user") && !role.equals("assistant")) {
                throw BedrockError.validation(
                        "1 validation error detected: Value '" + role + "' at 'messages." + (i + 1)
                                + ".member.role' failed to satisfy constraint: Member must satisfy enum value set: [user, assistant]");
            }
            JsonNode content = message.get("content");
            if (content == null || !content.isArray()) {
                throw BedrockError.validation("1 validation error detected: Value null at 'messages." + (i + 1)
                        + ".member.content' failed to satisfy constraint: Member must not be null");
            }
            StringBuilder text = new StringBuilder();
            for (JsonNode block : content) {
                r.converseBlock(block);
                if (block.has("text")) {
                    text.append(block.path("text").asText());
                }
            }
            if (role.equals("user")) {
                r.lastUserText = text.toString();
            }
            i++;
        }
        return r.prompt(maxTokens);
    }

    private void anthropicBlock(JsonNode block) {
        if (block.path("type").asText().equals("text")) {
            add(block.path("text").asText());
        } else {
            add(block.toString());
        }
        markIfCached(block.get("cache_control"));
    }

    private void converseBlock(JsonNode block) {
        JsonNode cachePoint = block.get("cachePoint");
        if (cachePoint != null) {
            boundary = segments.size() - 1;
            oneHour = cachePoint.path("ttl").asText().equals("1h");
        } else if (block.has("text")) {
            add(block.path("text").asText());
        } else {
            add(block.toString());
        }
    }

    private void markIfCached(JsonNode cacheControl) {
        if (cacheControl != null && cacheControl.isObject()) {
            boundary = segments.size() - 1;
            oneHour = cacheControl.path("ttl").asText().equals("1h");
        }
    }

    private void add(String text) {
        segments.add(text);
    }

    private Prompt prompt(int maxTokens) {
        return new Prompt(segments, boundary, oneHour, lastUserText, maxTokens);
    }

    private static BedrockError malformed(String detail) {
        return BedrockError.validation(
                "Malformed input request: " + detail + ", please reformat your input and try again.");
    }
}
