package dev.tally.emulator;

import static java.util.Objects.requireNonNull;

import dev.tally.core.aws.AwsLimits;
import dev.tally.core.error.TallyException;
import java.time.Duration;

/**
 * An IAM role that every declared user may assume. {@code allowsTagSession} says whether its trust policy
 * also grants {@code sts:TagSession}; without it tagged AssumeRole calls fail with AccessDenied, the most
 * common real setup mistake (aws-facts.md section 2).
 */
public record Role(String name, boolean allowsTagSession, Duration maxSessionDuration) {
    public static final Role DEFAULT = new Role("tally-dev", true, Duration.ofHours(1));

    public Role {
        requireNonNull(name, "name is null");
        requireNonNull(maxSessionDuration, "maxSessionDuration is null");
        if (!AwsLimits.isIamName(name)) {
            throw TallyException.usage(
                    "role name '" + name + "' is not valid (1-64 characters from letters, digits and _+=,.@-)");
        }
        long seconds = maxSessionDuration.toSeconds();
        if (seconds < AwsLimits.ROLE_MAX_SESSION_MIN || seconds > AwsLimits.ROLE_MAX_SESSION_MAX) {
            throw TallyException.usage(
                    "maximum session duration of role '" + name + "' must be " + AwsLimits.ROLE_MAX_SESSION_MIN + " to "
                            + AwsLimits.ROLE_MAX_SESSION_MAX + " seconds, got " + seconds);
        }
    }

    /** Parses {@code NAME} or {@code NAME:no-tag-session}. */
    public static Role parse(String spec) {
        String[] parts = spec.split(":", -1);
        if (parts.length == 1) {
            return new Role(parts[0], true, Duration.ofHours(1));
        }
        if (parts.length == 2 && parts[1].equals("no-tag-session")) {
            return new Role(parts[0], false, Duration.ofHours(1));
        }
        throw TallyException.invalidSetting("role", " expects NAME or NAME:no-tag-session, got '" + spec + "'");
    }

    public String arn(String accountId) {
        return "arn:aws:iam::" + accountId + ":role/" + name;
    }
}
