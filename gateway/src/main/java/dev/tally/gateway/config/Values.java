package dev.tally.gateway.config;

import dev.tally.core.error.TallyException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The textual forms of durations and sizes a config file and flags share ({@code 500ms}, {@code 20MiB}). */
final class Values {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|b|kib|mib|gib|kb|mb|gb)");

    private Values() {}

    static Duration duration(String key, String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw TallyException.usage(key + ": expected a duration such as 500ms, 30s, 5m or 1h, got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    static long size(String key, String text) {
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw TallyException.usage(
                    key + ": expected a size such as 20MiB, 512KiB or a number of bytes, got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "kib" -> n * 1024;
            case "mib" -> n * 1024 * 1024;
            case "gib" -> n * 1024 * 1024 * 1024;
            case "kb" -> n * 1000;
            case "mb" -> n * 1000_000;
            case "gb" -> n * 1000_000_000;
            default -> n;
        };
    }

    static int integer(String key, String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw TallyException.usage(key + ": expected a whole number, got '" + text + "'");
        }
    }

    static boolean bool(String key, String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw TallyException.usage(key + ": expected true or false, got '" + text + "'");
        };
    }
}
