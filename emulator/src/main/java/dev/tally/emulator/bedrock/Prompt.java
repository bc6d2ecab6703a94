package dev.tally.emulator.bedrock;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A request reduced to what the emulated model needs: the texts that count as input, in cache-prefix
 * order (tools, then system, then messages), where the cached prefix ends, and the limits.
 *
 * @param segments every counted text, one per content block
 * @param cacheBoundary index of the last segment inside the cached prefix, or -1 when nothing is marked
 * @param oneHourCache the marked prefix asks for the one-hour TTL
 * @param lastUserText the text of the last user turn, which the reply echoes
 */
public record Prompt(
        List<String> segments, int cacheBoundary, boolean oneHourCache, String lastUserText, int maxTokens) {
    public static final int DEFAULT_MAX_TOKENS = 4096;

    public Prompt {
        segments = List.copyOf(requireNonNull(segments, "segments is null"));
        requireNonNull(lastUserText, "lastUserText is null");
        if (cacheBoundary >= segments.size()) {
            throw new IllegalArgumentException("cache boundary beyond the prompt");
        }
    }
}
