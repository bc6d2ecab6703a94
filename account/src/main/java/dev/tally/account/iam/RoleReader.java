package dev.tally.account.iam;

import static java.util.Objects.requireNonNull;

import dev.tally.aws.AwsCall;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

/** Reads a role and every policy that grants it something, through the IAM API. */
public final class RoleReader {
    private final IamClient iam;

    public RoleReader(IamClient iam) {
        this.iam = requireNonNull(iam, "iam is null");
    }

    /** The role, or empty when IAM has no role of that name. */
    public Optional<RoleSnapshot> read(RoleName name) {
        String role = name.value();
        Optional<Role> found = AwsCall.iam("GetRole", "role " + role).run(() -> {
            try {
                return Optional.of(iam.getRole(b -> b.roleName(role)).role());
            } catch (NoSuchEntityException e) {
                return Optional.empty();
            }
        });
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Role r = found.get();
        Map<String, PolicyDocument> inline = new LinkedHashMap<>();
        for (String policy : AwsCall.iam("ListRolePolicies", "role " + role)
                .run(() -> iam.listRolePoliciesPaginator(b -> b.roleName(role)).policyNames().stream()
                        .toList())) {
            inlinePolicy(name, policy).ifPresent(d -> inline.put(policy, d));
        }
        Map<String, PolicyDocument> attached = new LinkedHashMap<>();
        for (AttachedPolicy policy : AwsCall.iam("ListAttachedRolePolicies", "role " + role)
                .run(() -> iam.listAttachedRolePoliciesPaginator(b -> b.roleName(role)).attachedPolicies().stream()
                        .toList())) {
            attached.put(policy.policyArn(), managedPolicy(policy.policyArn()));
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (Tag t : AwsCall.iam("ListRoleTags", "role " + role)
                .run(() -> iam.listRoleTagsPaginator(b -> b.roleName(role)).tags().stream()
                        .toList())) {
            tags.put(t.key(), t.value());
        }
        return Optional.of(new RoleSnapshot(
                r.roleName(),
                r.arn(),
                PolicyDocument.parse(r.assumeRolePolicyDocument()),
                inline,
                attached,
                r.maxSessionDuration() == null ? 3600 : r.maxSessionDuration(),
                r.description() == null ? "" : r.description(),
                tags));
    }

    /** One inline policy, or empty when the role has none of that name. */
    public Optional<PolicyDocument> inlinePolicy(RoleName role, String policyName) {
        return AwsCall.iam("GetRolePolicy", "role " + role).run(() -> {
            try {
                return Optional.of(PolicyDocument.parse(
                        iam.getRolePolicy(b -> b.roleName(role.value()).policyName(policyName))
                                .policyDocument()));
            } catch (NoSuchEntityException e) {
                return Optional.empty();
            }
        });
    }

    private PolicyDocument managedPolicy(String arn) {
        String version = AwsCall.iam("GetPolicy", "policy " + arn)
                .run(() -> iam.getPolicy(b -> b.policyArn(arn)).policy().defaultVersionId());
        return PolicyDocument.parse(AwsCall.iam("GetPolicyVersion", "policy " + arn)
                .run(() -> iam.getPolicyVersion(b -> b.policyArn(arn).versionId(version))
                        .policyVersion()
                        .document()));
    }

    /** The role name in a role ARN ({@code arn:aws:iam::ACCOUNT:role/path/NAME}): its last path segment. */
    public static RoleName nameOf(String roleArn) {
        int role = roleArn == null ? -1 : roleArn.indexOf(":role/");
        if (role < 0) {
            throw dev.tally.core.error.TallyException.usage(
                    "'" + roleArn + "' is not a role ARN (expected arn:aws:iam::ACCOUNT:role/NAME)");
        }
        return RoleName.of(roleArn.substring(roleArn.lastIndexOf('/') + 1));
    }
}
