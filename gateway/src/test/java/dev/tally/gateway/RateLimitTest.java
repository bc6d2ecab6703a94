package dev.tally.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.tally.gateway.govern.Governor;
import dev.tally.ledger.BudgetPeriod;
import dev.tally.ledger.Ledger;
import dev.tally.ledger.PerMinute;
import dev.tally.ledger.Scope;
import dev.tally.testing.PostgresPerClass;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Rate limits across two replicas on PostgreSQL, model access, and budget alerts to a loopback webhook. */
class RateLimitTest {
    static final String SONNET = "/model/us.anthropic.claude-sonnet-4-6/invoke";
    static final String HAIKU = "/model/us.anthropic.claude-haiku-4-5/invoke";
    static final String BODY = BudgetEnforcementTest.BODY;
    /** Mid-minute, so that the whole test falls in one rate window. */
    static final InstantSource FIXED = InstantSource.fixed(Instant.parse("2026-11-03T10:00:20Z"));

    @RegisterExtension
    static final PostgresPerClass postgres = PostgresPerClass.create();

    static int databases;

    @TempDir
    Path dir;

    @Test
    void requestsPerMinute_holdAcrossTwoReplicas_andRefusalsAreThrottlingWithRetryAfter() throws Exception {
        String store = postgres.server().createDatabase("rates" + (++databases));
        try (GovernedReplicas g = new GovernedReplicas(store, 2, FIXED, Governor.Settings.DEFAULTS)) {
            Ledger ledger = g.ledger();
            String key = ledger.keys().create("dave", Map.of("Team", "web")).key();
            ledger.limits().set(Scope.parse("team:web"), PerMinute.NONE.withRequests(25), List.of());
            BudgetEnforcementTest.awaitGoverned(g);
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 80; i++) {
                    int replica = i % 2;
                    calls.add(CompletableFuture.supplyAsync(
                            () -> {
                                try {
                                    return g.post(replica, SONNET, key, BODY);
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            },
                            pool));
                }
            }
            int ok = 0;
            for (var c : calls) {
                HttpResponse<String> r = c.get();
                if (r.statusCode() == 200) {
                    ok++;
                } else {
                    RefusalsTest.assertBedrockError(r, 429, "ThrottlingException");
                    // 10:00:20 starts a 10-second slot: the window's oldest slot leaves it in 10 s.
                    assertThat(r.headers().firstValue("retry-after")).contains("10");
                    assertThat(r.body()).contains("team:web").contains("25 requests");
                }
            }
            assertThat(ok).isEqualTo(25);
            assertThat(g.upstreamInvokes()).isEqualTo(25);
        }
    }

    @Test
    void requestsPerMinute_holdOverAnySixtySeconds_notPerCalendarMinute() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-03T10:00:55Z"));
        try (GovernedReplicas g =
                new GovernedReplicas(dir.resolve("w.db").toString(), 1, now::get, Governor.Settings.DEFAULTS)) {
            Ledger ledger = g.ledger();
            String key = ledger.keys().create("hal", Map.of()).key();
            ledger.limits().set(Scope.parse("user:hal"), PerMinute.NONE.withRequests(5), List.of());
            BudgetEnforcementTest.awaitGoverned(g);
            for (int i = 0; i < 5; i++) {
                assertThat(g.post(0, SONNET, key, BODY).statusCode()).isEqualTo(200);
            }
            RefusalsTest.assertBedrockError(g.post(0, SONNET, key, BODY), 429, "ThrottlingException");
            // A new calendar minute, but the last 60 seconds already hold 5: a fixed minute would admit 5 more here.
            now.set(Instant.parse("2026-11-03T10:01:05Z"));
            RefusalsTest.assertBedrockError(g.post(0, SONNET, key, BODY), 429, "ThrottlingException");
            now.set(Instant.parse("2026-11-03T10:01:54Z"));
            RefusalsTest.assertBedrockError(g.post(0, SONNET, key, BODY), 429, "ThrottlingException");
            // Once the slot of the first five has left the window, the room is back, and no more than it.
            now.set(Instant.parse("2026-11-03T10:02:00Z"));
            for (int i = 0; i < 5; i++) {
                assertThat(g.post(0, SONNET, key, BODY).statusCode()).isEqualTo(200);
            }
            RefusalsTest.assertBedrockError(g.post(0, SONNET, key, BODY), 429, "ThrottlingException");
            assertThat(g.upstreamInvokes()).isEqualTo(10);
        }
    }

    @Test
    void modelAccess_allowsListedModelsAndWildcards_andRefusesTheRestByName() throws Exception {
        try (GovernedReplicas g =
                new GovernedReplicas(dir.resolve("l.db").toString(), 1, FIXED, Governor.Settings.DEFAULTS)) {
            Ledger ledger = g.ledger();
            var created = ledger.keys().create("erin", Map.of());
            ledger.limits()
                    .set(
                            Scope.of(Scope.Kind.KEY, created.apiKey().id()),
                            PerMinute.NONE,
                            List.of("us.anthropic.claude-haiku-*"));
            BudgetEnforcementTest.awaitGoverned(g);
            assertThat(g.post(0, HAIKU, created.key(), BODY).statusCode()).isEqualTo(200);
            HttpResponse<String> denied = g.post(0, SONNET, created.key(), BODY);
            RefusalsTest.assertBedrockError(denied, 403, "AccessDeniedException");
            assertThat(denied.body()).contains("us.anthropic.claude-sonnet-4-6");
            assertThat(g.upstreamInvokes()).isEqualTo(1);
        }
    }

    /**
     * The replica whose admin API took a write governs by it from its answer on, not from its next poll (an hour
     * here): a key created with {@code --rpm 1} through {@code --gateway} is never briefly unlimited.
     */
    @Test
    void writesThroughTheAdminApi_holdOnThatReplica_beforeItsNextPoll() throws Exception {
        Governor.Settings hourlyPoll = new Governor.Settings(
                Duration.ofSeconds(15), Duration.ofHours(1), Duration.ofSeconds(2), Duration.ofSeconds(1));
        try (GovernedReplicas g = new GovernedReplicas(dir.resolve("a.db").toString(), 1, FIXED, hourlyPoll)) {
            HttpResponse<String> created = g.admin(0, "POST", "keys", "{\"user\":\"ben\",\"requests_per_minute\":1}");
            assertThat(created.statusCode()).isEqualTo(201);
            String key = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(created.body())
                    .path("key")
                    .asText();
            assertThat(g.post(0, SONNET, key, BODY).statusCode()).isEqualTo(200);
            RefusalsTest.assertBedrockError(g.post(0, SONNET, key, BODY), 429, "ThrottlingException");

            String limitId = g.ledger().limits().list().getFirst().id();
            assertThat(g.admin(0, "DELETE", "limits/" + limitId, "").statusCode())
                    .isEqualTo(200);
            assertThat(g.post(0, SONNET, key, BODY).statusCode()).isEqualTo(200);

            HttpResponse<String> budget = g.admin(
                    0, "POST", "budgets", "{\"scope\":\"user:ben\",\"limit\":\"0.000001\",\"period\":\"month\"}");
            assertThat(budget.statusCode()).isEqualTo(201);
            RefusalsTest.assertBedrockError(g.post(0, SONNET, key, BODY), 400, "ServiceQuotaExceededException");
            assertThat(g.upstreamInvokes()).isEqualTo(2);
        }
    }

    @Test
    void tokensPerMinute_countTheWorstCaseUntilSettled() throws Exception {
        try (GovernedReplicas g =
                new GovernedReplicas(dir.resolve("t.db").toString(), 1, FIXED, Governor.Settings.DEFAULTS)) {
            Ledger ledger = g.ledger();
            String key = ledger.keys().create("fay", Map.of()).key();
            // One request's worst case is 536 + 1,000 tokens; its actual use is a handful, refunded after.
            ledger.limits().set(Scope.parse("user:fay"), PerMinute.NONE.withTokens(1_600), List.of());
            BudgetEnforcementTest.awaitGoverned(g);
            for (int i = 0; i < 5; i++) {
                assertThat(g.post(0, SONNET, key, BODY).statusCode()).isEqualTo(200);
            }
            String big = BODY.replace("\"hi\"", "\"" + "x".repeat(2_000) + "\"");
            RefusalsTest.assertBedrockError(g.post(0, SONNET, key, big), 429, "ThrottlingException");
        }
    }

    @Test
    void webhookAlerts_fireOncePerThresholdPerPeriod() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        AtomicInteger attempts = new AtomicInteger();
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            // The first delivery fails: the alert is retried, and still arrives once.
            int status = attempts.incrementAndGet() == 1 ? 503 : 204;
            if (status == 204) {
                received.add(body);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        hook.start();
        Governor.Settings fastRetry = new Governor.Settings(
                Duration.ofSeconds(15), Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofMillis(100));
        try (GovernedReplicas g = new GovernedReplicas(dir.resolve("w.db").toString(), 1, FIXED, fastRetry)) {
            Ledger ledger = g.ledger();
            String key = ledger.keys().create("gus", Map.of()).key();
            URI url = URI.create("http://127.0.0.1:" + hook.getAddress().getPort() + "/hook");
            // Each request costs 1 input and 6 output tokens here: 0.000093 USD; 50% of the limit is one request.
            ledger.budgets()
                    .set(
                            Scope.parse("user:gus"),
                            new BigDecimal("0.000186"),
                            BudgetPeriod.MONTHLY,
                            true,
                            List.of(new BigDecimal("50"), new BigDecimal("100")),
                            url);
            BudgetEnforcementTest.awaitGoverned(g);
            for (int i = 0; i < 6; i++) {
                assertThat(g.post(0, SONNET, key, BODY).statusCode()).isEqualTo(200);
                Thread.sleep(300);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (received.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(1_500);
            assertThat(received).hasSize(2);
            assertThat(received).anySatisfy(b -> assertThat(b).contains("\"threshold_percent\":50"));
            assertThat(received).anySatisfy(b -> assertThat(b).contains("\"threshold_percent\":100"));
            assertThat(received).allSatisfy(b -> assertThat(b).contains("\"scope\":\"user:gus\""));
            assertThat(g.logText()).contains("passed 50%").contains("passed 100%");
        } finally {
            hook.stop(0);
        }
    }
}
