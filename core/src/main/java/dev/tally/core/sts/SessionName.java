package dev.tally.core.sts;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * An STS role session name: 2 to 64 characters matching AWS's pattern {@code [\w+=,.@-]*}
 * (AssumeRole API reference). It becomes the last part of the assumed-role ARN that billing records.
 */
public record SessionName(String value) {
    public static final int MIN_LENGTH = 2;
    public static final int MAX_LENGTH = 64;
    /** AWS's documented pattern. */
    public static final Pattern PATTERN = Pattern.compile("[\\w+=,.@-]*");
    /** What {@link #sanitized} emits: AWS's pattern less {@code +}, which some older tools reject. */
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9_=,.@-]");

    public SessionName {
        requireNonNull(value, "value is null");
        if (value.length() < MIN_LENGTH || value.length() > MAX_LENGTH) {
            throw new StsRuleException("roleSessionName", value, "Member must have length between 2 and 64");
        }
        if (!PATTERN.matcher(value).matches()) {
            throw new StsRuleException(
                    "roleSessionName", value, "Member must satisfy regular expression pattern: [\\w+=,.@-]*");
        }
    }

    public static SessionName of(String value) {
        return new SessionName(value);
    }

    /**
     * A valid session name made from any text: disallowed characters become {@code -}, runs of them
     * collapse, the result is cut to 64 characters and padded to 2 ({@code fallback} when nothing is left).
     */
    public static SessionName sanitized(String raw, String fallback) {
        String cleaned = UNSAFE.matcher(raw == null ? "" : raw).replaceAll("-").replaceAll("-{2,}", "-");
        cleaned = trimDashes(cleaned);
        if (cleaned.length() > MAX_LENGTH) {
            cleaned = trimDashes(cleaned.substring(0, MAX_LENGTH));
        }
        if (cleaned.isEmpty()) {
            cleaned = fallback;
        }
        while (cleaned.length() < MIN_LENGTH) {
            cleaned = cleaned + "_";
        }
        return new SessionName(cleaned);
    }

    private static String trimDashes(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '-') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '-') {
            end--;
        }
        return s.substring(start, end);
    }

    @Override
    public String toString() {
        return value;
    }
}
