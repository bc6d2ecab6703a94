package dev.tally.core.usage;

import dev.tally.core.error.TallyException;

/** Which side of a model call a usage line counts; each is billed at its own price. */
public enum TokenType {
    INPUT("input"),
    OUTPUT("output"),
    CACHE_READ("cache-read"),
    CACHE_WRITE("cache-write"),
    OTHER("other");

    private final String label;

    TokenType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static TokenType fromLabel(String label) {
        for (TokenType type : values()) {
            if (type.label.equals(label)) {
                return type;
            }
        }
        throw TallyException.usage(
                "unknown token type '" + label + "' (expected input, output, cache-read, cache-write or other)");
    }
}
