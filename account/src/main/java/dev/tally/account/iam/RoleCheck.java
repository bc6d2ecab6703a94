package dev.tally.account.iam;

import static java.util.Objects.requireNonNull;

import dev.tally.account.iam.PolicyEvaluator.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a role's own documents allow, asked the way {@code tally doctor} asks: may this principal assume it
 * with session tags, and may its sessions invoke Bedrock models through inference profiles.
 */
public record RoleCheck(RoleSnapshot role) {
    /** Invocation Claude Code and the gateway need; Converse and ConverseStream are authorized by these. */
    public static final List<String> REQUIRED_INVOKE_ACTIONS =
            List.of("bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream");

    public RoleCheck {
        requireNonNull(role, "role is null");
    }

    public static RoleCheck of(RoleSnapshot role) {
        return new RoleCheck(role);
    }

    /** The verdict per trust action ({@code sts:AssumeRole}, {@code sts:TagSession}) for a principal. */
    public Map<String, Verdict> trustFor(String principalArn) {
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        for (String action : PolicyDocuments.TRUST_ACTIONS) {
            verdicts.put(action, PolicyEvaluator.trustAllows(role.trust(), principalArn, action));
        }
        return verdicts;
    }

    /** The trust actions a principal is not plainly allowed, in the order AWS needs them; empty when all are. */
    public List<String> missingTrustActions(String principalArn) {
        return trustFor(principalArn).entrySet().stream()
                .filter(e -> !e.getValue().allowed())
                .map(Map.Entry::getKey)
                .toList();
    }

    /**
     * The verdict per invoke action over inline and attached policies, on both resource forms a call through
     * an inference profile touches: the profile, and the foundation model it routes to.
     */
    public Map<String, Verdict> invokePermissions() {
        String partition = role.arn().startsWith("arn:") ? role.arn().split(":", 3)[1] : "aws";
        List<String> resources = List.of(
                "arn:" + partition + ":bedrock:*::foundation-model/*",
                "arn:" + partition + ":bedrock:*:*:inference-profile/*");
        List<PolicyDocument> policies = new ArrayList<>(role.inlinePolicies().values());
        policies.addAll(role.attachedPolicies().values());
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        for (String action : REQUIRED_INVOKE_ACTIONS) {
            verdicts.put(action, PolicyEvaluator.grants(policies, action, resources));
        }
        return verdicts;
    }

    /** The invoke actions not granted on every model and inference profile; empty when all are. */
    public List<String> missingInvokeActions() {
        return invokePermissions().entrySet().stream()
                .filter(e -> !e.getValue().allowed())
                .map(Map.Entry::getKey)
                .toList();
    }
}
