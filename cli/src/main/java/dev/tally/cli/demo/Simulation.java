package dev.tally.cli.demo;

import dev.tally.core.sts.SessionIdentity;
import dev.tally.core.sts.SessionName;
import dev.tally.core.sts.SessionTag;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Tag;

/**
 * Plays the organisation against an endpoint with the real AWS SDK, as its people would: each developer
 * assumes the Bedrock role once per repository and day with session tags Project, User and team (the
 * session {@code tally creds} makes), then calls Converse and InvokeModel; the CI bot calls with its IAM
 * user. Each call carries the emulator's time header, so two weeks of billing take seconds. Seeded: the
 * same seed makes the same bill.
 */
final class Simulation {
    static final String TIME_HEADER = "X-Tally-Emulator-Time";

    private final URI endpoint;
    private final String roleArn;
    private final AwsBasicCredentials developerKeys;
    private final AwsBasicCredentials botKeys;
    private final Random random;
    private int calls;
    private int sessions;

    Simulation(
            URI endpoint, String roleArn, AwsBasicCredentials developerKeys, AwsBasicCredentials botKeys, long seed) {
        this.endpoint = endpoint;
        this.roleArn = roleArn;
        this.developerKeys = developerKeys;
        this.botKeys = botKeys;
        this.random = new Random(seed);
    }

    /** Runs {@code days} days ending yesterday (UTC); weekends are quiet. */
    void run(Organisation org, LocalDate firstDay, int days) {
        try (StsClient sts = StsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(developerKeys))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            for (int d = 0; d < days; d++) {
                LocalDate day = firstDay.plusDays(d);
                boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
                for (Organisation.Developer dev : org.developers()) {
                    for (String repo : dev.repositories()) {
                        int n = weekend
                                ? (random.nextInt(5) == 0 ? 1 : 0)
                                : 1 + random.nextInt((int) Math.ceil(4 * dev.intensity()));
                        if (n > 0) {
                            workOn(sts, org, dev, repo, day, n);
                        }
                    }
                }
                if (!weekend) {
                    callAs(
                            StaticCredentialsProvider.create(botKeys),
                            "us.anthropic.claude-haiku-4-5-20251001-v1:0",
                            day,
                            2 + random.nextInt(3),
                            8_000);
                }
            }
        }
    }

    int calls() {
        return calls;
    }

    int sessions() {
        return sessions;
    }

    private void workOn(
            StsClient sts, Organisation org, Organisation.Developer dev, String repo, LocalDate day, int n) {
        SessionIdentity identity = new SessionIdentity(repo, dev.name(), Map.of("team", dev.team()));
        Instant start = at(day, 9);
        SessionName name = identity.sessionName("cc", start.getEpochSecond());
        List<Tag> tags = new ArrayList<>();
        for (SessionTag t : identity.tags().tags()) {
            tags.add(Tag.builder().key(t.key()).value(t.value()).build());
        }
        AssumeRoleResponse session = sts.assumeRole(
                r -> r.roleArn(roleArn).roleSessionName(name.value()).tags(tags).durationSeconds(3600));
        sessions++;
        var creds = session.credentials();
        AwsCredentialsProvider provider = StaticCredentialsProvider.create(
                AwsSessionCredentials.create(creds.accessKeyId(), creds.secretAccessKey(), creds.sessionToken()));
        String model = org.models().get(random.nextInt(org.models().size()));
        callAs(provider, model, day, n, 60_000);
    }

    private void callAs(AwsCredentialsProvider credentials, String model, LocalDate day, int n, int promptSize) {
        try (BedrockRuntimeClient bedrock = BedrockRuntimeClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            for (int i = 0; i < n; i++) {
                String when = at(day, 9 + random.nextInt(9))
                        .plusSeconds(random.nextInt(3600))
                        .toString();
                String prompt = prompt(promptSize / 2 + random.nextInt(promptSize));
                int maxTokens = 200 + random.nextInt(1800);
                if (i % 3 == 2) {
                    String body = AnthropicBody.of(maxTokens, prompt);
                    bedrock.invokeModel(r -> r.modelId(model)
                            .contentType("application/json")
                            .body(SdkBytes.fromUtf8String(body))
                            .overrideConfiguration(o -> o.putHeader(TIME_HEADER, when)));
                } else {
                    bedrock.converse(r -> r.modelId(model)
                            .messages(Message.builder()
                                    .role(ConversationRole.USER)
                                    .content(ContentBlock.fromText(prompt))
                                    .build())
                            .inferenceConfig(c -> c.maxTokens(maxTokens))
                            .overrideConfiguration(o -> o.putHeader(TIME_HEADER, when)));
                }
                calls++;
            }
        }
    }

    private String prompt(int chars) {
        String[] words = {
            "refactor",
            "the",
            "payment",
            "retry",
            "logic",
            "add",
            "tests",
            "for",
            "edge",
            "cases",
            "explain",
            "this",
            "stack",
            "trace",
            "migrate",
            "schema",
            "pipeline",
            "review",
            "diff",
            "and",
            "suggest",
            "names"
        };
        StringBuilder b = new StringBuilder();
        while (b.length() < chars) {
            b.append(words[random.nextInt(words.length)]).append(' ');
        }
        return b.toString().strip();
    }

    private static Instant at(LocalDate day, int hour) {
        return day.atTime(hour, 0).toInstant(ZoneOffset.UTC);
    }
}
