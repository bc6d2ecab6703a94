package dev.tally.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.emulator.EmulatorConfig;
import dev.tally.emulator.Granularity;
import dev.tally.ledger.Ledger;
import dev.tally.ledger.SyncMode;
import dev.tally.ledger.UsageEvent;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The point of the gateway, end to end: three users call through it with their keys; the emulator bills each call
 * to the principal that signed it, and its CUR 2.0 export (read by DuckDB alone) attributes every user's spend to
 * their own assumed-role session with their tags, with the same tokens and cost, per user and token type, as the
 * gateway's SQLite ledger.
 */
class BillMatchesLedgerTest {
    private static final String SONNET = "us.anthropic.claude-sonnet-4-6";
    private static final String HAIKU = "anthropic.claude-haiku-4-5-20251001-v1:0";

    @TempDir
    Path dir;

    @Test
    void theBillAttributesEachUsersCallsToTheirSession_andItsTotalsEqualTheLedgers() throws Exception {
        Path cur = dir.resolve("cur");
        try (Ledger store = Ledger.open(dir.resolve("ledger.db").toString(), SyncMode.NORMAL);
                GatewayHarness h = new GatewayHarness(
                        EmulatorConfig.builder().curOut(cur).granularity(Granularity.DAILY), b -> {}, store)) {
            Map<String, String> keys = Map.of(
                    "alice",
                            store.keys()
                                    .create("alice", Map.of("Team", "search", "Project", "ranker"))
                                    .key(),
                    "bob", store.keys().create("bob", Map.of("Team", "web")).key(),
                    "carol@example.com",
                            store.keys().create("carol@example.com", Map.of()).key());
            for (var user : keys.entrySet()) {
                String k = user.getValue();
                String who = user.getKey();
                ok(h.post("/model/" + SONNET + "/converse", k, converse("Converse for " + who)));
                ok(h.post("/model/" + HAIKU + "/invoke", k, anthropic("Invoke for " + who, "5m")));
                ok(h.post("/model/" + HAIKU + "/invoke", k, anthropic("Invoke for " + who, "5m")));
                ok(h.post(
                        "/model/" + SONNET + "/invoke-with-response-stream", k, anthropic("Stream for " + who, "1h")));
                ok(h.post("/model/" + SONNET + "/converse-stream", k, converse("Converse stream for " + who)));
            }
            h.aws.flush();
            Map<String, long[]> ledgerTokens = new TreeMap<>();
            Map<String, BigDecimal> ledgerCost = new TreeMap<>();
            try (Stream<UsageEvent> events =
                    store.events(Instant.EPOCH, Instant.now().plusSeconds(3600))) {
                events.forEach(e -> {
                    long[] t = ledgerTokens.computeIfAbsent(e.sessionArn(), a -> new long[5]);
                    t[0] += e.tokens().input();
                    t[1] += e.tokens().output();
                    t[2] += e.tokens().cacheRead();
                    t[3] += e.tokens().cacheWrite5m();
                    t[4] += e.tokens().cacheWrite1h();
                    ledgerCost.merge(e.sessionArn(), e.cost(), BigDecimal::add);
                });
            }
            Map<String, long[]> billTokens = new TreeMap<>();
            Map<String, BigDecimal> billCost = new TreeMap<>();
            Map<String, String> billUser = new HashMap<>();
            try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                    Statement st = db.createStatement();
                    ResultSet rs = st.executeQuery("SELECT line_item_iam_principal, tags['iamPrincipal/User'],"
                            + " tags['iamPrincipal/Team'], line_item_usage_type,"
                            + " sum(line_item_usage_amount), sum(CAST(line_item_unblended_cost AS DECIMAL(38,12)))"
                            + " FROM read_parquet('" + cur + "/tally-emulator/data/*/*.parquet') GROUP BY ALL")) {
                while (rs.next()) {
                    String principal = rs.getString(1);
                    billUser.put(principal, rs.getString(2) + "/" + rs.getString(3));
                    long tokens = Math.round(rs.getDouble(5) * 1000);
                    String usageType = rs.getString(4);
                    int slot = usageType.contains("1h-cache-write")
                            ? 4
                            : usageType.contains("cache-write")
                                    ? 3
                                    : usageType.contains("cache-read") ? 2 : usageType.contains("output") ? 1 : 0;
                    billTokens.computeIfAbsent(principal, p -> new long[5])[slot] += tokens;
                    billCost.merge(principal, rs.getBigDecimal(6), BigDecimal::add);
                }
            }
            String prefix = "arn:aws:sts::123456789012:assumed-role/tally-dev/";
            assertThat(billTokens.keySet())
                    .containsExactlyInAnyOrder(prefix + "gw-alice", prefix + "gw-bob", prefix + "gw-carol@example.com");
            assertThat(billUser)
                    .containsEntry(prefix + "gw-alice", "alice/search")
                    .containsEntry(prefix + "gw-bob", "bob/web")
                    .containsEntry(prefix + "gw-carol@example.com", "carol@example.com/null");
            assertThat(billTokens.keySet()).isEqualTo(ledgerTokens.keySet());
            for (String principal : billTokens.keySet()) {
                assertThat(ledgerTokens.get(principal)).as(principal).containsExactly(billTokens.get(principal));
                assertThat(ledgerCost.get(principal))
                        .as(principal)
                        .isEqualByComparingTo(billCost.get(principal).setScale(9, java.math.RoundingMode.HALF_EVEN));
            }
            // Every kind of token was exercised: cache writes of both TTLs and cache reads. (Which user writes a
            // shared prefix first depends on the order of the calls, so the kinds are counted over all users.)
            long[] all = new long[5];
            ledgerTokens.values().forEach(t -> {
                for (int i = 0; i < 5; i++) {
                    all[i] += t[i];
                }
            });
            assertThat(java.util.Arrays.stream(all).boxed().toList()).allMatch(n -> n > 0);
        }
    }

    private static void ok(java.net.http.HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static String converse(String text) {
        return """
                {"messages":[{"role":"user","content":[{"text":"%s"}]}],"inferenceConfig":{"maxTokens":40}}""".formatted(text);
    }

    /** A cached system prompt (written on first use, read after) with the given TTL, and a user turn. */
    private static String anthropic(String text, String ttl) {
        String system = "You are a careful assistant who answers in one short sentence. " + ttl;
        return """
                {"anthropic_version":"bedrock-2023-05-31","max_tokens":40,
                 "system":[{"type":"text","text":"%s","cache_control":{"type":"ephemeral","ttl":"%s"}}],
                 "messages":[{"role":"user","content":"%s"}]}""".formatted(system, ttl, text);
    }
}
