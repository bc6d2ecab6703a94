package dev.tally.core.sts;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One STS session tag. AWS's rules (AssumeRole API reference, Tag data type): key 1 to 128 and value 0 to
 * 256 characters from Unicode letters, digits, white space and {@code _ . : / = + - @}; keys may not start
 * with {@code aws:}. Billing shows it as {@code iamPrincipal/<key>}.
 */
public record SessionTag(String key, String value) {
    public static final int MAX_KEY_LENGTH = 128;
    public static final int MAX_VALUE_LENGTH = 256;
    /** AWS's documented pattern for keys and values. */
    public static final Pattern PATTERN = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    private static final Pattern UNSAFE = Pattern.compile("[^\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]");

    public SessionTag {
        requireNonNull(key, "key is null");
        requireNonNull(value, "value is null");
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw new StsRuleException("tags.member.key", key, "Member must have length between 1 and 128");
        }
        if (!PATTERN.matcher(key).matches()) {
            throw new StsRuleException(
                    "tags.member.key",
                    key,
                    "Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
        }
        if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
            throw new StsRuleException("tags.member.key", key, "Tag keys may not start with 'aws:'");
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new StsRuleException("tags.member.value", value, "Member must have length less than or equal to 256");
        }
        if (!PATTERN.matcher(value).matches()) {
            throw new StsRuleException(
                    "tags.member.value",
                    value,
                    "Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
        }
    }

    public static SessionTag of(String key, String value) {
        return new SessionTag(key, value);
    }

    /** A valid tag from any key and value: disallowed characters become {@code _}, lengths are cut. */
    public static SessionTag sanitized(String key, String value) {
        String k = cut(UNSAFE.matcher(key == null ? "" : key).replaceAll("_").strip(), MAX_KEY_LENGTH);
        if (k.isEmpty()) {
            throw new StsRuleException(
                    "tags.member.key", String.valueOf(key), "Member must have length between 1 and 128");
        }
        String v = cut(UNSAFE.matcher(value == null ? "" : value).replaceAll("_"), MAX_VALUE_LENGTH);
        return new SessionTag(k, v);
    }

    private static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        // Never split a surrogate pair: AWS counts characters, and half a pair is not one.
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end);
    }
}
