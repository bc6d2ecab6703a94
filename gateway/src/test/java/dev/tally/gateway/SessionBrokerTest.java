package dev.tally.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.emulator.EmulatorConfig;
import dev.tally.emulator.fault.FaultSpec;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The session broker, counted by the emulator's own call log. */
class SessionBrokerTest {
    private static final String CONVERSE = "/model/us.anthropic.claude-haiku-4-5-20251001-v1:0/converse";
    private static final String BODY = """
            {"messages":[{"role":"user","content":[{"text":"hi"}]}],"inferenceConfig":{"maxTokens":8}}""";

    @Test
    void aThousandConcurrentFirstRequests_makeExactlyOneAssumeRole() throws Exception {
        try (GatewayHarness h = new GatewayHarness()) {
            String key = h.ledger.create("dana", Map.of("Tenant", "acme"));
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 1000; i++) {
                    answers.add(clients.submit(() -> h.post(CONVERSE, key, BODY)));
                }
            }
            for (Future<HttpResponse<String>> a : answers) {
                assertThat(a.get().statusCode()).isEqualTo(200);
            }
            assertThat(h.upstreamCalls("sts:AssumeRole")).isEqualTo(1);
            assertThat(h.upstreamCalls("bedrock:Converse")).isEqualTo(1000);
            var call = h.aws.calls().recentAssumeRoleCalls().getFirst();
            assertThat(call.sessionName()).isEqualTo("gw-dana");
            assertThat(call.tags()).isEqualTo(Map.of("User", "dana", "Tenant", "acme"));
        }
    }

    @Test
    void eachIdentity_getsItsOwnSession_andTwoKeysOfOneIdentityShareIt() throws Exception {
        try (GatewayHarness h = new GatewayHarness()) {
            String a1 = h.ledger.create("erin", Map.of("Team", "data"));
            String a2 = h.ledger.create("erin", Map.of("Team", "data"));
            String b = h.ledger.create("erin", Map.of("Team", "web"));
            assertThat(h.post(CONVERSE, a1, BODY).statusCode()).isEqualTo(200);
            assertThat(h.post(CONVERSE, a2, BODY).statusCode()).isEqualTo(200);
            assertThat(h.post(CONVERSE, b, BODY).statusCode()).isEqualTo(200);
            assertThat(h.upstreamCalls("sts:AssumeRole")).isEqualTo(2);
        }
    }

    @Test
    void stsThrottling_isRetriedWithBackoff_untilItSucceeds() throws Exception {
        try (GatewayHarness h =
                new GatewayHarness(EmulatorConfig.builder().faults(new FaultSpec(7, 0, 0, 0, 0.3)), b -> {})) {
            for (int i = 0; i < 5; i++) {
                String key = h.ledger.create("user" + i, Map.of());
                assertThat(h.post(CONVERSE, key, BODY).statusCode()).isEqualTo(200);
            }
            long throttled = h.aws.calls().recentAssumeRoleCalls().stream()
                    .filter(c -> !c.outcome().equals("ok"))
                    .count();
            assertThat(throttled).isPositive();
            assertThat(h.upstreamCalls("sts:AssumeRole")).isEqualTo(5 + throttled);
        }
    }

    @Test
    void anStsFailure_isA503InBedrocksShape_andBedrockIsNotCalled() throws Exception {
        try (GatewayHarness h = new GatewayHarness(
                EmulatorConfig.builder(), b -> b.roleArn("arn:aws:iam::123456789012:role/no-such-role"))) {
            String key = h.ledger.create("frank", Map.of());
            var r = h.post(CONVERSE, key, BODY);
            RefusalsTest.assertBedrockError(r, 503, "ServiceUnavailableException");
            assertThat(r.body()).contains("AccessDenied");
            assertThat(h.upstreamCalls("bedrock:Converse")).isZero();
        }
    }
}
