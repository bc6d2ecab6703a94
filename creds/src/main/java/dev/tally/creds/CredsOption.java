package dev.tally.creds;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The options of {@code tally creds}, defined once: the hand-written parser of the cached path
 * ({@link CredsArguments}) and the picocli command both read their names, labels, help and environment
 * variables from here, so the two cannot drift apart.
 */
public enum CredsOption {
    ROLE_ARN("--role-arn", "ARN", "The role to assume (required).", "TALLY_ROLE_ARN", "CC_ROLE_ARN"),
    PROJECT(
            "--project",
            "NAME",
            "Project tag and session-name part (default: the git work tree's folder name, else the current folder's).",
            "TALLY_PROJECT",
            "CC_PROJECT"),
    USER("--user", "NAME", "User tag (default: $USER, else the system user name).", "TALLY_USER", "CC_USER"),
    TAG("--tag", "K=V", "An extra session tag; repeatable (env: comma-separated K=V,K=V).", "TALLY_TAGS", "CC_TAGS"),
    SOURCE_PROFILE(
            "--source-profile",
            "P",
            "Profile holding the credentials that assume the role: static, SSO or credential_process "
                    + "(default: default). AWS_PROFILE is ignored.",
            "TALLY_SOURCE_PROFILE",
            "CC_SOURCE_PROFILE"),
    REGION(
            "--region",
            "R",
            "STS region (default: $AWS_REGION, $AWS_DEFAULT_REGION, else " + CredsOption.DEFAULT_REGION + ").",
            "TALLY_REGION",
            "CC_REGION"),
    DURATION(
            "--duration",
            "SECONDS",
            "Session lifetime, 900 to 43200 (default: 3600).",
            "TALLY_DURATION",
            "CC_SESSION_DURATION"),
    SESSION_PREFIX(
            "--session-prefix",
            "P",
            "Session name prefix: <prefix>-<project>-<epoch seconds> (default: cc).",
            "TALLY_SESSION_PREFIX",
            "CC_SESSION_PREFIX"),
    MIN_REMAINING(
            "--min-remaining",
            "SECONDS",
            "Serve cached credentials only while more than this remains (default: 1200, "
                    + "or half the lifetime for sessions shorter than 40 minutes).",
            "TALLY_MIN_REMAINING"),
    NO_CACHE("--no-cache", null, "Neither read nor write the cache: always call STS.", "TALLY_NO_CACHE"),
    CLEAR_CACHE("--clear-cache", null, "Delete every cached credential, then exit.", "TALLY_CLEAR_CACHE");

    /**
     * The region when nothing names one, for {@code setup profile}, {@code creds} and {@code run} alike: us-east-1,
     * where Bedrock offers the most models and where AWS's own tools fall back for STS.
     */
    public static final String DEFAULT_REGION = "us-east-1";

    private final String name;
    private final @Nullable String label;
    private final String description;

    @SuppressWarnings("ImmutableEnumChecker") // List.of: unmodifiable, though the List type does not say so
    private final List<String> environment;

    CredsOption(String name, @Nullable String label, String description, String... environment) {
        this.name = name;
        this.label = label;
        this.description = description;
        this.environment = List.of(environment);
    }

    /** The option as typed: {@code --role-arn}. */
    public String optionName() {
        return name;
    }

    /** What the value looks like in help ({@code ARN}); empty for flags. */
    public Optional<String> label() {
        return Optional.ofNullable(label);
    }

    public boolean isFlag() {
        return label == null;
    }

    public boolean isRepeatable() {
        return this == TAG;
    }

    public String description() {
        return description;
    }

    /** Environment variables read when the option is absent, the first set one winning ({@code TALLY_*} before {@code CC_*}). */
    public List<String> environment() {
        return environment;
    }

    public static Optional<CredsOption> named(String name) {
        for (CredsOption o : values()) {
            if (o.name.equals(name)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }
}
