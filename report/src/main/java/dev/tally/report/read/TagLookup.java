package dev.tally.report.read;

import static java.util.Objects.requireNonNull;

/**
 * One tag value a reader resolves into a column: {@code key} (lower case, trimmed) from the principal's tags and
 * then the resource's, as {@code tag:<key>} reads it, or from the principal's tags only, as the {@code user}
 * dimension reads the principal's User tag (design.md).
 */
public record TagLookup(String key, boolean principalOnly) {
    public TagLookup {
        requireNonNull(key, "key is null");
    }

    /** {@code tag:<key>}: the principal's tag, else the resource's. */
    public static TagLookup tag(String key) {
        return new TagLookup(key, false);
    }

    /** The principal's tag only. */
    public static TagLookup principal(String key) {
        return new TagLookup(key, true);
    }
}
