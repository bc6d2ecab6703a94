package dev.tally.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.emulator.EmulatorConfig;
import dev.tally.emulator.fault.FaultSpec;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No threads, file descriptors or heap leak across many requests of every kind (completed, throttled, failed, cut
 * and client-cancelled streams): measured before and after, after two warm-up rounds so pools are at their size. The
 * issue asks for 100,000 requests; the suite runs 2,000 between the snapshots (bounded time), the bench can run more.
 */
class LeakCheckTest {
    private static final int ROUND = 1_000;
    private static final String SONNET = "us.anthropic.claude-sonnet-4-6";
    private static final String BODY = """
            {"anthropic_version":"bedrock-2023-05-31","max_tokens":60,"messages":[{"role":"user","content":"leak check"}]}""";

    @Test
    void manyRequestsOfEveryKind_leaveThreadsFileDescriptorsAndHeapWhereTheyWere() throws Exception {
        try (GatewayHarness h =
                new GatewayHarness(EmulatorConfig.builder().faults(new FaultSpec(11, 0.1, 0.1, 0.1, 0)), b -> {})) {
            String key = h.ledger.create("leo", Map.of());
            round(h, key);
            round(h, key);
            Snapshot before = Snapshot.take();
            round(h, key);
            round(h, key);
            Snapshot after = Snapshot.take();
            System.out.println("leak check: before " + before + ", after " + after);
            // Pools (Jetty's, the emulator's, the carriers of virtual threads) may still settle by a few; a leak
            // would grow with the 2,000 requests between the snapshots.
            assertThat(after.threads).isLessThanOrEqualTo(before.threads + 16);
            assertThat(after.fds).isLessThanOrEqualTo(before.fds + 16);
            // The ledger fake keeps every event (about 1 KB each): allow for them, nothing more.
            assertThat(after.heap - before.heap).isLessThan(2L * ROUND * 2_000 + 16L * 1024 * 1024);
        }
    }

    /**
     * Whole answers (read into one array of their declared length) and errors leave their upstream connection
     * alive for the next request: the pool reads each answer to its end, or closing it would abort the connection.
     */
    @Test
    void wholeAnswersAndErrors_reuseTheUpstreamConnection() throws Exception {
        try (GatewayHarness h = new GatewayHarness()) {
            String key = h.ledger.create("lea", Map.of());
            assertThat(h.post("/model/" + SONNET + "/invoke", key, BODY).statusCode())
                    .isEqualTo(200);
            long opened = h.aws.connectionsAccepted();
            for (int i = 0; i < 50; i++) {
                assertThat(h.post("/model/" + SONNET + "/invoke", key, BODY).statusCode())
                        .isEqualTo(200);
                // An unknown model: Bedrock's 404, an error answer read whole too.
                assertThat(h.post("/model/no.such-model/invoke", key, BODY).statusCode())
                        .isEqualTo(404);
            }
            assertThat(h.upstreamCalls("bedrock:InvokeModel")).isEqualTo(101);
            // One request at a time: the pooled connection serves all 100.
            assertThat(h.aws.connectionsAccepted() - opened).isZero();
        }
    }

    private static void round(GatewayHarness h, String key) throws Exception {
        List<Future<?>> calls = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < ROUND; i++) {
                int kind = i % 4;
                calls.add(clients.submit(() -> {
                    String op = kind == 0 ? "invoke" : "invoke-with-response-stream";
                    HttpRequest r = HttpRequest.newBuilder(URI.create(h.endpoint() + "/model/" + SONNET + "/" + op))
                            .header("Authorization", "Bearer " + key)
                            .POST(HttpRequest.BodyPublishers.ofString(BODY))
                            .build();
                    HttpResponse<InputStream> answer = h.http.send(r, HttpResponse.BodyHandlers.ofInputStream());
                    try (InputStream in = answer.body()) {
                        if (kind == 3) {
                            in.readNBytes(100); // then hang up mid-stream
                        } else {
                            in.readAllBytes();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : calls) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (!(e.getCause() instanceof IOException)) {
                        throw e;
                    }
                }
            }
        }
    }

    private record Snapshot(int threads, long fds, long heap) {
        static Snapshot take() throws Exception {
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(200);
            }
            long fds;
            try (Stream<Path> open = Files.list(Path.of("/proc/self/fd"))) {
                fds = open.count();
            }
            return new Snapshot(
                    ManagementFactory.getThreadMXBean().getThreadCount(),
                    fds,
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
    }
}
