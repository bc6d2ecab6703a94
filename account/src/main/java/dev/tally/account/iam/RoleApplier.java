package dev.tally.account.iam;

import static java.util.Objects.requireNonNull;

import dev.tally.aws.AwsCall;
import dev.tally.core.aws.AwsLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * Makes a role match a {@link RoleSpec} with the fewest IAM calls, and says what it changed. Documents are
 * compared as parsed values, not as text, so a role that already matches is left alone: a second run
 * changes nothing. Tags and inline policies Tally does not own are never removed; the require-tags policy
 * is Tally's and goes away when no tag is enforced any more.
 */
public final class RoleApplier {
    static final String DESCRIPTION =
            "Amazon Bedrock invocation with cost attribution by principal and session tags (managed by tally)";
    private final IamClient iam;
    private final RoleReader reader;

    public RoleApplier(IamClient iam) {
        this.iam = requireNonNull(iam, "iam is null");
        this.reader = new RoleReader(iam);
    }

    /** One thing that changed: the item ("trust policy", "policy tally-bedrock-invoke", "tag Team") and how. */
    public record Change(String item, String what) {
        @Override
        public String toString() {
            return item + ": " + what;
        }
    }

    /** The role's ARN and what changed; no changes means the role already matched the spec. */
    public record Applied(String roleArn, List<Change> changes) {
        public Applied {
            changes = List.copyOf(changes);
        }
    }

    /** Applies the spec. */
    public Applied apply(RoleSpec spec) {
        String role = spec.name().value();
        String target = "role " + role;
        List<Change> changes = new ArrayList<>();
        Optional<RoleSnapshot> current = reader.read(spec.name());
        PolicyDocument trust = spec.documents().trust();
        String arn;
        if (current.isEmpty()) {
            int maxSession = spec.maxSessionSeconds().orElse(AwsLimits.ROLE_MAX_SESSION_MIN);
            arn = AwsCall.iam("CreateRole", target)
                    .run(() -> iam.createRole(b -> b.roleName(role)
                                    .assumeRolePolicyDocument(trust.toJsonString())
                                    .description(DESCRIPTION)
                                    .maxSessionDuration(maxSession)
                                    .tags(spec.tags().stream()
                                            .map(t -> Tag.builder()
                                                    .key(t.key())
                                                    .value(t.value())
                                                    .build())
                                            .toList()))
                            .role()
                            .arn());
            changes.add(new Change(
                    "role " + role,
                    "created, trusting " + spec.documents().principal().arn() + ", max session " + maxSession + " s"
                            + (spec.tags().isEmpty() ? "" : ", tags " + spec.tags())));
        } else {
            RoleSnapshot now = current.get();
            arn = now.arn();
            if (!now.trust().equals(trust)) {
                AwsCall.iam("UpdateAssumeRolePolicy", target)
                        .run(() ->
                                iam.updateAssumeRolePolicy(b -> b.roleName(role).policyDocument(trust.toJsonString())));
                changes.add(new Change(
                        "trust policy",
                        "updated to trust " + spec.documents().principal().arn() + " with "
                                + String.join(" and ", PolicyDocuments.TRUST_ACTIONS)));
            }
            spec.maxSessionSeconds().ifPresent(seconds -> {
                if (seconds != now.maxSessionSeconds()) {
                    // UpdateRole sets the description too; sending the current one keeps it.
                    AwsCall.iam("UpdateRole", target)
                            .run(() -> iam.updateRole(b -> {
                                b.roleName(role).maxSessionDuration(seconds);
                                if (!now.description().isEmpty()) {
                                    b.description(now.description());
                                }
                            }));
                    changes.add(new Change("max session", now.maxSessionSeconds() + " s -> " + seconds + " s"));
                }
            });
            List<RoleTag> changed = spec.tags().stream()
                    .filter(t -> !t.value().equals(valueOf(now.tags(), t.key())))
                    .toList();
            if (!changed.isEmpty()) {
                AwsCall.iam("TagRole", target)
                        .run(() -> iam.tagRole(b -> b.roleName(role)
                                .tags(changed.stream()
                                        .map(t -> Tag.builder()
                                                .key(t.key())
                                                .value(t.value())
                                                .build())
                                        .toList())));
                for (RoleTag t : changed) {
                    String old = valueOf(now.tags(), t.key());
                    changes.add(new Change(
                            "tag " + t.key(),
                            old == null ? "added '" + t.value() + "'" : "'" + old + "' -> '" + t.value() + "'"));
                }
            }
        }
        Map<String, PolicyDocument> existing =
                current.map(RoleSnapshot::inlinePolicies).orElse(Map.of());
        for (Map.Entry<String, PolicyDocument> policy :
                spec.documents().inlinePolicies().entrySet()) {
            PolicyDocument was = existing.get(policy.getKey());
            if (!policy.getValue().equals(was)) {
                AwsCall.iam("PutRolePolicy", target)
                        .run(() -> iam.putRolePolicy(b -> b.roleName(role)
                                .policyName(policy.getKey())
                                .policyDocument(policy.getValue().toJsonString())));
                changes.add(new Change("policy " + policy.getKey(), was == null ? "created" : "updated"));
            }
        }
        if (spec.documents().requireTags().isEmpty() && existing.containsKey(PolicyDocuments.REQUIRE_TAGS_POLICY)) {
            AwsCall.iam("DeleteRolePolicy", target)
                    .run(() -> iam.deleteRolePolicy(
                            b -> b.roleName(role).policyName(PolicyDocuments.REQUIRE_TAGS_POLICY)));
            changes.add(new Change("policy " + PolicyDocuments.REQUIRE_TAGS_POLICY, "removed (no tag is enforced)"));
        }
        return new Applied(arn, changes);
    }

    /** IAM tag keys are case-insensitive: {@code team} and {@code Team} are one tag. */
    private static @Nullable String valueOf(Map<String, String> tags, String key) {
        return tags.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(key))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }
}
