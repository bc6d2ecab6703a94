package dev.tally.ledger;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;

/**
 * The rates a usage limit sets: requests and tokens per minute, each set or not. Built from {@link #NONE} with
 * {@link #withRequests} and {@link #withTokens}, so that no caller passes an empty optional to mean "not set".
 *
 * @param requests at most this many requests in any 60 seconds, if set
 * @param tokens at most this many tokens (input and output, as reserved) in any 60 seconds, if set
 */
public record PerMinute(OptionalLong requests, OptionalLong tokens) {
    public static final PerMinute NONE = new PerMinute(OptionalLong.empty(), OptionalLong.empty());

    public PerMinute {
        requireNonNull(requests, "requests is null");
        requireNonNull(tokens, "tokens is null");
    }

    public PerMinute withRequests(long perMinute) {
        return new PerMinute(OptionalLong.of(perMinute), tokens);
    }

    public PerMinute withTokens(long perMinute) {
        return new PerMinute(requests, OptionalLong.of(perMinute));
    }

    public boolean isEmpty() {
        return requests.isEmpty() && tokens.isEmpty();
    }
}
