package dev.tally.cur.sample;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One identity of the sample population that signs Bedrock calls, with the principal tags billing shows
 * for it and the team and project that own what it runs (the source of resource tags).
 *
 * @param tags principal and session tags by key, without the {@code iamPrincipal/} prefix; empty when untagged
 */
record SamplePrincipal(
        int id,
        Style style,
        String arn,
        SampleAccount account,
        Map<String, String> tags,
        String team,
        String project,
        double weight) {

    /** How the identity came to call Bedrock; several map to the same ARN form. */
    enum Style {
        /** A developer's Claude Code session through {@code tally creds}: {@code cc-<project>-<epoch>}. */
        CLAUDE_CODE_SESSION,
        /** A gateway's per-user session, named by the user. */
        GATEWAY_SESSION,
        /** A workload's role session (Lambda, batch jobs), typically untagged. */
        SERVICE_SESSION,
        IAM_USER,
        /** A Bedrock API key, which bills as an IAM user named {@code BedrockAPIKey-...}. */
        API_KEY,
        /** An SSO or SAML session named by the person's email address. */
        FEDERATED
    }

    SamplePrincipal {
        requireNonNull(style, "style is null");
        requireNonNull(arn, "arn is null");
        requireNonNull(account, "account is null");
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(tags, "tags is null")));
        requireNonNull(team, "team is null");
        requireNonNull(project, "project is null");
        if (!(weight > 0)) {
            throw new IllegalArgumentException("weight of " + arn + " must be positive");
        }
    }

    boolean untagged() {
        return tags.isEmpty();
    }
}
