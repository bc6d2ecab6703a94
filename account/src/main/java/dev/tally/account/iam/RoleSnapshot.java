package dev.tally.account.iam;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * What IAM says about a role right now: its trust policy, inline and attached (managed) policies, maximum
 * session duration, description and tags. Read by {@link RoleReader}; compared by {@link RoleApplier} and
 * {@link RoleCheck}.
 *
 * @param attachedPolicies managed policy documents (default versions) by policy ARN
 */
public record RoleSnapshot(
        String roleName,
        String arn,
        PolicyDocument trust,
        Map<String, PolicyDocument> inlinePolicies,
        Map<String, PolicyDocument> attachedPolicies,
        int maxSessionSeconds,
        String description,
        Map<String, String> tags) {

    public RoleSnapshot {
        requireNonNull(roleName, "roleName is null");
        requireNonNull(arn, "arn is null");
        requireNonNull(trust, "trust is null");
        inlinePolicies = Map.copyOf(inlinePolicies);
        attachedPolicies = Map.copyOf(attachedPolicies);
        requireNonNull(description, "description is null");
        tags = Map.copyOf(tags);
    }
}
