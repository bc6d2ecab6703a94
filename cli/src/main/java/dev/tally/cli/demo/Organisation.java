package dev.tally.cli.demo;

import java.util.List;

/**
 * The made-up company the demo bills: developers in teams, each working on a few repositories with Claude
 * Code through {@code tally creds}-style sessions, a CI bot that calls Bedrock with its own IAM user and no
 * tags (the untagged spend a real bill always has), and people who work through {@code tally gateway} with a
 * key: a support team's assistant and a data analyst, whose keys carry their team and project.
 */
record Organisation(List<Developer> developers, List<GatewayUser> gatewayUsers, List<String> models) {
    record Developer(String name, String team, List<String> repositories, double intensity) {}

    /** Works through the gateway: the key's tags are the session tags the gateway signs their calls with. */
    record GatewayUser(String name, String team, String project, double intensity) {}

    static Organisation demo() {
        return new Organisation(
                List.of(
                        new Developer("ann", "payments", List.of("checkout-service", "ledger-api"), 1.4),
                        new Developer("ben", "payments", List.of("checkout-service"), 0.8),
                        new Developer("chloe", "data", List.of("data-pipeline", "ledger-api"), 1.1),
                        new Developer("dev", "data", List.of("data-pipeline", "ml-notebooks"), 0.6),
                        new Developer("emma", "mobile", List.of("mobile-app"), 1.0)),
                List.of(
                        new GatewayUser("fatima", "support", "support-assistant", 1.2),
                        new GatewayUser("gus", "support", "support-assistant", 0.8),
                        new GatewayUser("hana", "data", "data-pipeline", 1.0)),
                List.of(
                        "us.anthropic.claude-sonnet-4-6",
                        "us.anthropic.claude-sonnet-4-6",
                        "us.anthropic.claude-haiku-4-5-20251001-v1:0",
                        "us.anthropic.claude-opus-4-6"));
    }
}
