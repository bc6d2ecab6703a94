package dev.tally.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.emulator.EmulatorConfig;
import dev.tally.gateway.config.Limits;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the gateway refuses on its own: each answered in Bedrock's shape (status, {@code x-amzn-ErrorType}, a JSON
 * message), and none of them reaches the upstream, as the emulator's call log proves.
 */
class RefusalsTest {
    private static final String INVOKE = "/model/us.anthropic.claude-sonnet-4-6/invoke";
    private static final String BODY = """
            {"anthropic_version":"bedrock-2023-05-31","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}""";

    static GatewayHarness harness;
    static String key;

    @BeforeAll
    static void start() {
        Limits d = Limits.DEFAULTS;
        harness = new GatewayHarness(
                EmulatorConfig.builder(),
                b -> b.limits(new Limits(
                        1024,
                        d.drainTimeout(),
                        d.stsPerSecond(),
                        d.stsMaxWait(),
                        d.stsAttempts(),
                        d.cachedIdentities(),
                        d.sessionDuration(),
                        d.keyCacheTtl(),
                        d.requestThreads())));
        key = harness.ledger.create("bob", Map.of());
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void noKey_unknownKey_andAMalformedHeader_areAccessDenied_withoutAnUpstreamCall() throws Exception {
        long before = harness.upstreamCallsTotal();
        assertBedrockError(harness.post(INVOKE, null, BODY), 403, "AccessDeniedException");
        assertBedrockError(harness.post(INVOKE, "tly_not-a-key", BODY), 403, "AccessDeniedException");
        var basic = harness.http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(harness.endpoint() + INVOKE))
                        .header("Authorization", "Basic Ym9iOnNlY3JldA==")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(BODY))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertBedrockError(basic, 403, "AccessDeniedException");
        assertThat(harness.upstreamCallsTotal()).isEqualTo(before);
    }

    @Test
    void badInput_isAValidationException_withoutAnUpstreamCall() throws Exception {
        long before = harness.upstreamCallsTotal();
        assertBedrockError(harness.post("/model/x/fly", key, BODY), 404, "ValidationException");
        assertBedrockError(harness.get("/nothing-here", key), 404, "ValidationException");
        assertBedrockError(harness.get(INVOKE, key), 404, "ValidationException");
        HttpResponse<String> malformed = harness.post(INVOKE, key, "{not json");
        assertBedrockError(malformed, 400, "ValidationException");
        assertThat(malformed.body()).contains("the request body is not valid JSON.");
        assertBedrockError(harness.post(INVOKE, key, "[1,2]"), 400, "ValidationException");
        assertBedrockError(harness.post("/model/bad%20id%3F/invoke", key, BODY), 400, "ValidationException");
        assertBedrockError(harness.post("/model/caf%C3%A9/converse", key, BODY), 400, "ValidationException");
        String big = "{\"pad\":\"" + "x".repeat(2000) + "\"}";
        assertBedrockError(harness.post(INVOKE, key, big), 413, "ValidationException");
        assertThat(harness.upstreamCallsTotal()).isEqualTo(before);
    }

    @Test
    void aRevokedKey_isRefusedWithinASecond() throws Exception {
        String doomed = harness.ledger.create("carol", Map.of());
        assertThat(harness.post(INVOKE, doomed, BODY).statusCode()).isEqualTo(200);
        harness.ledger.revoke(doomed);
        long revokedAt = System.nanoTime();
        long invokesBefore = harness.upstreamCalls("bedrock:InvokeModel");
        int status = 200;
        while (status == 200
                && System.nanoTime() - revokedAt < Duration.ofSeconds(3).toNanos()) {
            status = harness.post(INVOKE, doomed, BODY).statusCode();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - revokedAt);
        assertThat(status).isEqualTo(403);
        assertThat(took).isLessThan(Duration.ofSeconds(1));
        long allowedMeanwhile = harness.upstreamCalls("bedrock:InvokeModel") - invokesBefore;
        assertBedrockError(harness.post(INVOKE, doomed, BODY), 403, "AccessDeniedException");
        assertThat(harness.upstreamCalls("bedrock:InvokeModel") - invokesBefore).isEqualTo(allowedMeanwhile);
    }

    @Test
    void healthAndReadiness_needNoKey() throws Exception {
        assertThat(harness.get("/healthz", null).statusCode()).isEqualTo(200);
        assertThat(harness.get("/readyz", null).statusCode()).isEqualTo(200);
    }

    @Test
    void readiness_saysWhyWhenTheUpstreamIsUnreachable() throws Exception {
        try (GatewayHarness h = new GatewayHarness(EmulatorConfig.builder(), b -> b.upstream("http://127.0.0.1:9"))) {
            var r = h.get("/readyz", null);
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).contains("upstream 127.0.0.1:9 unreachable");
            assertThat(h.get("/healthz", null).statusCode()).isEqualTo(200);
        }
    }

    static void assertBedrockError(HttpResponse<String> r, int status, String type) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("x-amzn-ErrorType")).contains(type);
        assertThat(r.body()).startsWith("{\"message\":\"");
    }
}
