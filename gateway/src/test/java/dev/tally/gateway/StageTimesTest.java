package dev.tally.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.emulator.Emulator;
import dev.tally.emulator.EmulatorConfig;
import dev.tally.gateway.config.GatewayConfig;
import dev.tally.gateway.govern.Governance;
import dev.tally.gateway.timing.Stage;
import dev.tally.gateway.timing.StageTimes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The stage stamps the benchmark reads: every stage of a proxied call, in order, handed over after the answer. */
class StageTimesTest {
    private static final String BODY = """
            {"anthropic_version":"bedrock-2023-05-31","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}""";

    @Test
    void invoke_passesEveryStage_inOrder() throws Exception {
        MemoryLedger ledger = new MemoryLedger();
        String key = ledger.create("bob", Map.of());
        List<long[]> seen = new CopyOnWriteArrayList<>();
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        try (Emulator aws = Emulator.start(EmulatorConfig.builder().build(), quiet);
                Gateway gateway = Gateway.start(
                        GatewayConfig.builder()
                                .port(0)
                                .roleArn(GatewayHarness.ROLE_ARN)
                                .upstream(aws.endpoint().toString())
                                .build(),
                        GatewayHarness.services(ledger, ledger, () -> true, InstantSource.system(), quiet),
                        Governance.NONE,
                        times -> seen.add(stamps(times)));
                HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(
                                    URI.create(gateway.endpoint() + "/model/us.anthropic.claude-sonnet-4-6/invoke"))
                            .header("Authorization", "Bearer " + key)
                            .header("content-type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(BODY))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(200);
            // Handed over as the last byte's write completes, which the client may see first.
            for (long until = System.nanoTime() + 5_000_000_000L; seen.isEmpty() && System.nanoTime() < until; ) {
                Thread.sleep(10);
            }
            assertThat(seen).hasSize(1);
            long[] at = seen.getFirst();
            for (Stage s : Stage.values()) {
                assertThat(at[s.ordinal()]).as(s.name()).isPositive();
            }
            // Stamped on the request's thread, in this order.
            assertThat(at).isSortedAccordingTo(Long::compare);
        }
    }

    @Test
    void off_stampsNothing() {
        StageTimes off = StageTimes.off();
        off.mark(Stage.HANDLED);
        assertThat(off.recording()).isFalse();
        assertThat(off.at(Stage.HANDLED)).isZero();
    }

    private static long[] stamps(StageTimes times) {
        long[] at = new long[Stage.values().length];
        for (Stage s : Stage.values()) {
            at[s.ordinal()] = times.at(s);
        }
        return at;
    }
}
