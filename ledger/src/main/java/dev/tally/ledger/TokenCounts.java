package dev.tally.ledger;

/**
 * The tokens one request used, by the token types Bedrock bills apart. Five-minute and one-hour cache writes
 * are priced differently (about 1.25x and 2x input), so they are kept apart here and never summed before
 * pricing.
 */
public record TokenCounts(long input, long output, long cacheRead, long cacheWrite5m, long cacheWrite1h) {
    public static final TokenCounts NONE = new TokenCounts(0, 0, 0, 0, 0);

    public TokenCounts {
        if (input < 0 || output < 0 || cacheRead < 0 || cacheWrite5m < 0 || cacheWrite1h < 0) {
            throw new IllegalArgumentException("token counts are never negative");
        }
    }

    public long cacheWrite() {
        return cacheWrite5m + cacheWrite1h;
    }

    public long total() {
        return input + output + cacheRead + cacheWrite();
    }
}
