package dev.tally.report;

import static dev.tally.report.Reports.costs;
import static dev.tally.report.Reports.request;
import static dev.tally.report.Reports.run;
import static dev.tally.report.Reports.sharedData;
import static dev.tally.report.Reports.total;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.report.query.Report;
import dev.tally.report.query.ReportRequest;
import dev.tally.report.read.CostBasis;
import dev.tally.report.read.ParquetDictionary;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports over the real third-party samples in shared/data, each checked against totals this test computes
 * itself by plain CSV parsing.
 */
class SharedSamplesTest {
    private static final Path FOCUS = sharedData("focus-1.0-sample.csv");
    private static final Path CUR1 = sharedData("cur1-legacy-sample.csv");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void focus_byService_equalsPlainSums() throws Exception {
        Map<String, BigDecimal> expected = sumBy(FOCUS, "BilledCost", row -> row.get("ServiceName"), "NULL");
        Report report = run(allServices(request(FOCUS, "service")));
        assertEqualMoney(costs(report), expected);
        assertThat(total(report)).isEqualByComparingTo(sum(expected));
    }

    @Test
    void focus_byTag_resolvesKeysTrimmedAndCaseInsensitively() throws Exception {
        for (String key : List.of("org", "environment", "project", "business_unit")) {
            Map<String, BigDecimal> expected =
                    sumBy(FOCUS, "BilledCost", row -> focusTag(row.get("Tags"), key), "NULL");
            Report report = run(allServices(request(FOCUS, "tag:" + key)));
            assertEqualMoney(costs(report), expected);
        }
    }

    @Test
    void focusAsParquet_byTag_takesTheDictionaryPath_andFindsTheSameTotals(@TempDir Path dir) throws Exception {
        // The real sample as a FOCUS Parquet file with Tags as a MAP, as a Parquet FOCUS export holds it.
        Path parquet = dir.resolve("focus.parquet");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = duck.createStatement()) {
            s.execute(
                    "COPY (SELECT * REPLACE (CASE WHEN Tags IS NULL THEN NULL ELSE CAST(CAST(Tags AS JSON) AS MAP(VARCHAR, VARCHAR)) END AS Tags)"
                            + " FROM read_csv('" + FOCUS
                            + "', header = true, all_varchar = true, nullstr = ['', 'NULL'])) TO '" + parquet
                            + "' (FORMAT parquet)");
        }
        assertThat(ParquetDictionary.mapKeys(parquet, List.of("Tags"))).containsKey("Tags");
        for (String key : List.of("org", "environment", "project", "business_unit")) {
            Map<String, BigDecimal> expected =
                    sumBy(FOCUS, "BilledCost", row -> focusTag(row.get("Tags"), key), "NULL");
            assertEqualMoney(costs(run(allServices(request(parquet, "tag:" + key)))), expected);
        }
    }

    @Test
    void focus_netCost_readsEffectiveCost() throws Exception {
        Map<String, BigDecimal> expected = sumBy(FOCUS, "EffectiveCost", row -> row.get("ServiceName"), "NULL");
        Report report = run(net(allServices(request(FOCUS, "service"))));
        assertEqualMoney(costs(report), expected);
    }

    @Test
    void focus_hasNoBedrock_soTheDefaultReportIsEmpty() throws Exception {
        Report report = run(ReportRequest.of(List.of(FOCUS.toString())));
        assertThat(report.isEmpty()).isTrue();
        assertThat(total(report)).isZero();
    }

    @Test
    void cur1_byService_equalsPlainSums() throws Exception {
        Map<String, BigDecimal> expected =
                sumBy(CUR1, "lineItem/UnblendedCost", row -> row.get("lineItem/ProductCode"), "");
        Report report = run(allServices(request(CUR1, "service")));
        assertEqualMoney(costs(report), expected);
        assertThat(total(report)).isEqualByComparingTo(sum(expected));
    }

    @Test
    void cur1_byUsageType_equalsPlainSums() throws Exception {
        Map<String, BigDecimal> expected =
                sumBy(CUR1, "lineItem/UnblendedCost", row -> row.get("lineItem/UsageType"), "");
        Report report = run(allServices(request(CUR1, "usage-type")));
        assertEqualMoney(costs(report), expected);
    }

    @Test
    void cur1_byDay_coversTheMonth() throws Exception {
        Map<String, BigDecimal> expected = sumBy(
                CUR1,
                "lineItem/UnblendedCost",
                row -> row.get("lineItem/UsageStartDate").substring(0, 10),
                "");
        Report report = run(allServices(request(CUR1, "day")));
        assertEqualMoney(costs(report), expected);
    }

    @Test
    void json_hasTheDocumentedShape() throws Exception {
        JsonNode root = JSON.readTree(Reports.json(run(allServices(request(FOCUS, "service", "tag:environment")))));
        assertThat(root.get("currency").asText()).isEqualTo("USD");
        assertThat(root.get("dimensions")).hasSize(2);
        JsonNode first = root.get("groups").get(0);
        assertThat(first.get("keys").has("service")).isTrue();
        assertThat(first.get("keys").has("tag:environment")).isTrue();
        assertThat(first.has("cost") && first.has("usage") && first.has("rows")).isTrue();
        BigDecimal previous = null;
        for (JsonNode g : root.get("groups")) {
            BigDecimal cost = g.get("cost").decimalValue();
            if (previous != null) {
                assertThat(cost).isLessThanOrEqualTo(previous);
            }
            previous = cost;
        }
    }

    private static ReportRequest allServices(ReportRequest r) {
        return r.withAllServices();
    }

    private static ReportRequest net(ReportRequest r) {
        return r.withCostBasis(CostBasis.NET);
    }

    static Map<String, BigDecimal> sumBy(
            Path csv, String costColumn, Function<Map<String, String>, String> key, String nullLiteral)
            throws Exception {
        Map<String, BigDecimal> sums = new TreeMap<>();
        for (Map<String, String> row : PlainCsv.read(csv)) {
            String k = key.apply(row);
            String cost = row.get(costColumn);
            BigDecimal value =
                    cost == null || cost.isEmpty() || cost.equals(nullLiteral) ? BigDecimal.ZERO : new BigDecimal(cost);
            sums.merge(k, value, BigDecimal::add);
        }
        return sums;
    }

    /** The FOCUS Tags value for a key, keys trimmed and compared ignoring case; missing is (untagged). */
    private static String focusTag(String tags, String key) {
        if (tags == null || tags.isEmpty() || tags.equals("NULL")) {
            return "(untagged)";
        }
        try {
            JsonNode node = JSON.readTree(tags);
            for (var e : node.properties()) {
                if (e.getKey().strip().equalsIgnoreCase(key)
                        && !e.getValue().asText().isEmpty()) {
                    return e.getValue().asText();
                }
            }
            return "(untagged)";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigDecimal sum(Map<String, BigDecimal> values) {
        return values.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static void assertEqualMoney(Map<String, BigDecimal> actual, Map<String, BigDecimal> expected) {
        Map<String, BigDecimal> expectedKeys = new TreeMap<>();
        expected.forEach((k, v) -> expectedKeys.put(k == null || k.isEmpty() || k.equals("NULL") ? "(none)" : k, v));
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expectedKeys.keySet());
        expectedKeys.forEach(
                (k, v) -> assertThat(actual.get(k)).as("cost of %s", k).isEqualByComparingTo(v));
    }
}
