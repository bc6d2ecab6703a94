package dev.tally.account.iam;

import static java.util.Objects.requireNonNull;

import dev.tally.core.aws.AwsLimits;
import dev.tally.core.error.TallyException;
import java.util.List;
import java.util.OptionalInt;

/**
 * The role {@code tally iam apply} makes true: its name, documents, optional maximum session duration and
 * tags. The maximum session is IAM's range, 3600 to 43200 seconds (1 to 12 hours); unset leaves an existing
 * role's value alone and gives a new role IAM's default of one hour.
 */
public record RoleSpec(RoleName name, PolicyDocuments documents, OptionalInt maxSessionSeconds, List<RoleTag> tags) {

    public RoleSpec {
        requireNonNull(name, "name is null");
        requireNonNull(documents, "documents is null");
        requireNonNull(maxSessionSeconds, "maxSessionSeconds is null");
        tags = List.copyOf(tags);
        if (maxSessionSeconds.isPresent()
                && (maxSessionSeconds.getAsInt() < AwsLimits.ROLE_MAX_SESSION_MIN
                        || maxSessionSeconds.getAsInt() > AwsLimits.ROLE_MAX_SESSION_MAX)) {
            throw TallyException.usage("max session " + maxSessionSeconds.getAsInt() + " s is outside IAM's range "
                    + AwsLimits.ROLE_MAX_SESSION_MIN + " to " + AwsLimits.ROLE_MAX_SESSION_MAX
                    + " seconds (1 to 12 hours)");
        }
        long distinct = tags.stream()
                .map(t -> t.key().toLowerCase(java.util.Locale.ROOT))
                .distinct()
                .count();
        if (distinct != tags.size()) {
            throw TallyException.usage("the same tag key is given twice (IAM tag keys are case-insensitive): " + tags);
        }
    }
}
