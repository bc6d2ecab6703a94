package dev.tally.emulator.billing;

/**
 * The tokens one model call consumed, by direction, as Bedrock bills them: separate line items for input,
 * output, cache read and cache write (aws-facts.md section 5).
 *
 * @param oneHourCache the cache write used the one-hour TTL, billed under its own usage type
 */
public record TokenUsage(long input, long output, long cacheRead, long cacheWrite, boolean oneHourCache) {
    public TokenUsage {
        if (input < 0 || output < 0 || cacheRead < 0 || cacheWrite < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
    }

    public TokenUsage withOutput(long output) {
        return new TokenUsage(input, output, cacheRead, cacheWrite, oneHourCache);
    }
}
