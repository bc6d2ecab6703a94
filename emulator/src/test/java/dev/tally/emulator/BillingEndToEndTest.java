package dev.tally.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.emulator.clock.ClockSpec;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Tag;

/**
 * Calls under several tagged sessions, an API key and an IAM user, flushed to CUR 2.0 Parquet and read
 * back with plain DuckDB SQL: every total equals the tokens the SDK reported times list prices written
 * down here from aws-facts.md section 10, not taken from Tally's catalog.
 */
class BillingEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "123456789012";
    private static final String API_KEY = "bedrock-api-key-billing";
    private static final String API_KEY_USER = "arn:aws:iam::123456789012:user/BedrockAPIKey-billing";
    /** USD per million tokens: input, output. Cache read is 0.1x input, 5-minute cache write 1.25x input. */
    private static final Map<String, BigDecimal[]> LIST_PRICES = Map.of(
            "Claude4.6Sonnet", new BigDecimal[] {new BigDecimal("3"), new BigDecimal("15")},
            "NovaLite", new BigDecimal[] {new BigDecimal("0.06"), new BigDecimal("0.24")},
            "Claude4.5Haiku", new BigDecimal[] {new BigDecimal("1"), new BigDecimal("5")});

    @TempDir
    Path curOut;

    private final Map<String, BigDecimal> expectedByPrincipal = new HashMap<>();
    private final Map<String, BigDecimal> expectedByProject = new HashMap<>();
    private final Map<String, Long> expectedTokensByUsageType = new HashMap<>();

    @Test
    void taggedSessions_flushedToCur_totalsEqualTokensTimesListPrices() throws Exception {
        EmulatorConfig config = EmulatorConfig.builder()
                .curOut(curOut)
                .clock(ClockSpec.parse("start=2026-11-03T09:00:00Z,speed=1"))
                .apiKey(new ApiKey(API_KEY, API_KEY_USER))
                .build();
        try (Emulator emulator = Emulator.start(config)) {
            URI endpoint = emulator.endpoint();
            AwsCredentials alice = assume(endpoint, "alice", "alpha", "ds");
            AwsCredentials bob = assume(endpoint, "bob", "beta", "ds");
            AwsCredentials carol = assume(endpoint, "carol", "alpha", "web");
            String aliceArn = "arn:aws:sts::" + ACCOUNT + ":assumed-role/tally-dev/alice";
            String bobArn = "arn:aws:sts::" + ACCOUNT + ":assumed-role/tally-dev/bob";
            String carolArn = "arn:aws:sts::" + ACCOUNT + ":assumed-role/tally-dev/carol";

            try (BedrockRuntimeClient asAlice = Aws.bedrock(endpoint, alice);
                    BedrockRuntimeClient asCarol = Aws.bedrock(endpoint, carol);
                    BedrockRuntimeClient asDeveloper = Aws.bedrock(endpoint, Aws.DEVELOPER);
                    BedrockRuntimeAsyncClient asBob = Aws.bedrockAsync(endpoint, bob)) {
                // Prompt caching: the first call writes the prefix, the second reads it.
                for (int i = 0; i < 2; i++) {
                    invokeAnthropic(asAlice, aliceArn, "alpha", "us.anthropic.claude-sonnet-4-6", """
                            {"anthropic_version":"bedrock-2023-05-31","max_tokens":200,
                             "system":[{"type":"text","text":"You are a careful accountant who explains every cost line in detail.","cache_control":{"type":"ephemeral"}}],
                             "messages":[{"role":"user","content":"Explain this month's bill"}]}""", null);
                }
                invokeAnthropic(
                        asAlice, aliceArn, "alpha", "us.anthropic.claude-sonnet-4-6", """
                        {"anthropic_version":"bedrock-2023-05-31","max_tokens":200,"messages":[{"role":"user","content":"Another day"}]}""", "2026-11-20T15:30:00Z");
                invokeAnthropic(asCarol, carolArn, "alpha", "anthropic.claude-haiku-4-5-20251001-v1:0", """
                        {"anthropic_version":"bedrock-2023-05-31","max_tokens":5,"messages":[{"role":"user","content":"A long question that hits the limit"}]}""", null);
                invokeAnthropic(
                        asDeveloper,
                        "arn:aws:iam::" + ACCOUNT + ":user/developer",
                        null,
                        "us.anthropic.claude-sonnet-4-6",
                        """
                        {"anthropic_version":"bedrock-2023-05-31","max_tokens":20,"messages":[{"role":"user","content":"December usage"}]}""",
                        "2026-12-01T01:00:00Z");
                var converse = asCarol.converse(r -> r.modelId("amazon.nova-lite-v1:0")
                        .messages(Message.builder()
                                .role(ConversationRole.USER)
                                .content(ContentBlock.fromText("Nova, count my tokens"))
                                .build()));
                expect(carolArn, "alpha", "NovaLite", "InvokeModelInference", converse.usage());

                TokenUsage[] streamed = new TokenUsage[1];
                asBob.converseStream(
                                r -> r.modelId("us.anthropic.claude-sonnet-4-6")
                                        .messages(Message.builder()
                                                .role(ConversationRole.USER)
                                                .content(ContentBlock.fromText("Stream a reply about budgets"))
                                                .build()),
                                ConverseStreamResponseHandler.builder()
                                        .subscriber(ConverseStreamResponseHandler.Visitor.builder()
                                                .onMetadata(m -> streamed[0] = m.usage())
                                                .build())
                                        .build())
                        .get(30, TimeUnit.SECONDS);
                expect(bobArn, "beta", "Claude4.6Sonnet", "InvokeModelStreamingInference", streamed[0]);
            }
            HttpResponse<String> apiKeyCall = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(endpoint + "/model/amazon.nova-lite-v1:0/invoke"))
                                    .header("Authorization", "Bearer " + API_KEY)
                                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"schemaVersion":"messages-v1","messages":[{"role":"user","content":[{"text":"Bearer call"}]}],"inferenceConfig":{"maxTokens":64}}"""))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(apiKeyCall.statusCode()).isEqualTo(200);
            JsonNode nova = JSON.readTree(apiKeyCall.body()).get("usage");
            expectTokens(
                    API_KEY_USER,
                    null,
                    "NovaLite",
                    "InvokeModelInference",
                    nova.get("inputTokens").asLong(),
                    nova.get("outputTokens").asLong(),
                    0,
                    0);

            HttpResponse<String> flushed = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(endpoint + "/_emulator/flush"))
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(flushed.statusCode()).isEqualTo(200);
            assertThat(flushed.body()).contains("BILLING_PERIOD=2026-11").contains("BILLING_PERIOD=2026-12");
        }

        Path export = curOut.resolve("tally-emulator");
        Path november = export.resolve("data/BILLING_PERIOD=2026-11/tally-emulator-00001.snappy.parquet");
        Path december = export.resolve("data/BILLING_PERIOD=2026-12/tally-emulator-00001.snappy.parquet");
        assertThat(november).isRegularFile();
        assertThat(december).isRegularFile();
        assertThat(export.resolve("metadata/BILLING_PERIOD=2026-11/tally-emulator-Manifest.json"))
                .isRegularFile();
        JsonNode manifest = JSON.readTree(export.resolve("metadata/BILLING_PERIOD=2026-11/tally-emulator-Manifest.json")
                .toFile());
        assertThat(manifest.get("dataFiles").get(0).asText())
                .isEqualTo("data/BILLING_PERIOD=2026-11/tally-emulator-00001.snappy.parquet");
        try (Stream<Path> files = Files.walk(export)) {
            assertThat(files.filter(Files::isRegularFile)
                            .map(p -> p.getFileName().toString()))
                    .as("no temporary or hidden files left behind")
                    .allMatch(name -> !name.startsWith(".") && !name.contains("tmp"))
                    .hasSize(4);
        }

        String glob = export.resolve("data").toString() + "/*/*.parquet";
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = duck.createStatement()) {
            Map<String, BigDecimal> byPrincipal = sums(
                    s,
                    "SELECT line_item_iam_principal, SUM(line_item_unblended_cost) FROM read_parquet('" + glob
                            + "') GROUP BY 1");
            assertSameTotals(byPrincipal, expectedByPrincipal);
            Map<String, BigDecimal> byProject = sums(
                    s,
                    "SELECT COALESCE(element_at(tags, 'iamPrincipal/Project')[1], '(untagged)'), SUM(line_item_net_unblended_cost) FROM read_parquet('"
                            + glob + "') GROUP BY 1");
            assertSameTotals(byProject, expectedByProject);
            Map<String, BigDecimal> tokens = sums(
                    s,
                    "SELECT line_item_usage_type || ' ' || line_item_operation, SUM(line_item_usage_amount) * 1000 FROM read_parquet('"
                            + glob + "') GROUP BY 1");
            Map<String, BigDecimal> expectedTokens = new HashMap<>();
            expectedTokensByUsageType.forEach((k, v) -> expectedTokens.put(k, BigDecimal.valueOf(v)));
            assertSameTotals(tokens, expectedTokens);

            try (ResultSet rs = s.executeQuery(
                    "SELECT DISTINCT line_item_product_code, product['product_name'], bill_billing_entity, line_item_line_item_type, pricing_unit, "
                            + "line_item_currency_code, line_item_usage_account_id FROM read_parquet('" + glob
                            + "')")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("AmazonBedrock");
                assertThat(rs.getString(3)).isEqualTo("AWS");
                assertThat(rs.getString(4)).isEqualTo("Usage");
                assertThat(rs.getString(5)).isEqualTo("1K tokens");
                assertThat(rs.getString(6)).isEqualTo("USD");
                assertThat(rs.getString(7)).isEqualTo(ACCOUNT);
                assertThat(rs.next()).as("one set of constant columns").isFalse();
            }
            try (ResultSet rs = s.executeQuery(
                    "SELECT line_item_resource_id, line_item_unblended_rate, line_item_usage_start_date, line_item_usage_end_date FROM read_parquet('"
                            + glob
                            + "') WHERE line_item_usage_type = 'USE1-Claude4.6Sonnet-input-tokens' AND line_item_iam_principal LIKE '%/alice' ORDER BY 3")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1))
                        .isEqualTo("arn:aws:bedrock:us-east-1:" + ACCOUNT
                                + ":inference-profile/us.anthropic.claude-sonnet-4-6");
                assertThat(new BigDecimal(rs.getString(2))).isEqualByComparingTo("0.003");
                assertThat(rs.getString(3)).startsWith("2026-11-03 09:00:00");
                assertThat(rs.getString(4)).startsWith("2026-11-03 10:00:00");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(3)).as("the X-Tally-Emulator-Time call").startsWith("2026-11-20 15:00:00");
            }
        }
    }

    private void invokeAnthropic(
            BedrockRuntimeClient client, String principal, String project, String modelId, String body, String at)
            throws Exception {
        var response = client.invokeModel(r -> {
            r.modelId(modelId).body(SdkBytes.fromUtf8String(body));
            if (at != null) {
                r.overrideConfiguration(o -> o.putHeader("X-Tally-Emulator-Time", at));
            }
        });
        JsonNode usage = JSON.readTree(response.body().asUtf8String()).get("usage");
        String model = modelId.contains("haiku") ? "Claude4.5Haiku" : "Claude4.6Sonnet";
        expectTokens(
                principal,
                project,
                model,
                "InvokeModelInference",
                usage.get("input_tokens").asLong(),
                usage.get("output_tokens").asLong(),
                usage.get("cache_read_input_tokens").asLong(),
                usage.get("cache_creation_input_tokens").asLong());
    }

    private void expect(String principal, String project, String model, String operation, TokenUsage usage) {
        expectTokens(
                principal,
                project,
                model,
                operation,
                usage.inputTokens(),
                usage.outputTokens(),
                usage.cacheReadInputTokens() == null ? 0 : usage.cacheReadInputTokens(),
                usage.cacheWriteInputTokens() == null ? 0 : usage.cacheWriteInputTokens());
    }

    private void expectTokens(
            String principal,
            String project,
            String model,
            String operation,
            long input,
            long output,
            long cacheRead,
            long cacheWrite) {
        BigDecimal in = LIST_PRICES.get(model)[0];
        BigDecimal out = LIST_PRICES.get(model)[1];
        BigDecimal million = BigDecimal.valueOf(1_000_000);
        BigDecimal cost = in.multiply(BigDecimal.valueOf(input))
                .add(out.multiply(BigDecimal.valueOf(output)))
                .add(in.multiply(new BigDecimal("0.1")).multiply(BigDecimal.valueOf(cacheRead)))
                .add(in.multiply(new BigDecimal("1.25")).multiply(BigDecimal.valueOf(cacheWrite)))
                .divide(million);
        expectedByPrincipal.merge(principal, cost, BigDecimal::add);
        expectedByProject.merge(project == null ? "(untagged)" : project, cost, BigDecimal::add);
        String prefix = "USE1-" + model + "-";
        addTokens(prefix + "input-tokens " + operation, input);
        addTokens(prefix + "output-tokens " + operation, output);
        addTokens(prefix + "cache-read-input-token-count " + operation, cacheRead);
        addTokens(prefix + "cache-write-input-token-count " + operation, cacheWrite);
    }

    private void addTokens(String key, long tokens) {
        if (tokens > 0) {
            expectedTokensByUsageType.merge(key, tokens, Long::sum);
        }
    }

    private static AwsCredentials assume(URI endpoint, String session, String project, String team) {
        try (StsClient sts = Aws.sts(endpoint, Aws.DEVELOPER)) {
            return Aws.session(sts.assumeRole(r -> r.roleArn("arn:aws:iam::123456789012:role/tally-dev")
                            .roleSessionName(session)
                            .tags(List.of(
                                    Tag.builder().key("Project").value(project).build(),
                                    Tag.builder().key("Team").value(team).build())))
                    .credentials());
        }
    }

    private static Map<String, BigDecimal> sums(Statement s, String sql) throws Exception {
        Map<String, BigDecimal> out = new HashMap<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), new BigDecimal(rs.getString(2)));
            }
        }
        return out;
    }

    /** CUR stores costs as doubles (AWS's type), so sums agree to double precision, not to the last decimal. */
    private static void assertSameTotals(Map<String, BigDecimal> actual, Map<String, BigDecimal> expected) {
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((k, v) -> assertThat(actual.get(k))
                .as(k)
                .isCloseTo(v, org.assertj.core.data.Offset.offset(new BigDecimal("1e-12"))));
    }
}
