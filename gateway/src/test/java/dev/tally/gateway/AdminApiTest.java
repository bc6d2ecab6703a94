package dev.tally.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.emulator.EmulatorConfig;
import dev.tally.gateway.admin.AdminToken;
import dev.tally.ledger.Ledger;
import dev.tally.ledger.SyncMode;
import dev.tally.ledger.UsageEvent;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin API behind its token (keys CRUD, spend) and {@code /me} behind a user's own key. */
class AdminApiTest {
    private static final String TOKEN = "admin-token-0123456789abcdef";
    private static final String SONNET = "us.anthropic.claude-sonnet-4-6";
    private static final String HAIKU = "anthropic.claude-haiku-4-5-20251001-v1:0";
    private static final String CONVERSE = """
            {"messages":[{"role":"user","content":[{"text":"Count my spend"}]}],"inferenceConfig":{"maxTokens":30}}""";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private GatewayHarness harness(Ledger store, String path) {
        return new GatewayHarness(EmulatorConfig.builder(), b -> {}, store, path, AdminToken.of(TOKEN, "test"));
    }

    @Test
    void adminEndpoints_need_theAdminToken_andNeverEchoWhatWasSent() throws Exception {
        String path = dir.resolve("ledger.db").toString();
        try (Ledger store = Ledger.open(path, SyncMode.NORMAL);
                GatewayHarness h = harness(store, path)) {
            String userKey = store.keys().create("alice", Map.of()).key();
            for (String resource : List.of("/tally/v1/keys", "/tally/v1/spend?by=user")) {
                for (String bearer : new String[] {null, "wrong-token-0123456789abcdef", userKey, TOKEN + "x"}) {
                    HttpResponse<String> r = h.get(resource, bearer);
                    assertThat(r.statusCode()).as(resource + " with " + bearer).isEqualTo(401);
                    assertThat(r.headers().firstValue("www-authenticate")).contains("Bearer");
                    if (bearer != null) {
                        assertThat(r.body()).doesNotContain(bearer);
                    }
                }
                assertThat(h.get(resource, TOKEN).statusCode()).isEqualTo(200);
            }
            assertThat(h.get("/tally/v1/nope", TOKEN).statusCode()).isEqualTo(404);
            assertThat(h.send("PUT", "/tally/v1/keys", TOKEN, "{}").statusCode())
                    .isEqualTo(405);
            assertThat(h.get("/tally/v1/spend?by=nonsense", TOKEN).statusCode()).isEqualTo(400);
            assertThat(h.get("/tally/v1/spend?colour=red", TOKEN).statusCode()).isEqualTo(400);
            Thread.sleep(300);
            assertThat(h.logText())
                    .doesNotContain(TOKEN)
                    .doesNotContain(userKey)
                    .contains("op=admin");
        }
    }

