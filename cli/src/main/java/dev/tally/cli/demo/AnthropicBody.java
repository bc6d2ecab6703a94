package dev.tally.cli.demo;

import dev.tally.core.io.JsonWriter;

/**
 * The body of an Anthropic Messages call on Bedrock's {@code invoke}, as Claude Code sends one: a user message,
 * and, for a client that caches its instructions, a system prompt marked {@code cache_control} (its first call
 * writes the cache, the next ones read it).
 */
final class AnthropicBody {
    private AnthropicBody() {}

    static String of(int maxTokens, String userText) {
        return withMessage(header(maxTokens), userText);
    }

    static String withCachedSystem(int maxTokens, String system, String userText) {
        JsonWriter w = header(maxTokens)
                .name("system")
                .beginArray()
                .beginObject()
                .name("type")
                .value("text")
                .name("text")
                .value(system)
                .name("cache_control")
                .beginObject()
                .name("type")
                .value("ephemeral")
                .endObject()
                .endObject()
                .endArray();
        return withMessage(w, userText);
    }

    private static JsonWriter header(int maxTokens) {
        return JsonWriter.compact()
                .beginObject()
                .name("anthropic_version")
                .value("bedrock-2023-05-31")
                .name("max_tokens")
                .value(maxTokens);
    }

    private static String withMessage(JsonWriter open, String userText) {
        return open.name("messages")
                .beginArray()
                .beginObject()
                .name("role")
                .value("user")
                .name("content")
                .value(userText)
                .endObject()
                .endArray()
                .endObject()
                .toString();
    }
}
