package dev.tally.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.core.price.PriceCatalog;
import dev.tally.core.usage.PricingModel;
import dev.tally.core.usage.TokenType;
import dev.tally.cur.Cur2Writer;
import dev.tally.cur.CurLineItem;
import dev.tally.ledger.Ledger;
import dev.tally.ledger.Outcome;
import dev.tally.ledger.SyncMode;
import dev.tally.ledger.TokenCounts;
import dev.tally.ledger.UsageEvent;
import dev.tally.report.query.Dimension;
import dev.tally.report.query.Report;
import dev.tally.report.query.ReportEngine;
import dev.tally.report.query.ReportRequest;
import dev.tally.report.read.S3Fetcher;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tally report --ledger}: every expected figure is computed from the ledger file with plain SQL through
 * sqlite-jdbc (and the price catalog for per-type costs), never through the ledger's reader.
 */
class LedgerReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PriceCatalog PRICES = PriceCatalog.builtIn();
    private static final Instant DAY1 = Instant.parse("2026-11-02T08:00:00Z");
    private static final String[] USERS = {"alice", "bob", "carol"};

    @TempDir
    static Path dir;

    static Path ledger;
    static Path bill;
    /** Only events the gateway priced exactly as the catalog does, with a model it prices. */
    static Path exact;

    @BeforeAll
    static void writeLedgerAndBill() {
        ledger = dir.resolve("ledger.db");
        try (Ledger l = Ledger.open(ledger.toString(), SyncMode.NORMAL)) {
            for (int i = 0; i < 60; i++) {
                l.record(event(i)).join();
            }
        }
        exact = dir.resolve("exact.db");
        try (Ledger l = Ledger.open(exact.toString(), SyncMode.NORMAL)) {
            for (int i = 0; i < 60; i++) {
                if (i % 7 != 3 && i % 10 != 9) {
                    l.record(event(i)).join();
                }
            }
        }
        bill = dir.resolve("bill.parquet");
        Cur2Writer.write(
                List.of(
                        curItem("b1", "USE1-Claude4.6Sonnet-input-tokens", 10.0, "1K tokens", "0.03"),
                        curItem("b2", "USE1-Claude4.6Sonnet-output-tokens", 2.0, "1K tokens", "0.03")),
                bill);
    }

    /** Users, teams (carol has none), days, tiers, every token type, and a model the catalog does not price. */
    static UsageEvent event(int i) {
        String user = USERS[i % 3];
        Map<String, String> tags =
                i % 3 == 2 ? Map.of("User", user) : Map.of("User", user, "Team", i % 3 == 0 ? "search" : "ads");
        String model = i % 10 == 9 ? "Mystery1" : "Claude4.6Sonnet";
        PricingModel tier = i % 4 == 1 ? PricingModel.PRIORITY : PricingModel.ON_DEMAND;
        TokenCounts tokens = new TokenCounts(
                1000 + 37L * i, 200 + 11L * i, i % 2 == 0 ? 5000 : 0, i % 3 == 0 ? 800 : 0, i % 5 == 0 ? 1200 : 0);
        BigDecimal cost = price(model, tier, tokens).orElse(new BigDecimal("0.0421"));
        if (i % 7 == 3) {
            cost = cost.add(new BigDecimal("0.00000013")); // priced other than the catalog: the split keeps the sum
        }
        return new UsageEvent(
                "ev-" + i,
                DAY1.plus(Duration.ofHours(7L * i)),
                "key_" + user,
                user,
                "arn:aws:sts::123456789012:assumed-role/TallyGateway/gw-" + user,
                tags,
                "us.anthropic.claude-sonnet-4-6",
                model,
                i % 2 == 0 ? "converse" : "invoke-stream",
                tokens,
                tier,
                cost,
                "USD",
                200,
                Duration.ofMillis(400),
                Optional.empty(),
                Outcome.COMPLETED,
                false);
    }

    static Optional<BigDecimal> price(String model, PricingModel tier, TokenCounts t) {
        BigDecimal sum = BigDecimal.ZERO;
        long[] counts = {t.input(), t.output(), t.cacheRead(), t.cacheWrite5m(), t.cacheWrite1h()};
        TokenType[] types = {
            TokenType.INPUT, TokenType.OUTPUT, TokenType.CACHE_READ, TokenType.CACHE_WRITE, TokenType.CACHE_WRITE
        };
        for (int k = 0; k < counts.length; k++) {
            Optional<BigDecimal> p = PRICES.pricePerMillion(model, types[k], tier, k == 4);
            if (p.isEmpty()) {
                return Optional.empty();
            }
            sum = sum.add(PriceCatalog.costOf(counts[k], p.get()));
        }
        return Optional.of(sum);
    }

    static CurLineItem curItem(String id, String usageType, double usage, String unit, String cost) {
        Instant start = Instant.parse("2026-11-02T10:00:00Z");
        return new CurLineItem(
                id,
                start,
                start.plusSeconds(3600),
                "123456789012",
                "123456789012",
                "AWS",
                "Usage",
                "AmazonBedrock",
                "Amazon Bedrock",
                usageType,
                "InvokeModelInference",
                "us-east-1",
                "",
                "arn:aws:sts::123456789012:assumed-role/TallyGateway/gw-alice",
                usage,
                unit,
                "0.003",
                new BigDecimal(cost),
                new BigDecimal(cost),
                "USD",
                "",
                Map.of("iamPrincipal/User", "alice", "iamPrincipal/Team", "search"),
                Map.of());
    }

    static Report report(List<String> inputs, List<String> ledgers, String... by) {
        return new ReportEngine(
                        new S3Fetcher(
                                Path.of(System.getProperty("java.io.tmpdir"), "tally-test-s3"),
                                s -> {},
                                S3Fetcher.clients()),
                        ReportEngine.Progress.none())
                .run(
                        ReportRequest.of(inputs)
                                .withBy(Arrays.stream(by).map(Dimension::parse).toList()),
                        ledgers);
    }

    static Report ledgerReport(String... by) {
        return report(List.of(), List.of(ledger.toString()), by);
    }

    /** Plain SQL on the file: {@code keySql} per event, with its cost, summed exactly in Java. */
    static Map<String, BigDecimal> sqlCosts(String keySql) throws Exception {
        Map<String, BigDecimal> sums = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ledger);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT " + keySql + ", cost FROM usage_event")) {
            while (r.next()) {
                String key = r.getString(1) == null ? "(untagged)" : r.getString(1);
                sums.merge(key, new BigDecimal(r.getString(2)), BigDecimal::add);
            }
        }
        return sums;
    }

    static long sqlLong(String sql) throws Exception {
        return sqlLong(ledger, sql);
    }

    static long sqlLong(Path db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    static Map<String, BigDecimal> costs(Report report) throws Exception {
        return new TreeMap<>(Reports.costs(report));
    }

    static Map<String, BigDecimal> usage(Report report) throws Exception {
        Map<String, BigDecimal> usage = new TreeMap<>();
        for (JsonNode g : JSON.readTree(Reports.json(report)).get("groups")) {
            StringBuilder key = new StringBuilder();
            g.get("keys")
                    .properties()
                    .forEach(e -> key.append(key.isEmpty() ? "" : " / ")
                            .append(e.getValue().asText()));
            usage.put(key.toString(), g.get("usage").decimalValue());
        }
        return usage;
    }

    private static void assertSameAmounts(Map<String, BigDecimal> actual, Map<String, BigDecimal> expected) {
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((k, v) -> assertThat(actual.get(k)).as(k).isEqualByComparingTo(v));
    }

    @Test
    void byUser_equalsTheLedgersCostsPerUser() throws Exception {
        assertSameAmounts(costs(ledgerReport("user")), sqlCosts("json_extract(tags, '$.User')"));
    }

    @Test
    void byTeamTag_equalsTheLedgersCostsPerTeam_untaggedIncluded() throws Exception {
        Map<String, BigDecimal> expected = sqlCosts("json_extract(tags, '$.Team')");
        assertThat(expected).containsKey("(untagged)");
        assertSameAmounts(costs(ledgerReport("tag:team")), expected);
    }

    @Test
    void byDayAndSession_equalTheLedgersCosts() throws Exception {
        assertSameAmounts(costs(ledgerReport("day")), sqlCosts("date(time_us / 1000000, 'unixepoch')"));
        Map<String, BigDecimal> bySession = new TreeMap<>();
        sqlCosts("'gw-' || user_name").forEach(bySession::put);
        assertSameAmounts(costs(ledgerReport("session")), bySession);
    }

    @Test
    void byTokenType_usageIsTokens_andCostsSplitByTheCatalogSumToTheEvents() throws Exception {
        Report report = ledgerReport("token-type");
        Map<String, BigDecimal> usage = usage(report);
        assertThat(usage.get("input"))
                .isEqualByComparingTo(BigDecimal.valueOf(sqlLong("SELECT sum(input_tokens) FROM usage_event")));
        assertThat(usage.get("output"))
                .isEqualByComparingTo(BigDecimal.valueOf(sqlLong("SELECT sum(output_tokens) FROM usage_event")));
        assertThat(usage.get("cache-read"))
                .isEqualByComparingTo(BigDecimal.valueOf(sqlLong("SELECT sum(cache_read_tokens) FROM usage_event")));
        assertThat(usage.get("cache-write"))
                .isEqualByComparingTo(BigDecimal.valueOf(
                        sqlLong("SELECT sum(cache_write_5m_tokens + cache_write_1h_tokens) FROM usage_event")));
        // Every event's shares sum to its cost, so the token types sum to the ledger's total exactly.
        BigDecimal total = sqlCosts("'all'").get("all");
        assertThat(Reports.total(report)).isEqualByComparingTo(total);
    }

    @Test
    void byTokenType_costIsTheCatalogsPriceOfEachType_whenTheGatewayPricedByIt() throws Exception {
        Map<String, BigDecimal> costs = costs(report(List.of(), List.of(exact.toString()), "token-type"));
        Map<String, BigDecimal> expected = new TreeMap<>();
        String[][] columns = {
            {"input", "input_tokens", "INPUT", "false"},
            {"output", "output_tokens", "OUTPUT", "false"},
            {"cache-read", "cache_read_tokens", "CACHE_READ", "false"},
            {"cache-write", "cache_write_5m_tokens", "CACHE_WRITE", "false"},
            {"cache-write", "cache_write_1h_tokens", "CACHE_WRITE", "true"}
        };
        for (PricingModel tier : List.of(PricingModel.ON_DEMAND, PricingModel.PRIORITY)) {
            for (String[] c : columns) {
                long tokens = sqlLong(
                        exact,
                        "SELECT coalesce(sum(" + c[1] + "), 0) FROM usage_event WHERE pricing_model = '" + tier.name()
                                + "'");
                BigDecimal price = PRICES.pricePerMillion(
                                "Claude4.6Sonnet", TokenType.valueOf(c[2]), tier, Boolean.parseBoolean(c[3]))
                        .orElseThrow();
                expected.merge(c[0], PriceCatalog.costOf(tokens, price), BigDecimal::add);
            }
        }
        assertSameAmounts(costs, expected);
    }

    @Test
    void byUsageType_keepsOneHourCacheWritesApart_underCursMarker() throws Exception {
        Map<String, BigDecimal> usage = usage(ledgerReport("usage-type"));
        assertThat(usage.get("Claude4.6Sonnet-1h-cache-write-input-token-count"))
                .isEqualByComparingTo(
                        BigDecimal.valueOf(
                                sqlLong(
                                        "SELECT sum(cache_write_1h_tokens) FROM usage_event WHERE model = 'Claude4.6Sonnet' AND pricing_model = 'ON_DEMAND'")));
        assertThat(usage.get("Claude4.6Sonnet-cache-write-input-token-count"))
                .isEqualByComparingTo(
                        BigDecimal.valueOf(
                                sqlLong(
                                        "SELECT sum(cache_write_5m_tokens) FROM usage_event WHERE model = 'Claude4.6Sonnet' AND pricing_model = 'ON_DEMAND'")));
        assertThat(usage).containsKey("Claude4.6Sonnet-output-tokens-priority");
    }

    @Test
    void withABill_sourceTellsThemApart_andAWarningSaysTheyCountTwice() throws Exception {
        Report report = report(List.of(bill.toString()), List.of(ledger.toString()), "source");
        Map<String, BigDecimal> costs = costs(report);
        assertThat(costs.get("ledger")).isEqualByComparingTo(sqlCosts("'all'").get("all"));
        assertThat(costs.get("bill")).isEqualByComparingTo("0.06");
        assertThat(report.warnings()).anyMatch(w -> w.contains("counted twice"));
        Report byUser = report(List.of(bill.toString()), List.of(ledger.toString()), "source", "user");
        assertThat(costs(byUser).get("bill / alice")).isEqualByComparingTo("0.06");
        assertThat(costs(byUser).get("ledger / alice"))
                .isEqualByComparingTo(sqlCosts("json_extract(tags, '$.User')").get("alice"));
    }

    @Test
    void ledgerAlone_warnsNothingAboutCountingTwice_andRangeFiltersByDay() throws Exception {
        Report all = ledgerReport("source");
        assertThat(all.warnings()).noneMatch(w -> w.contains("counted twice"));
        Report later = new ReportEngine(
                        new S3Fetcher(
                                Path.of(System.getProperty("java.io.tmpdir"), "tally-test-s3"),
                                s -> {},
                                S3Fetcher.clients()),
                        ReportEngine.Progress.none())
                .run(
                        ReportRequest.of(List.of())
                                .withBy(List.of(Dimension.parse("day")))
                                .withRange(
                                        Optional.of(LocalDate.parse("2026-11-05")),
                                        Optional.of(LocalDate.parse("2026-11-08"))),
                        List.of(ledger.toString()));
        Map<String, BigDecimal> expected = new TreeMap<>(sqlCosts("date(time_us / 1000000, 'unixepoch')"));
        expected.keySet().removeIf(d -> d.compareTo("2026-11-05") < 0 || d.compareTo("2026-11-08") >= 0);
        assertSameAmounts(costs(later), expected);
    }

    @Test
    void noInputAndNoLedger_isAUsageError() {
        assertThatThrownBy(() -> report(List.of(), List.of())).hasMessageContaining("--ledger");
    }

    @Test
    void sumOfAllRows_isTheLedgersTotal() throws Exception {
        assertThat(Reports.total(ledgerReport("model", "pricing-model")))
                .isEqualByComparingTo(sqlCosts("'all'").get("all"));
        assertThat(new ArrayList<>(costs(ledgerReport("model")).keySet())).contains("Claude4.6Sonnet", "Mystery1");
    }
}
