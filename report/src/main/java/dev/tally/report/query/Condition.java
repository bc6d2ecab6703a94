package dev.tally.report.query;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.TallyException;

/** One {@code --where DIM=VALUE}: keeps rows whose dimension value equals VALUE exactly. */
public record Condition(Dimension dimension, String value) {
    public Condition {
        requireNonNull(dimension, "dimension is null");
        requireNonNull(value, "value is null");
    }

    public static Condition parse(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw TallyException.invalidSetting(
                    "where", " '" + text + "' is not DIM=VALUE (e.g. 'tag:project=(untagged)')");
        }
        return new Condition(Dimension.parse(text.substring(0, eq)), text.substring(eq + 1));
    }
}
