package dev.tally.emulator.auth;

import static java.util.Objects.requireNonNull;

import dev.tally.core.sts.SessionTags;
import java.util.List;
import java.util.Optional;

/**
 * Who signed a call: the ARN billing attributes it to, the id STS reports for it, and the session tags it
 * carries (empty for IAM users and API keys).
 *
 * @param roleName set for assumed-role sessions, so AssumeRole can tell role chaining apart
 */
public record Identity(String arn, String userId, String accountId, SessionTags tags, Optional<String> roleName) {
    public Identity {
        requireNonNull(arn, "arn is null");
        requireNonNull(userId, "userId is null");
        requireNonNull(accountId, "accountId is null");
        requireNonNull(tags, "tags is null");
        requireNonNull(roleName, "roleName is null");
    }

    public static Identity user(String arn, String userId, String accountId) {
        return new Identity(arn, userId, accountId, SessionTags.of(List.of()), Optional.empty());
    }

    public boolean isAssumedRole() {
        return roleName.isPresent();
    }
}
