package dev.tally.creds;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Where the credentials that call AssumeRole come from: a named profile ({@code --source-profile}), or,
 * when none was named, the profile {@code default}, and the {@code AWS_ACCESS_KEY_ID} pair when no such
 * profile exists. Never {@code AWS_PROFILE}: {@code tally run} sets it to the profile whose
 * credential_process is {@code tally creds}, and following it would recurse.
 */
public record SourceCredentials(String profile, boolean named, Optional<String> environmentAccessKeyId) {
    public static final String DEFAULT_PROFILE = "default";

    public SourceCredentials {
        requireNonNull(profile, "profile is null");
        requireNonNull(environmentAccessKeyId, "environmentAccessKeyId is null");
    }

    public static SourceCredentials of(Optional<String> profile, ProcessEnvironment env) {
        return profile.map(p -> new SourceCredentials(p, true, Optional.<String>empty()))
                .orElseGet(() -> new SourceCredentials(DEFAULT_PROFILE, false, env.get("AWS_ACCESS_KEY_ID")));
    }

    /** What tells two sources apart in the cache key (an access key id is an identifier, not a secret). */
    public String cacheIdentity() {
        return named ? "profile:" + profile : "default:" + environmentAccessKeyId.orElse("");
    }
}
