package dev.tally.emulator;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.TallyException;
import dev.tally.core.principal.Principal;
import dev.tally.core.principal.PrincipalKind;

/**
 * A Bedrock API key, sent as {@code Authorization: Bearer <key>}. AWS backs each key with an IAM user
 * (aws-facts.md section 1), so calls made with it bill to that user's ARN.
 */
public record ApiKey(String key, String userArn) {
    public ApiKey {
        requireNonNull(key, "key is null");
        requireNonNull(userArn, "userArn is null");
        if (key.isBlank()) {
            throw TallyException.invalidSetting("api-key", " has an empty key");
        }
        Principal principal;
        try {
            principal = Principal.parse(userArn);
        } catch (TallyException e) {
            throw TallyException.invalidSetting("api-key", ": " + e.getMessage());
        }
        if (principal.kind() != PrincipalKind.USER && principal.kind() != PrincipalKind.API_KEY) {
            throw TallyException.invalidSetting(
                    "api-key", " must map to an IAM user ARN (arn:aws:iam::ACCOUNT:user/NAME), got '" + userArn + "'");
        }
    }

    /** The IAM user the key maps to (checked valid when the key was made). */
    public Principal principal() {
        return Principal.parse(userArn);
    }

    /** Parses {@code KEY=ARN}. */
    public static ApiKey parse(String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0) {
            throw TallyException.invalidSetting("api-key", " expects KEY=ARN (an IAM user ARN)");
        }
        return new ApiKey(spec.substring(0, eq), spec.substring(eq + 1));
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "ApiKey[userArn=" + userArn + "]";
    }
}
