package dev.tally.core.aws;

import java.util.regex.Pattern;

/**
 * What AWS accepts for the names and limits Tally sets, written once for the commands that check them and the
 * emulator that enforces them: IAM user and role names, a role's maximum session, an AssumeRole session's
 * duration, Data Export and S3 bucket names. (Session names and tags: {@code core/sts}.)
 */
public final class AwsLimits {
    /** A role's MaxSessionDuration, in seconds: 1 to 12 hours. */
    public static final int ROLE_MAX_SESSION_MIN = 3600;

    public static final int ROLE_MAX_SESSION_MAX = 43200;
    /** AssumeRole's DurationSeconds: 15 minutes to 12 hours (and never beyond the role's maximum). */
    public static final int SESSION_DURATION_MIN = 900;

    public static final int SESSION_DURATION_MAX = 43200;

    private AwsLimits() {}

    /** An IAM user or role name: IAM's pattern {@code [\w+=,.@-]+}, 1 to 64 characters. */
    public static boolean isIamName(String s) {
        return s != null && Patterns.IAM_NAME.matcher(s).matches();
    }

    /** A region name's shape: {@code us-east-1}, {@code us-gov-west-1}, {@code ap-southeast-4}. */
    public static boolean isRegion(String s) {
        return s != null && Region.PATTERN.matcher(s).matches();
    }

    /** A Data Exports export name: letters, digits, '-' and '_', 1 to 128. */
    public static boolean isExportName(String s) {
        return s != null && Patterns.EXPORT_NAME.matcher(s).matches();
    }

    /** An S3 bucket name's shape: 3 to 63 characters, lower case, digits, dots and hyphens. */
    public static boolean isBucketName(String s) {
        return s != null && Patterns.S3_BUCKET.matcher(s).matches();
    }

    /**
     * The region's pattern has a holder of its own, compiled on first use: {@code tally creds}' cached path checks
     * only the region and runs interpreted, where compiling the name patterns would be work for nothing.
     */
    private static final class Region {
        static final Pattern PATTERN = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    }

    private static final class Patterns {
        static final Pattern IAM_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
        static final Pattern EXPORT_NAME = Pattern.compile("[0-9A-Za-z_-]{1,128}");
        static final Pattern S3_BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    }
}
