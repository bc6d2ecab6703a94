package dev.tally.account.iam;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.TallyException;
import dev.tally.core.sts.SessionTag;
import dev.tally.core.sts.StsRuleException;

/**
 * A tag on an IAM role. IAM's tag rules (key 1-128, value 0-256 characters from letters, digits, spaces and
 * {@code _ . : / = + - @}, no {@code aws:} prefix) are the same as STS's session-tag rules, so they are
 * checked once, by {@link SessionTag}. A role's tags are its principal tags: billing shows them as
 * {@code iamPrincipal/<key>} and IAM conditions see them as {@code aws:PrincipalTag/<key>}.
 */
public record RoleTag(String key, String value) {
    public RoleTag {
        requireNonNull(key, "key is null");
        requireNonNull(value, "value is null");
        try {
            SessionTag.of(key, value);
        } catch (StsRuleException e) {
            throw TallyException.usage("tag '" + key + "=" + value + "': " + e.constraint());
        }
    }

    /** {@code KEY=VALUE}; the value may be empty and may itself contain '='. */
    public static RoleTag parse(String text) {
        int eq = text == null ? -1 : text.indexOf('=');
        if (eq < 0) {
            throw TallyException.usage("tag '" + text + "' has no '=' (expected KEY=VALUE, e.g. Project=checkout)");
        }
        return new RoleTag(text.substring(0, eq).strip(), text.substring(eq + 1).strip());
    }

    /** Checks a tag key alone (for {@code aws:PrincipalTag/KEY} conditions) and returns it. */
    public static String requireValidKey(String key) {
        String k = key == null ? "" : key.strip();
        try {
            SessionTag.of(k, "");
        } catch (StsRuleException e) {
            throw TallyException.usage("tag key '" + k + "': " + e.constraint());
        }
        return k;
    }

    @Override
    public String toString() {
        return key + "=" + value;
    }
}
