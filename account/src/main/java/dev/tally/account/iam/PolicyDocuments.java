package dev.tally.account.iam;

import static java.util.Objects.requireNonNull;

import dev.tally.account.iam.PolicyStatement.Effect;
import dev.tally.core.error.TallyException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The documents of a Tally Bedrock role (aws-facts.md section 4), as values: the trust policy, the
 * permissions policy and, when tags are enforced, a Deny that refuses invocations from sessions without them.
 * {@code tally iam policy} renders them, {@code tally iam apply} puts them on a role, {@code tally doctor}
 * compares a role with them.
 */
public record PolicyDocuments(
        TrustedPrincipal principal,
        PolicyDocument trust,
        PolicyDocument permissions,
        Optional<PolicyDocument> requireTags) {

    /** The inline policy that grants Bedrock invocation. */
    public static final String PERMISSIONS_POLICY = "tally-bedrock-invoke";
    /** The inline policy that denies invocation without the enforced principal tags. */
    public static final String REQUIRE_TAGS_POLICY = "tally-require-tags";

    /**
     * Passing session tags needs {@code sts:TagSession} beside {@code sts:AssumeRole} in the trust policy;
     * without it a tagged AssumeRole fails with a plain AccessDenied that looks like a trust problem.
     */
    public static final List<String> TRUST_ACTIONS = List.of("sts:AssumeRole", "sts:TagSession");

    /**
     * Invocation. {@code InvokeModel} also authorizes Converse and {@code InvokeModelWithResponseStream} also
     * authorizes ConverseStream: there are no separate Converse actions. CountTokens (free, called by Claude
     * Code) takes the same model ids.
     */
    public static final List<String> INVOKE_ACTIONS =
            List.of("bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream", "bedrock:CountTokens");

    /** What a gateway or Claude Code needs besides invocation: resolving inference profiles. */
    public static final List<String> PROFILE_ACTIONS =
            List.of("bedrock:GetInferenceProfile", "bedrock:ListInferenceProfiles");

    public PolicyDocuments {
        requireNonNull(principal, "principal is null");
        requireNonNull(trust, "trust is null");
        requireNonNull(permissions, "permissions is null");
        requireNonNull(requireTags, "requireTags is null");
    }

    /**
     * The documents for a principal, with a Deny per enforced tag key (keys compare case-insensitively, as
     * IAM compares {@code aws:PrincipalTag} keys).
     *
     * @throws TallyException (usage) for a tag key outside IAM's tag rules
     */
    public static PolicyDocuments of(TrustedPrincipal principal, List<String> enforcedTagKeys) {
        return new PolicyDocuments(
                principal, trust(principal), permissions(principal.partition()), requireTags(enforcedTagKeys));
    }

    /** The inline policies by name, in the order a role gets them. */
    public Map<String, PolicyDocument> inlinePolicies() {
        Map<String, PolicyDocument> policies = new LinkedHashMap<>();
        policies.put(PERMISSIONS_POLICY, permissions);
        requireTags.ifPresent(d -> policies.put(REQUIRE_TAGS_POLICY, d));
        return policies;
    }

    private static PolicyDocument trust(TrustedPrincipal principal) {
        return PolicyDocument.of(
                List.of(PolicyStatement.of("TrustTallyPrincipal", Effect.Allow, TRUST_ACTIONS, List.of())
                        .withPrincipals(Map.of("AWS", List.of(principal.arn())))));
    }

    /**
     * Resource ARNs from the Service Authorization Reference: foundation models have no account
     * ({@code arn:aws:bedrock:REGION::foundation-model/ID}); inference profiles and application inference
     * profiles do. Regions are wildcards because a cross-region (geo) inference profile routes each call to a
     * foundation model in another region, and the caller needs permission on that model too. Accounts are
     * wildcards because an inference profile can only be used from its own account anyway, and the role's
     * account is not always the principal's. ListInferenceProfiles has no resource type, so it needs "*".
     */
    private static PolicyDocument permissions(String partition) {
        String foundationModels = "arn:" + partition + ":bedrock:*::foundation-model/*";
        String profiles = "arn:" + partition + ":bedrock:*:*:inference-profile/*";
        String applicationProfiles = "arn:" + partition + ":bedrock:*:*:application-inference-profile/*";
        return PolicyDocument.of(List.of(
                PolicyStatement.of(
                        "InvokeBedrockModels",
                        Effect.Allow,
                        INVOKE_ACTIONS,
                        List.of(foundationModels, profiles, applicationProfiles)),
                PolicyStatement.of(
                        "ReadInferenceProfiles",
                        Effect.Allow,
                        List.of("bedrock:GetInferenceProfile"),
                        List.of(profiles, applicationProfiles)),
                PolicyStatement.of(
                        "ListInferenceProfiles",
                        Effect.Allow,
                        List.of("bedrock:ListInferenceProfiles"),
                        List.of("*"))));
    }

    /**
     * One statement per key: keys inside one {@code Null} block are ANDed, so a single statement would deny
     * only when every tag is missing. Session tags are visible as {@code aws:PrincipalTag/KEY} too, so the Deny
     * holds for role tags and session tags alike.
     */
    private static Optional<PolicyDocument> requireTags(List<String> keys) {
        List<PolicyStatement> statements = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> sids = new HashSet<>();
        for (String raw : keys) {
            String key = RoleTag.requireValidKey(raw);
            if (!seen.add(key.toLowerCase(Locale.ROOT))) {
                continue;
            }
            String sid = "Require" + key.replaceAll("[^A-Za-z0-9]", "") + "Tag";
            for (int i = 2; !sids.add(sid); i++) {
                sid = "Require" + key.replaceAll("[^A-Za-z0-9]", "") + "Tag" + i;
            }
            statements.add(PolicyStatement.of(sid, Effect.Deny, List.of("bedrock:InvokeModel*"), List.of("*"))
                    .withConditions(Map.of("Null", Map.of("aws:PrincipalTag/" + key, List.of("true")))));
        }
        return statements.isEmpty() ? Optional.empty() : Optional.of(PolicyDocument.of(statements));
    }
}
