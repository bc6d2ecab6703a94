package dev.tally.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.emulator.EmulatorConfig;
import dev.tally.emulator.fault.FaultSpec;
import dev.tally.emulator.fault.LatencySpec;
import dev.tally.ledger.Outcome;
import dev.tally.ledger.TokenCounts;
import dev.tally.ledger.UsageEvent;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Faults the emulator injects reach the client in Bedrock's shapes, and the ledger stays exact for completed and
 * failed calls and flags cut or cancelled streams as estimates.
 */
class FaultsTest {
    private static final String SONNET = "us.anthropic.claude-sonnet-4-6";
    /** The emulator echoes at most 200 characters of the prompt: about 55 tokens of answer. */
    private static final String LONG_ANSWER = """
            {"anthropic_version":"bedrock-2023-05-31","max_tokens":400,
             "messages":[{"role":"user","content":"%s"}]}""".formatted("Please write a long answer. ".repeat(10));

    private static final String BODY = """
            {"anthropic_version":"bedrock-2023-05-31","max_tokens":400,
             "messages":[{"role":"user","content":"Please write a long enough answer so the stream has many deltas to cut"}]}""";

    @Test
    void throttling_reachesTheClientAs429_andIsMeteredAsAFailedCallWithNoTokens() throws Exception {
        try (GatewayHarness h =
                new GatewayHarness(EmulatorConfig.builder().faults(new FaultSpec(1, 1, 0, 0, 0)), b -> {})) {
            String key = h.ledger.create("gina", Map.of());
            var r = h.post("/model/" + SONNET + "/invoke", key, BODY);
            RefusalsTest.assertBedrockError(r, 429, "ThrottlingException");
            UsageEvent e = h.ledger.events().getLast();
            assertThat(e.httpStatus()).isEqualTo(429);
            assertThat(e.outcome()).isEqualTo(Outcome.UPSTREAM_ERROR);
            assertThat(e.tokens()).isEqualTo(TokenCounts.NONE);
            assertThat(e.estimated()).isFalse();
        }
    }

    @Test
    void serverErrors_reachTheClientWithTheirStatus() throws Exception {
        try (GatewayHarness h =
                new GatewayHarness(EmulatorConfig.builder().faults(new FaultSpec(3, 0, 1, 0, 0)), b -> {})) {
            String key = h.ledger.create("hank", Map.of());
            for (int i = 0; i < 6; i++) {
                var r = h.post("/model/" + SONNET + "/converse-stream", key, """
                        {"messages":[{"role":"user","content":[{"text":"x"}]}]}""");
                assertThat(r.statusCode()).isIn(500, 503);
                assertThat(r.headers().firstValue("x-amzn-ErrorType"))
                        .hasValueSatisfying(
                                t -> assertThat(t).isIn("InternalServerException", "ServiceUnavailableException"));
            }
            assertThat(h.ledger.events()).hasSize(6).allMatch(e -> e.outcome() == Outcome.UPSTREAM_ERROR);
        }
    }

    @Test
    void aCutStream_endsWithItsExceptionFrame_andIsMeteredWithExactInputFlaggedEstimated() throws Exception {
        try (GatewayHarness h =
                new GatewayHarness(EmulatorConfig.builder().faults(new FaultSpec(5, 0, 0, 1, 0)), b -> {})) {
            String key = h.ledger.create("ivy", Map.of());
            var r = h.http.send(
                    HttpRequest.newBuilder(
                                    URI.create(h.endpoint() + "/model/" + SONNET + "/invoke-with-response-stream"))
                            .header("Authorization", "Bearer " + key)
                            .POST(HttpRequest.BodyPublishers.ofString(BODY))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(new String(r.body(), java.nio.charset.StandardCharsets.ISO_8859_1))
                    .contains("modelStreamErrorException");
            UsageEvent e = h.ledger.events().getLast();
            assertThat(e.outcome()).isEqualTo(Outcome.UPSTREAM_ERROR);
            assertThat(e.estimated()).isTrue();
            assertThat(e.tokens().input()).isPositive();
        }
    }

    @Test
    void aClientThatDisconnectsMidStream_cancelsTheUpstreamCall_andIsMeteredAsCancelled() throws Exception {
        try (GatewayHarness h =
                new GatewayHarness(EmulatorConfig.builder().latency(LatencySpec.parse("ttft=10ms,tps=4")), b -> {})) {
            String key = h.ledger.create("jack", Map.of());
            var r = h.http.send(
                    HttpRequest.newBuilder(
                                    URI.create(h.endpoint() + "/model/" + SONNET + "/invoke-with-response-stream"))
                            .header("Authorization", "Bearer " + key)
                            .POST(HttpRequest.BodyPublishers.ofString(LONG_ANSWER))
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                in.readNBytes(200);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (h.ledger.events().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            UsageEvent e = h.ledger.events().getLast();
            assertThat(e.outcome()).isEqualTo(Outcome.CLIENT_CANCELLED);
            assertThat(e.estimated()).isTrue();
            assertThat(e.tokens().input()).isPositive();
            // Cancelled well before the ~14 s the whole answer takes at 4 tokens per second (the margin is wide
            // because a loaded 2-core machine can delay the cancellation by seconds). At 25 tokens per second the
            // emulator's answer (an echo of at most 200 characters) took about a second, which a loaded machine
            // could let finish before the gateway noticed the client had gone.
            assertThat(e.latency()).isLessThan(Duration.ofSeconds(8));
        }
    }

    @Test
    void secrets_neverAppearInTheLogs() throws Exception {
        try (GatewayHarness h =
                new GatewayHarness(EmulatorConfig.builder().faults(new FaultSpec(9, 0.3, 0.3, 0.3, 0)), b -> {})) {
            String key = h.ledger.create("kim", Map.of("Team", "sec"));
            for (int i = 0; i < 10; i++) {
                h.post("/model/" + SONNET + "/invoke", key, BODY);
                h.post("/model/" + SONNET + "/invoke-with-response-stream", key, BODY);
            }
            h.post("/model/" + SONNET + "/invoke", key + "x", BODY);
            h.post("/model/" + SONNET + "/invoke", key, "{bad json");
            var session = h.gateway
                    .broker()
                    .credentialsFor(new dev.tally.gateway.session.SessionIdentities("gw-{user}", Map.of())
                            .identityFor(h.ledger.find(key).orElseThrow()));
            Thread.sleep(200);
            String log = h.logText();
            assertThat(log).contains("user=kim").contains("status=");
            assertThat(log)
                    .doesNotContain(key)
                    .doesNotContain(key.substring(4, 20))
                    .doesNotContain(session.sessionToken())
                    .doesNotContain(session.secretAccessKey())
                    .doesNotContain(GatewayHarness.SECRET_KEY)
                    .doesNotContain("Please write");
        }
    }
}
