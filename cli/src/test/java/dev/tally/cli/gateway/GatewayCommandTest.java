package dev.tally.cli.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.cli.TallyRun;
import dev.tally.emulator.Emulator;
import dev.tally.emulator.EmulatorConfig;
import dev.tally.emulator.fault.LatencySpec;
import dev.tally.ledger.Ledger;
import dev.tally.ledger.Outcome;
import dev.tally.ledger.SyncMode;
import dev.tally.ledger.UsageEvent;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tally gateway} as a process: start time, SIGTERM drain with the ledger committed, and usage errors. */
class GatewayCommandTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/tally-dev";

    @TempDir
    Path dir;

    @Test
    void sigterm_drainsAStreamInFlight_commitsItsUsage_andExitsZero() throws Exception {
        try (Emulator aws = Emulator.start(
                EmulatorConfig.builder()
                        .latency(LatencySpec.parse("ttft=50ms,tps=100"))
                        .build(),
                new java.io.PrintStream(new java.io.ByteArrayOutputStream()))) {
            Path ledgerFile = dir.resolve("ledger.db");
            String key;
            try (Ledger ledger = Ledger.open(ledgerFile.toString(), SyncMode.NORMAL)) {
                key = ledger.keys().create("mia", Map.of("Team", "ops")).key();
            }
            ProcessBuilder pb = GatewayProcess.gateway(aws.endpoint(), ROLE, ledgerFile.toString())
                    .redirectError(dir.resolve("err.txt").toFile());
            long started = System.nanoTime();
            Process gateway = pb.start();
            URI endpoint = GatewayProcess.endpoint(gateway);
            long listeningMillis = (System.nanoTime() - started) / 1_000_000;
            System.out.println("tally gateway listening after " + listeningMillis + " ms (test class path, no AOT)");
            try (HttpClient http = HttpClient.newHttpClient()) {
                // About 2.5 s of streaming at 100 tokens per second. SIGTERM is sent once the answer's headers are
                // in (the request is in flight at the gateway), so it lands in the middle of the stream. (A request
                // still unread in a socket when SIGTERM arrives is not drained: Jetty closes such connections.)
                HttpResponse<java.io.InputStream> inFlight = http.sendAsync(
                                HttpRequest.newBuilder(endpoint.resolve(
                                                "/model/us.anthropic.claude-sonnet-4-6/invoke-with-response-stream"))
                                        .header("Authorization", "Bearer " + key)
                                        .POST(HttpRequest.BodyPublishers.ofString("""
                                                {"anthropic_version":"bedrock-2023-05-31","max_tokens":60,
                                                 "messages":[{"role":"user","content":"%s"}]}""".formatted("word ".repeat(200))))
                                        .build(),
                                HttpResponse.BodyHandlers.ofInputStream())
                        .get(60, TimeUnit.SECONDS);
                gateway.destroy(); // SIGTERM
                byte[] body;
                try (java.io.InputStream in = inFlight.body()) {
                    body = in.readAllBytes();
                }
                assertThat(inFlight.statusCode()).isEqualTo(200);
                // The closing frame (base64 of {"type":"message_stop", with the invocation metrics) arrived.
                assertThat(new String(body, StandardCharsets.ISO_8859_1)).contains("eyJ0eXBlIjoibWVzc2FnZV9zdG9w");
            }
            assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String err = Files.readString(dir.resolve("err.txt"));
            assertThat(gateway.exitValue()).as(err).isZero();
            assertThat(err)
                    .contains("draining")
                    .contains("the ledger is committed")
                    .doesNotContain(key);
            try (Ledger ledger = Ledger.open(ledgerFile.toString(), SyncMode.NORMAL);
                    Stream<UsageEvent> events =
                            ledger.events(Instant.EPOCH, Instant.now().plusSeconds(60))) {
                List<UsageEvent> all = events.toList();
                assertThat(all).hasSize(1);
                assertThat(all.getFirst().outcome()).isEqualTo(Outcome.COMPLETED);
                assertThat(all.getFirst().user()).isEqualTo("mia");
                assertThat(all.getFirst().tokens().output()).isPositive();
            }
        }
    }

    @Test
    void sigkillUnderLoad_thenRestart_everyCompletedResponseIsInTheLedgerExactlyOnce() throws Exception {
        try (Emulator aws = Emulator.start(
                EmulatorConfig.defaults(), new java.io.PrintStream(new java.io.ByteArrayOutputStream()))) {
            Path ledgerFile = dir.resolve("killed.db");
            String key;
            try (Ledger ledger = Ledger.open(ledgerFile.toString(), SyncMode.NORMAL)) {
                key = ledger.keys().create("olga", Map.of()).key();
            }
            Process gateway = startGateway(aws, ledgerFile, "killed-err.txt");
            URI endpoint = GatewayProcess.endpoint(gateway);
            Set<String> completed = ConcurrentHashMap.newKeySet();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> clients = new ArrayList<>();
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String body = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"load\"}]}],"
                    + "\"inferenceConfig\":{\"maxTokens\":8}}";
            // One call first: a cold JVM on a loaded machine can take seconds over its first request (the session,
            // the JIT), and the kill must land under load, not before it.
            assertThat(http.send(
                                    HttpRequest.newBuilder(endpoint.resolve(
                                                    "/model/us.anthropic.claude-haiku-4-5-20251001-v1:0/converse"))
                                            .header("Authorization", "Bearer " + key)
                                            .POST(HttpRequest.BodyPublishers.ofString(body))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(200);
            for (int i = 0; i < 16; i++) {
                clients.add(Thread.ofVirtual().start(() -> {
                    while (!stop.get()) {
                        try {
                            HttpResponse<String> r = http.send(
                                    HttpRequest.newBuilder(endpoint.resolve(
                                                    "/model/us.anthropic.claude-haiku-4-5-20251001-v1:0/converse"))
                                            .header("Authorization", "Bearer " + key)
                                            .POST(HttpRequest.BodyPublishers.ofString(body))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() == 200 && r.body().endsWith("}")) {
                                completed.add(r.headers()
                                        .firstValue("x-tally-request-id")
                                        .orElseThrow());
                            }
                        } catch (IOException e) {
                            // the gateway died under this request: it was not received completely
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }));
            }
            // Bounded, but generous: on a loaded 2-core machine a cold gateway may answer a few dozen a second.
            long deadline = System.nanoTime() + 90_000_000_000L;
            while (completed.size() < 50 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            gateway.destroyForcibly(); // SIGKILL, mid-load
            gateway.waitFor(10, TimeUnit.SECONDS);
            stop.set(true);
            for (Thread c : clients) {
                c.join(10_000);
            }
            http.close();
            assertThat(completed).hasSizeGreaterThan(20);
            Process restarted = startGateway(aws, ledgerFile, "restarted-err.txt");
            assertThat(GatewayProcess.endpoint(restarted)).hasScheme("http");
            restarted.destroy();
            assertThat(restarted.waitFor(30, TimeUnit.SECONDS)).isTrue();
            try (Ledger ledger = Ledger.open(ledgerFile.toString(), SyncMode.NORMAL);
                    Stream<UsageEvent> events =
                            ledger.events(Instant.EPOCH, Instant.now().plusSeconds(60))) {
                Map<String, Long> byId = events.collect(Collectors.groupingBy(UsageEvent::id, Collectors.counting()));
                assertThat(byId.values()).allMatch(n -> n == 1);
                assertThat(byId.keySet()).containsAll(completed);
                System.out.println("SIGKILL under load: " + completed.size() + " completed responses, " + byId.size()
                        + " events in the ledger");
            }
        }
    }

    private Process startGateway(Emulator aws, Path ledgerFile, String errFile) throws IOException {
        return GatewayProcess.gateway(aws.endpoint(), ROLE, ledgerFile.toString())
                .redirectError(dir.resolve(errFile).toFile())
                .start();
    }

    @Test
    void aBusyPort_isOneUsageLineNamingPort_exit2() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            TallyRun r = TallyRun.inProcess(
                    "gateway",
                    "--port",
                    String.valueOf(busy.getLocalPort()),
                    "--upstream",
                    "http://127.0.0.1:9",
                    "--role-arn",
                    ROLE,
                    "--ledger",
                    dir.resolve("l.db").toString());
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err().strip())
                    .startsWith("tally: --port " + busy.getLocalPort())
                    .doesNotContain("\n");
        }
    }

    @Test
    void aBadConfigFile_failsBeforeThePortOpens_namingTheKey() throws Exception {
        Path config = dir.resolve("gateway.yaml");
        Files.writeString(config, "role-arn: " + ROLE + "\nlimits:\n  drain-timeout: whenever\n");
        TallyRun r = TallyRun.inProcess("gateway", "--config", config.toString(), "--port", "0");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("limits.drain-timeout").doesNotContain("\tat ");
        TallyRun insecure = TallyRun.inProcess("gateway", "--bind", "0.0.0.0", "--role-arn", ROLE);
        assertThat(insecure.exit()).isEqualTo(2);
        assertThat(insecure.err()).contains("--insecure");
    }
}
