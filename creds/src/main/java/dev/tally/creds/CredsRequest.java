package dev.tally.creds;

import static java.util.Objects.requireNonNull;

import dev.tally.core.aws.AwsLimits;
import dev.tally.core.error.TallyException;
import dev.tally.core.sts.SessionIdentity;
import dev.tally.core.sts.SessionTags;
import dev.tally.core.sts.StsRuleException;
import dev.tally.creds.project.ProjectDetector;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * One credential request, fully resolved: options first, then {@code TALLY_*}, then {@code CC_*}
 * variables, then defaults. Everything the cache key and the STS call need is here, so both see the same
 * values.
 */
public record CredsRequest(
        String roleArn,
        SessionIdentity identity,
        String tagsFrom,
        String sessionPrefix,
        SourceCredentials source,
        String region,
        Optional<URI> endpoint,
        int durationSeconds,
        OptionalLong minRemainingSeconds,
        boolean noCache,
        Path cacheDirectory) {
    public static final int DEFAULT_DURATION = 3600;
    /** A role ARN as AssumeRole takes it; also what {@code tally setup profile} writes. */
    public static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");

    public CredsRequest {
        requireNonNull(roleArn, "roleArn is null");
        requireNonNull(identity, "identity is null");
        requireNonNull(tagsFrom, "tagsFrom is null");
        requireNonNull(sessionPrefix, "sessionPrefix is null");
        requireNonNull(source, "source is null");
        requireNonNull(region, "region is null");
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(minRemainingSeconds, "minRemainingSeconds is null");
        requireNonNull(cacheDirectory, "cacheDirectory is null");
    }

    /** Applies environment variables and defaults to the given options; every bad value is a usage error. */
    public static CredsRequest resolve(CredsArguments args, ProcessEnvironment env) {
        Given role = given(args, env, CredsOption.ROLE_ARN)
                .orElseThrow(
                        () -> TallyException.usage(
                                "creds: no role to assume: pass --role-arn arn:aws:iam::ACCOUNT:role/NAME or set TALLY_ROLE_ARN (or CC_ROLE_ARN)"));
        if (!ROLE_ARN.matcher(role.value()).matches()) {
            throw TallyException.usage(
                    "creds: " + role + " is not a role ARN (expected arn:aws:iam::123456789012:role/NAME)");
        }
        String project =
                value(args, env, CredsOption.PROJECT).orElseGet(() -> ProjectDetector.detect(env.workingDirectory()));
        String user = value(args, env, CredsOption.USER).orElseGet(env::user);
        GivenTags tags = tags(args, env);
        SessionIdentity identity = new SessionIdentity(project, user, tags.tags());
        Given region = given(args, env, CredsOption.REGION)
                .or(() -> variable(env, "AWS_REGION"))
                .or(() -> variable(env, "AWS_DEFAULT_REGION"))
                .orElse(new Given(CredsOption.DEFAULT_REGION, "the default region"));
        if (!AwsLimits.isRegion(region.value())) {
            throw TallyException.usage("creds: " + region + " is not a region name (expected e.g. us-east-1)");
        }
        int duration = (int)
                number(args, env, CredsOption.DURATION, AwsLimits.SESSION_DURATION_MIN, AwsLimits.SESSION_DURATION_MAX)
                        .orElse(DEFAULT_DURATION);
        return new CredsRequest(
                role.value(),
                identity,
                tags.from(),
                value(args, env, CredsOption.SESSION_PREFIX).orElse("cc"),
                SourceCredentials.of(value(args, env, CredsOption.SOURCE_PROFILE), env),
                region.value(),
                endpoint(env),
                duration,
                number(args, env, CredsOption.MIN_REMAINING, 0, AwsLimits.SESSION_DURATION_MAX),
                flag(args, env, CredsOption.NO_CACHE),
                env.cacheDirectory("creds"));
    }

    /** The role the arguments and environment name, if any: {@code tally doctor} checks a setup that may lack one. */
    public static Optional<String> roleArnOf(CredsArguments args, ProcessEnvironment env) {
        return value(args, env, CredsOption.ROLE_ARN);
    }

    /** The source credentials the arguments and environment name, resolved without a role. */
    public static SourceCredentials sourceOf(CredsArguments args, ProcessEnvironment env) {
        return SourceCredentials.of(value(args, env, CredsOption.SOURCE_PROFILE), env);
    }

    /**
     * The session tags as sent, sanitized to STS's rules; a tag no sanitizing can save (a key starting with
     * {@code aws:}, more than 50 tags) is a usage error. Not checked by {@link #resolve}: the cached path
     * never needs the tags themselves (see {@code CacheKey}), and nothing invalid is ever cached.
     */
    public SessionTags tags() {
        try {
            return identity.tags();
        } catch (StsRuleException e) {
            throw TallyException.usage("creds: " + tagsFrom + ": " + e.getMessage());
        }
    }

    /** Whether a flag is on: given, or its variable set to anything but {@code 0}/{@code false}. */
    public static boolean flag(CredsArguments args, ProcessEnvironment env, CredsOption option) {
        return args.has(option)
                || value(CredsArguments.of(Map.of()), env, option)
                        .map(v -> !v.equals("0") && !v.equalsIgnoreCase("false"))
                        .orElse(false);
    }

    /** A value and where it came from, so an error names what the user set: the option, or the variable. */
    private record Given(String value, String from) {
        @Override
        public String toString() {
            return from + " '" + value + "'";
        }
    }

    /** Whether the Project tag was given (option or variable) rather than found from the working directory. */
    public static boolean projectGiven(CredsArguments args, ProcessEnvironment env) {
        return value(args, env, CredsOption.PROJECT).isPresent();
    }

    private static Optional<String> value(CredsArguments args, ProcessEnvironment env, CredsOption option) {
        return given(args, env, option).map(Given::value);
    }

    private static Optional<Given> given(CredsArguments args, ProcessEnvironment env, CredsOption option) {
        List<String> given = args.all(option);
        if (!given.isEmpty()) {
            return Optional.of(new Given(given.getLast(), option.optionName()));
        }
        for (String name : option.environment()) {
            Optional<Given> v = variable(env, name);
            if (v.isPresent()) {
                return v;
            }
        }
        return Optional.empty();
    }

    private static Optional<Given> variable(ProcessEnvironment env, String name) {
        return env.get(name).map(v -> new Given(v, name));
    }

    private static OptionalLong number(
            CredsArguments args, ProcessEnvironment env, CredsOption option, long min, long max) {
        Optional<Given> raw = given(args, env, option);
        if (raw.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long n = Long.parseLong(raw.get().value().strip());
            if (n >= min && n <= max) {
                return OptionalLong.of(n);
            }
        } catch (NumberFormatException ignored) {
            // reported below with the expected range
        }
        throw TallyException.usage("creds: " + raw.get() + " is not a number of seconds from " + min + " to " + max);
    }

    /** The session tags asked for, and where they came from: the option, or the variable. */
    private record GivenTags(Map<String, String> tags, String from) {}

    private static GivenTags tags(CredsArguments args, ProcessEnvironment env) {
        List<String> specs = args.all(CredsOption.TAG);
        String from = CredsOption.TAG.optionName();
        if (specs.isEmpty()) {
            Optional<Given> variable = given(args, env, CredsOption.TAG);
            specs = variable.map(v -> List.of(v.value().split(","))).orElse(List.of());
            from = variable.map(Given::from).orElse(from);
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (String spec : specs) {
            if (spec.isBlank()) {
                continue;
            }
            int eq = spec.indexOf('=');
            if (eq <= 0) {
                throw TallyException.usage("creds: " + new Given(spec, from) + " is not KEY=VALUE");
            }
            tags.put(spec.substring(0, eq).strip(), spec.substring(eq + 1));
        }
        return new GivenTags(tags, from);
    }

    /** The STS endpoint the SDK would use from the environment: {@code AWS_ENDPOINT_URL_STS}, then {@code AWS_ENDPOINT_URL}. */
    private static Optional<URI> endpoint(ProcessEnvironment env) {
        for (String name : List.of("AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL")) {
            Optional<String> v = env.get(name);
            if (v.isPresent()) {
                try {
                    URI uri = new URI(v.get().strip());
                    if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                        return Optional.of(uri);
                    }
                } catch (URISyntaxException ignored) {
                    // reported below
                }
                throw TallyException.usage("creds: " + name + " '" + v.get() + "' is not an http(s) URL");
            }
        }
        return Optional.empty();
    }
}
