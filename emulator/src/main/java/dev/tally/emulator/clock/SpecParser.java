package dev.tally.emulator.clock;

import dev.tally.core.error.TallyException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code key=value,key=value} specs of the clock, faults and latency settings; {@code option} is the
 * setting's name, which cli shows as its flag.
 */
public final class SpecParser {
    private SpecParser() {}

    /** The pairs of a spec, refusing keys outside {@code allowed}; {@code option} names it in errors. */
    public static Map<String, String> pairs(String option, String spec, Set<String> allowed) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return pairs;
        }
        // String.split drops a trailing empty part: a spec ending in ',' is accepted, as it always was.
        @SuppressWarnings("StringSplitter")
        String[] parts = spec.split(",");
        for (String part : parts) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw usage(option, "expected key=value, got '" + part.strip() + "'", allowed);
            }
            String key = part.substring(0, eq).strip();
            if (!allowed.contains(key)) {
                throw usage(option, "unknown key '" + key + "'", allowed);
            }
            pairs.put(key, part.substring(eq + 1).strip());
        }
        return pairs;
    }

    public static double rate(String option, String key, String value) {
        try {
            double d = Double.parseDouble(value);
            if (d >= 0 && d <= 1) {
                return d;
            }
        } catch (NumberFormatException e) {
            // fall through to the one error below
        }
        throw TallyException.invalidSetting(
                option, ": " + key + " must be a probability between 0 and 1, got '" + value + "'");
    }

    public static double positive(String option, String key, String value) {
        try {
            double d = Double.parseDouble(value);
            if (d > 0 && Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // fall through to the one error below
        }
        throw TallyException.invalidSetting(option, ": " + key + " must be a positive number, got '" + value + "'");
    }

    /** A duration written {@code 300ms}, {@code 2s} or {@code 1m}. */
    public static Duration duration(String option, String key, String value) {
        try {
            if (value.endsWith("ms")) {
                return nonNegative(
                        Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2))), option, key, value);
            }
            if (value.endsWith("s")) {
                return nonNegative(
                        Duration.ofMillis(
                                Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 1000)),
                        option,
                        key,
                        value);
            }
            if (value.endsWith("m")) {
                return nonNegative(
                        Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)) * 60),
                        option,
                        key,
                        value);
            }
        } catch (NumberFormatException e) {
            // fall through to the one error below
        }
        throw TallyException.invalidSetting(
                option, ": " + key + " must be a duration such as 300ms, 2s or 1m, got '" + value + "'");
    }

    private static Duration nonNegative(Duration d, String option, String key, String value) {
        if (d.isNegative()) {
            throw TallyException.invalidSetting(option, ": " + key + " must not be negative, got '" + value + "'");
        }
        return d;
    }

    private static TallyException usage(String option, String problem, Set<String> allowed) {
        return TallyException.invalidSetting(
                option,
                ": " + problem + " (keys: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
    }
}
