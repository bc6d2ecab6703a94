package dev.tally.gateway.config;

import dev.tally.core.error.TallyException;
import java.util.Locale;

/** How the access log writes a line. */
public enum LogFormat {
    TEXT,
    JSON;

    public static LogFormat parse(String key, String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> throw TallyException.usage(key + ": expected text or json, got '" + value + "'");
        };
    }
}
