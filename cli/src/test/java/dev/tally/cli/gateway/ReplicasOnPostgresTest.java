package dev.tally.cli.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.emulator.Emulator;
import dev.tally.emulator.EmulatorConfig;
import dev.tally.ledger.BudgetPeriod;
import dev.tally.ledger.BudgetStatus;
import dev.tally.ledger.Ledger;
import dev.tally.ledger.Money;
import dev.tally.ledger.Scope;
import dev.tally.ledger.SyncMode;
import dev.tally.ledger.UsageEvent;
import dev.tally.testing.PostgresServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code tally gateway} processes on one real PostgreSQL (password from PGPASSWORD, as an operator would run
 * them), one SIGKILLed under load: the other keeps serving, every completed response is in the ledger once, the
 * budget's spend equals its events' cost exactly, and the dead replica's lease returns when it expires.
 */
class ReplicasOnPostgresTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/tally-dev";
    private static final long LEASE_TTL_SECONDS = 4;

    @TempDir
    Path dir;

    @Test
    void sigkillOneReplicaUnderLoad_theOtherServes_nothingCompletedIsLost_leasesReturnAfterExpiry() throws Exception {
        try (PostgresServer postgres = PostgresServer.start();
                Emulator aws = Emulator.start(
                        EmulatorConfig.defaults(), new java.io.PrintStream(new java.io.ByteArrayOutputStream()))) {
            postgres.useForDriver();
            String url = postgres.createDatabase("replicas");
            String key;
            String budgetId;
            BigDecimal limit = new BigDecimal("1000");
            try (Ledger ledger = Ledger.open(url, SyncMode.NORMAL)) {
                key = ledger.keys().create("olga", Map.of("Team", "ops")).key();
                budgetId = ledger.budgets()
                        .set(Scope.parse("team:ops"), limit, BudgetPeriod.MONTHLY, false, List.of())
                        .id();
            }
            Process a = startGateway(aws, postgres, url, "a-err.txt");
            Process b = startGateway(aws, postgres, url, "b-err.txt");
            URI[] endpoints = {GatewayProcess.endpoint(a), GatewayProcess.endpoint(b)};
            Set<String> completed = ConcurrentHashMap.newKeySet();
            AtomicLong completedByBAfterKill = new AtomicLong();
            AtomicBoolean killed = new AtomicBoolean();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> clients = new ArrayList<>();
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            final String body = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"load\"}]}],"
                    + "\"inferenceConfig\":{\"maxTokens\":8}}";
            // Both replicas answer once before the load, so the kill lands on a serving replica, not a starting one.
            for (URI e : endpoints) {
                assertThat(http.send(
                                        HttpRequest.newBuilder(e.resolve(
                                                        "/model/us.anthropic.claude-haiku-4-5-20251001-v1:0/converse"))
                                                .header("Authorization", "Bearer " + key)
                                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .statusCode())
                        .isEqualTo(200);
            }
            AtomicLong completedByABeforeKill = new AtomicLong();
            for (int i = 0; i < 16; i++) {
                int replica = i % 2;
                clients.add(Thread.ofVirtual().start(() -> {
                    while (!stop.get()) {
                        try {
                            HttpResponse<String> r = http.send(
                                    HttpRequest.newBuilder(endpoints[replica].resolve(
                                                    "/model/us.anthropic.claude-haiku-4-5-20251001-v1:0/converse"))
                                            .header("Authorization", "Bearer " + key)
                                            .POST(HttpRequest.BodyPublishers.ofString(body))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() == 200 && r.body().endsWith("}")) {
                                completed.add(r.headers()
                                        .firstValue("x-tally-request-id")
                                        .orElseThrow());
                                if (replica == 1 && killed.get()) {
                                    completedByBAfterKill.incrementAndGet();
                                } else if (replica == 0 && !killed.get()) {
                                    completedByABeforeKill.incrementAndGet();
                                }
                            }
                        } catch (IOException e) {
                            // replica A died under this request: it was not received completely
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }));
            }
            Thread.sleep(3_000);
            a.destroyForcibly(); // SIGKILL, mid-load
            a.waitFor(10, TimeUnit.SECONDS);
            killed.set(true);
            int holdersRightAfterKill = holdersWithRoom(postgres);
            Thread.sleep(2_000);
            stop.set(true);
            for (Thread c : clients) {
                c.join(10_000);
            }
            http.close();
            b.destroy(); // SIGTERM: drains, gives its slices back, commits
            assertThat(b.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(b.exitValue()).isZero();

            // A's slice was still held when it died (B's too): leases outlive their holder until they expire.
            assertThat(holdersRightAfterKill).isEqualTo(2);
            assertThat(completedByABeforeKill.get()).isGreaterThan(10);
            assertThat(completedByBAfterKill.get()).isGreaterThan(10);
            Thread.sleep((LEASE_TTL_SECONDS + 1) * 1_000);
            try (Ledger ledger = Ledger.open(url, SyncMode.NORMAL);
                    Stream<UsageEvent> events =
                            ledger.events(Instant.EPOCH, Instant.now().plusSeconds(60))) {
                List<UsageEvent> all = events.toList();
                Map<String, Long> byId =
                        all.stream().collect(Collectors.groupingBy(UsageEvent::id, Collectors.counting()));
                assertThat(byId.values()).allMatch(n -> n == 1);
                assertThat(byId.keySet()).containsAll(completed);
                long charged =
                        all.stream().mapToLong(e -> Money.nanos(e.cost())).sum();
                BudgetStatus status = ledger.budgets().status(Instant.now()).getFirst();
                assertThat(status.budget().id()).isEqualTo(budgetId);
                // Spend is charged in the events' own transactions: exact, whatever was killed.
                assertThat(Money.nanos(status.spent())).isEqualTo(charged);
                // A's lease expired and B gave its slice back: all the rest of the budget is free again.
                assertThat(status.reserved()).isEqualByComparingTo(BigDecimal.ZERO);
                assertThat(status.remaining()).isEqualByComparingTo(limit.subtract(status.spent()));
                System.out.println("replicas on PostgreSQL, SIGKILL: " + completed.size() + " completed, " + byId.size()
                        + " events, " + completedByABeforeKill.get() + " by A before the kill, "
                        + completedByBAfterKill.get() + " by B after it");
            }
        }
    }

    private static int holdersWithRoom(PostgresServer postgres) throws Exception {
        try (Connection c = postgres.connect("replicas");
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(
                        "SELECT count(DISTINCT holder) FROM lease WHERE amount > 0" + " AND counter LIKE 'budget/%'")) {
            r.next();
            return r.getInt(1);
        }
    }

    private Process startGateway(Emulator aws, PostgresServer postgres, String url, String errFile) throws IOException {
        ProcessBuilder pb = GatewayProcess.gateway(
                        aws.endpoint(), ROLE, url, "--lease-ttl", Long.toString(LEASE_TTL_SECONDS))
                .redirectError(dir.resolve(errFile).toFile());
        pb.environment().put("PGPASSWORD", PostgresServer.PASSWORD);
        return pb.start();
    }
}