    @Test
    void withoutAnAdminToken_theAdminApiIsOff() throws Exception {
        String path = dir.resolve("ledger.db").toString();
        try (Ledger store = Ledger.open(path, SyncMode.NORMAL);
                GatewayHarness h = new GatewayHarness(EmulatorConfig.builder(), b -> {}, store, path, null)) {
            HttpResponse<String> r = h.get("/tally/v1/keys", TOKEN);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).contains("TALLY_ADMIN_TOKEN");
        }
    }

    @Test
    void keysCrud_createdKeyWorks_revokedKeyIsRefused() throws Exception {
        String path = dir.resolve("ledger.db").toString();
        try (Ledger store = Ledger.open(path, SyncMode.NORMAL);
                GatewayHarness h = harness(store, path)) {
            HttpResponse<String> created = h.send(
                    "POST",
                    "/tally/v1/keys",
                    TOKEN,
                    "{\"user\":\"bea\",\"tags\":{\"Team\":\"search\"},\"expires\":\"2999-01-01T00:00:00Z\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode k = JSON.readTree(created.body());
            String key = k.path("key").asText();
            String id = k.path("id").asText();
            assertThat(key).startsWith("tly_");
            assertThat(k.path("user").asText()).isEqualTo("bea");
            assertThat(k.path("tags").path("Team").asText()).isEqualTo("search");
            assertThat(k.path("expires").asText()).isEqualTo("2999-01-01T00:00:00Z");

            JsonNode listed = JSON.readTree(h.get("/tally/v1/keys", TOKEN).body());
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0).path("id").asText()).isEqualTo(id);
            assertThat(listed.toString()).doesNotContain(key);
            assertThat(store.keys().find(key)).isPresent();

            assertThat(h.post("/model/" + SONNET + "/converse", key, CONVERSE).statusCode())
                    .isEqualTo(200);
            HttpResponse<String> revoked = h.send("DELETE", "/tally/v1/keys/" + id, TOKEN, null);
            assertThat(revoked.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(revoked.body()).has("revoked")).isTrue();
            // Revoked through this replica's admin API: refused from the next request, not after the key cache's TTL.
            assertThat(h.post("/model/" + SONNET + "/converse", key, CONVERSE).statusCode())
                    .isEqualTo(403);
            assertThat(h.send("DELETE", "/tally/v1/keys/key_nope", TOKEN, null).statusCode())
                    .isEqualTo(404);
            assertThat(h.send("POST", "/tally/v1/keys", TOKEN, "{\"tags\":{}}").statusCode())
                    .isEqualTo(400);
            assertThat(h.send("POST", "/tally/v1/keys", TOKEN, "not json").statusCode())
                    .isEqualTo(400);
            Thread.sleep(300);
            assertThat(h.logText()).doesNotContain(key).doesNotContain(TOKEN);
        }
    }

    @Test
    void me_showsTheCallersOwnSpendThisMonth_withTheirOwnKey() throws Exception {
        String path = dir.resolve("ledger.db").toString();
        try (Ledger store = Ledger.open(path, SyncMode.NORMAL);
                GatewayHarness h = harness(store, path)) {
            String alice =
                    store.keys().create("alice", Map.of("Team", "search")).key();
            String bob = store.keys().create("bob", Map.of()).key();
            for (int i = 0; i < 2; i++) {
                assertThat(h.post("/model/" + SONNET + "/converse", alice, CONVERSE)
                                .statusCode())
                        .isEqualTo(200);
                assertThat(h.post("/model/" + HAIKU + "/converse", alice, CONVERSE)
                                .statusCode())
                        .isEqualTo(200);
                assertThat(h.post("/model/" + SONNET + "/converse", bob, CONVERSE)
                                .statusCode())
                        .isEqualTo(200);
            }
            BigDecimal aliceCost = BigDecimal.ZERO;
            long aliceOutput = 0;
            Thread.sleep(200); // the ledger commits in the background
            try (Stream<UsageEvent> events =
                    store.events(Instant.EPOCH, Instant.now().plusSeconds(60))) {
                for (UsageEvent e : events.filter(e -> e.user().equals("alice")).toList()) {
                    aliceCost = aliceCost.add(e.cost());
                    aliceOutput += e.tokens().output();
                }
            }
            assertThat(aliceOutput).isPositive();
            store.budgets()
                    .set(
                            dev.tally.ledger.Scope.parse("team:search"),
                            new BigDecimal("40"),
                            dev.tally.ledger.BudgetPeriod.MONTHLY,
                            false,
                            List.of(new BigDecimal("100")));
            store.budgets()
                    .set(
                            dev.tally.ledger.Scope.parse("user:bob"),
                            new BigDecimal("5"),
                            dev.tally.ledger.BudgetPeriod.DAILY,
                            false,
                            List.of(new BigDecimal("100")));
            HttpResponse<String> r = h.get("/tally/v1/me", alice);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode me = JSON.readTree(r.body());
            assertThat(me.path("user").asText()).isEqualTo("alice");
            assertThat(new BigDecimal(me.path("spend").path("total").asText())).isEqualByComparingTo(aliceCost);
            assertThat(me.path("spend").path("groups")).hasSize(2); // two models
            assertThat(me.path("budgets")).hasSize(1); // her team's, not bob's
            assertThat(me.path("budgets").get(0).path("scope").asText()).isEqualTo("team:search");
            assertThat(new BigDecimal(
                            me.path("budgets").get(0).path("remaining").asText()))
                    .isEqualByComparingTo("40");
            assertThat(r.body()).doesNotContain("bob").doesNotContain(alice);

            assertThat(h.get("/tally/v1/me", null).statusCode()).isEqualTo(401);
            assertThat(h.get("/tally/v1/me", "tly_unknown").statusCode()).isEqualTo(401);
            assertThat(h.get("/tally/v1/me", TOKEN).statusCode())
                    .as("the admin token is nobody's key")
                    .isEqualTo(401);
        }
    }

    @Test
    void metrics_byDefault_showTeamBudgetsButNoUserOrKeyBudgets() throws Exception {
        String path = dir.resolve("ledger.db").toString();
        try (Ledger store = Ledger.open(path, SyncMode.NORMAL);
                GatewayHarness h = harness(store, path)) {
            String keyId = store.keys().create("alice", Map.of()).apiKey().id();
            for (String scope : List.of("team:lab", "user:alice", "key:" + keyId)) {
                assertThat(h.send(
                                        "POST",
                                        "/tally/v1/budgets",
                                        TOKEN,
                                        "{\"scope\":\"" + scope + "\",\"limit\":\"5\",\"period\":\"daily\"}")
                                .statusCode())
                        .isEqualTo(201);
            }
            HttpResponse<String> typo = h.send(
                    "POST",
                    "/tally/v1/budgets",
                    TOKEN,
                    "{\"scope\":\"key:key_nope\",\"limit\":\"5\",\"period\":\"daily\"}");
            assertThat(typo.statusCode()).isEqualTo(400);
            assertThat(typo.body()).contains("no key with id 'key_nope' in this ledger");
            // /metrics needs no token: it names no person unless per-user labels are switched on.
            String scrape = h.get("/metrics", null).body();
            assertThat(scrape)
                    .contains("scope=\"team:lab\"")
                    .doesNotContain("alice")
                    .doesNotContain(keyId);
        }
    }

    @Test
    void budgetsAndLimitsCrud_andBudgetRemainingIsAMetric() throws Exception {
        String path = dir.resolve("ledger.db").toString();
        try (Ledger store = Ledger.open(path, SyncMode.NORMAL);
                GatewayHarness h = harness(store, path)) {
            HttpResponse<String> budget = h.send(
                    "POST",
                    "/tally/v1/budgets",
                    TOKEN,
                    "{\"scope\":\"team:lab\",\"limit\":\"25.50\",\"period\":\"monthly\",\"thresholds\":[\"50\",\"100\"]}");
            assertThat(budget.statusCode()).as(budget.body()).isEqualTo(201);
            JsonNode b = JSON.readTree(budget.body());
            assertThat(b.path("scope").asText()).isEqualTo("team:lab");
            assertThat(b.path("kind").asText()).isEqualTo("hard");
            assertThat(new BigDecimal(b.path("limit").asText())).isEqualByComparingTo("25.50");
            assertThat(store.budgets().list()).hasSize(1);
            JsonNode budgets = JSON.readTree(h.get("/tally/v1/budgets", TOKEN).body());
            assertThat(budgets).hasSize(1);
            assertThat(budgets.get(0).path("id").asText())
                    .isEqualTo(b.path("id").asText());

            HttpResponse<String> limit = h.send(
                    "POST",
                    "/tally/v1/limits",
                    TOKEN,
                    "{\"scope\":\"team:lab\",\"requests_per_minute\":100,\"models\":[\"amazon.nova-*\"]}");
            assertThat(limit.statusCode()).as(limit.body()).isEqualTo(201);
            String limitId = JSON.readTree(limit.body()).path("id").asText();
            assertThat(JSON.readTree(h.get("/tally/v1/limits", TOKEN).body())).hasSize(1);
            // Enforcement is the governor's (its own tests); here: what the admin set is what the metric shows.
            Map<String, Double> m = MetricsTest.parse(h.get("/metrics", null).body());
            Double remaining = m.get("tally_budget_remaining_usd{period=\"monthly\",scope=\"team:lab\"}");
            assertThat(remaining).isEqualTo(25.50);

            assertThat(h.send("DELETE", "/tally/v1/limits/" + limitId, TOKEN, null)
                            .statusCode())
                    .isEqualTo(200);
            assertThat(h.send("DELETE", "/tally/v1/budgets/" + b.path("id").asText(), TOKEN, null)
                            .statusCode())
                    .isEqualTo(200);
            assertThat(store.budgets().list()).isEmpty();
            assertThat(store.limits().list()).isEmpty();
            assertThat(h.send("DELETE", "/tally/v1/budgets/bud_nope", TOKEN, null)
                            .statusCode())
                    .isEqualTo(404);
            assertThat(h.send(
                                    "POST",
                                    "/tally/v1/budgets",
                                    TOKEN,
                                    "{\"scope\":\"planet:x\",\"limit\":1,\"period\":\"daily\"}")
                            .statusCode())
                    .isEqualTo(400);
            assertThat(h.send("POST", "/tally/v1/limits", TOKEN, "{\"scope\":\"user:a\",\"requests_per_minute\":0}")
                            .statusCode())
                    .isEqualTo(400);
        }
    }
}
