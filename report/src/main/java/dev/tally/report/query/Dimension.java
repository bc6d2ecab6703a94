package dev.tally.report.query;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.TallyException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A name over the normalized cost row that reports group and filter by: {@code principal}, {@code model},
 * {@code day}, {@code tag:team}, ...
 */
public record Dimension(Kind kind, Optional<String> tagKey) {
    /** The dimensions design.md defines, by their command-line names. */
    public enum Kind {
        PRINCIPAL("principal"),
        ROLE("role"),
        SESSION("session"),
        USER("user"),
        ACCOUNT("account"),
        MODEL("model"),
        REGION("region"),
        TOKEN_TYPE("token-type"),
        PRICING_MODEL("pricing-model"),
        USAGE_TYPE("usage-type"),
        OPERATION("operation"),
        SERVICE("service"),
        DAY("day"),
        WEEK("week"),
        MONTH("month"),
        /** Where a row came from: {@code bill} (billing exports) or {@code ledger} (the gateway's ledger). */
        SOURCE("source"),
        TAG("tag:<key>");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public static final Dimension PRINCIPAL = new Dimension(Kind.PRINCIPAL, Optional.empty());

    public Dimension {
        requireNonNull(kind, "kind is null");
        requireNonNull(tagKey, "tagKey is null");
        if ((kind == Kind.TAG) != tagKey.isPresent()) {
            throw new IllegalArgumentException("a tag dimension needs a key, and only a tag dimension has one");
        }
    }

    public static Dimension tag(String key) {
        return new Dimension(Kind.TAG, Optional.of(key));
    }

    /**
     * Parses a command-line name. Tag keys are trimmed and kept as typed for display; they match
     * case-insensitively.
     */
    public static Dimension parse(String text) {
        String name = text == null ? "" : text.strip();
        if (name.regionMatches(true, 0, "tag:", 0, 4)) {
            String key = name.substring(4).strip();
            if (key.isEmpty()) {
                throw TallyException.usage(
                        "dimension '" + name + "' has no tag key (expected tag:<key>, e.g. tag:project)");
            }
            return tag(key);
        }
        for (Kind kind : Kind.values()) {
            if (kind != Kind.TAG && kind.label.equalsIgnoreCase(name)) {
                return new Dimension(kind, Optional.empty());
            }
        }
        throw TallyException.usage("unknown dimension '" + name + "' (expected one of: " + validNames() + ")");
    }

    public static String validNames() {
        return Arrays.stream(Kind.values()).map(Kind::label).collect(Collectors.joining(", "));
    }

    /** The tag key as it is matched: trimmed and lower case. */
    public Optional<String> matchKey() {
        return tagKey.map(k -> k.strip().toLowerCase(Locale.ROOT));
    }

    /** The name shown in output headers and JSON keys. */
    public String label() {
        return kind == Kind.TAG ? "tag:" + tagKey.orElseThrow() : kind.label();
    }

    public boolean isTime() {
        return kind == Kind.DAY || kind == Kind.WEEK || kind == Kind.MONTH;
    }

    @Override
    public String toString() {
        return label();
    }
}
