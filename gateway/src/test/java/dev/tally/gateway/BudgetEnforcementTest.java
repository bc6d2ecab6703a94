package dev.tally.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.gateway.govern.Governor;
import dev.tally.ledger.Budget;
import dev.tally.ledger.BudgetPeriod;
import dev.tally.ledger.Ledger;
import dev.tally.ledger.Scope;
import dev.tally.ledger.UsageEvent;
import dev.tally.testing.PostgresPerClass;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Budgets enforced by reservation, on one replica (SQLite) and across two (PostgreSQL): concurrent requests never
 * spend past a hard limit, refusals are Bedrock's ServiceQuotaExceededException without an upstream call, and
 * periods roll over with the gateway's clock.
 */
class BudgetEnforcementTest {
    static final String INVOKE = "/model/us.anthropic.claude-sonnet-4-6/invoke";
    static final String BODY = """
            {"anthropic_version":"bedrock-2023-05-31","max_tokens":1000,"messages":[{"role":"user","content":"hi"}]}""";
    /**
     * The request's worst case, by hand: its strings are 18 + 4 + 2 = 24 UTF-8 bytes, plus 512 tokens of framing:
     * 536 input tokens at Sonnet 4.6's dearest input-side price (a one-hour cache write, 2 x 3.00 USD per million),
     * and 1,000 output tokens at 15.00 USD per million.
     */
    static final BigDecimal WORST_CASE = new BigDecimal("536")
            .multiply(new BigDecimal("6.00"))
            .add(new BigDecimal("1000").multiply(new BigDecimal("15.00")))
            .divide(new BigDecimal("1000000"));

    @RegisterExtension
    static final PostgresPerClass postgres = PostgresPerClass.create();

    static int databases;

    @TempDir
    Path dir;

    @Test
    void twoHundredConcurrentRequests_againstRoomForTen_oneReplicaOnSqlite() throws Exception {
        String store = dir.resolve("ledger.db").toString();
        try (GovernedReplicas g = new GovernedReplicas(store, 1, InstantSource.system(), Governor.Settings.DEFAULTS)) {
            overspendBound(g);
        }
    }

    @Test
    void twoHundredConcurrentRequests_againstRoomForTen_twoReplicasOnPostgres() throws Exception {
        String store = postgres.server().createDatabase("budgets" + (++databases));
        try (GovernedReplicas g = new GovernedReplicas(store, 2, InstantSource.system(), Governor.Settings.DEFAULTS)) {
            overspendBound(g);
        }
    }

    private static void overspendBound(GovernedReplicas g) throws Exception {
        Ledger ledger = g.ledger();
        String key = ledger.keys().create("alice", Map.of("Team", "search")).key();
        BigDecimal limit = WORST_CASE.multiply(BigDecimal.TEN);
        Budget budget = ledger.budgets().set(Scope.parse("team:search"), limit, BudgetPeriod.MONTHLY, false, List.of());
        awaitGoverned(g);
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int replica = i % g.replicas.size();
            calls.add(CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return g.post(replica, INVOKE, key, BODY);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    },
                    java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()));
        }
        int admitted = 0;
        for (CompletableFuture<HttpResponse<String>> c : calls) {
            HttpResponse<String> r = c.get();
            if (r.statusCode() == 200) {
                admitted++;
            } else {
                RefusalsTest.assertBedrockError(r, 400, "ServiceQuotaExceededException");
                assertThat(r.body())
                        .contains("team:search")
                        .contains(budget.id())
                        .contains("resets at");
            }
        }
        BigDecimal spent = BigDecimal.ZERO;
        List<UsageEvent> recorded;
        try (Stream<UsageEvent> events =
                ledger.events(Instant.EPOCH, Instant.now().plusSeconds(60))) {
            recorded = events.toList();
        }
        for (UsageEvent e : recorded) {
            spent = spent.add(e.cost());
        }
        // Every admitted request is in the ledger once, whichever replica served it (replicas sharing a store must
        // not share request ids: the ledger keeps the first event of an id).
        assertThat(recorded).hasSize(admitted);
        // At least the ten that fit at the worst case; never more spend than the limit (the reservations are true
        // upper bounds, so not even one reservation over); every refusal left the upstream alone.
        assertThat(admitted).isBetween(10, 199);
        assertThat(spent).isLessThanOrEqualTo(limit);
        assertThat(g.upstreamInvokes()).isEqualTo(admitted);
        var status = ledger.budgets().status(Instant.now()).getFirst();
        assertThat(status.spent())
                .isEqualByComparingTo(
                        ledger
                                .leases()
                                .used(List.of(budget.counter(BudgetPeriod.MONTHLY.start(Instant.now()))))
                                .values()
                                .stream()
                                .map(dev.tally.ledger.Money::of)
                                .findFirst()
                                .orElseThrow());
        assertThat(status.spent()).isGreaterThanOrEqualTo(spent);
    }

    @Test
    void aDailyBudget_startsAgainAtMidnightUtc_byTheGatewaysClock() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-03T23:59:00Z"));
        InstantSource clock = now::get;
        try (GovernedReplicas g =
                new GovernedReplicas(dir.resolve("ledger.db").toString(), 1, clock, Governor.Settings.DEFAULTS)) {
            Ledger ledger = g.ledger();
            String key = ledger.keys().create("bob", Map.of()).key();
            ledger.budgets().set(Scope.parse("user:bob"), WORST_CASE, BudgetPeriod.parse("day"), false, List.of());
            awaitGoverned(g);
            assertThat(g.post(0, INVOKE, key, BODY).statusCode()).isEqualTo(200);
            // What is left after one request (its actual cost is below the worst case) no longer covers a worst case.
            HttpResponse<String> refused = g.post(0, INVOKE, key, BODY);
            RefusalsTest.assertBedrockError(refused, 400, "ServiceQuotaExceededException");
            assertThat(refused.body()).contains("resets at 2026-11-04T00:00:00Z");
            now.set(Instant.parse("2026-11-04T00:00:01Z"));
            assertThat(g.post(0, INVOKE, key, BODY).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aSoftBudget_onlyAlerts() throws Exception {
        try (GovernedReplicas g = new GovernedReplicas(
                dir.resolve("ledger.db").toString(), 1, InstantSource.system(), Governor.Settings.DEFAULTS)) {
            Ledger ledger = g.ledger();
            String key =
                    ledger.keys().create("carol", Map.of("Project", "checkout")).key();
            ledger.budgets()
                    .set(
                            Scope.parse("project:checkout"),
                            new BigDecimal("0.000001"),
                            BudgetPeriod.MONTHLY,
                            true,
                            List.of(new BigDecimal("100")));
            awaitGoverned(g);
            for (int i = 0; i < 3; i++) {
                assertThat(g.post(0, INVOKE, key, BODY).statusCode()).isEqualTo(200);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!g.logText().contains("passed 100%") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(g.logText()).contains("project:checkout").contains("passed 100%");
        }
    }

    /** Budgets set after the replicas started reach them within their poll interval. */
    static void awaitGoverned(GovernedReplicas g) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (g.replicas.stream().anyMatch(r -> !r.governor().active()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        // One more poll, in case a second change (a limit after a budget) is still on its way.
        Thread.sleep(600);
    }
}
