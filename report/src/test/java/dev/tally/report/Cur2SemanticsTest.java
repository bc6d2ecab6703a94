package dev.tally.report;

import static dev.tally.report.Reports.costs;
import static dev.tally.report.Reports.json;
import static dev.tally.report.Reports.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.cur.Cur2Writer;
import dev.tally.cur.CurLineItem;
import dev.tally.report.query.Condition;
import dev.tally.report.query.Dimension;
import dev.tally.report.query.Report;
import dev.tally.report.query.ReportRequest;
import dev.tally.report.read.CostBasis;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared report semantics of design.md, on a small CUR 2.0 export whose every total is known by hand. */
class Cur2SemanticsTest {
    private static final String ROLE_SESSION = "arn:aws:sts::111122223333:assumed-role/tally-dev/cc-alpha-1762000000";
    private static final String ALICE = "arn:aws:iam::111122223333:user/alice";
    private static final String FEDERATED = "arn:aws:sts::111122223333:assumed-role/sso-dev/dana@acme.org";
    private static final String API_KEY = "arn:aws:iam::111122223333:user/BedrockAPIKey-x1y2";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Path parquet;

    @BeforeAll
    static void writeExport() {
        parquet = dir.resolve("export.parquet");
        Cur2Writer.write(items(), parquet);
    }

    static List<CurLineItem> items() {
        List<CurLineItem> items = new ArrayList<>();
        Map<String, String> alphaTags =
                Map.of("iamPrincipal/Project", "alpha", "iamPrincipal/team", "ds", "iamPrincipal/User", "ann");
        items.add(item(
                "1",
                "2026-11-02T10:00:00Z",
                "AWS",
                "AmazonBedrock",
                "Amazon Bedrock",
                "USE1-Claude4.6Sonnet-input-tokens",
                ROLE_SESSION,
                2.0,
                "1K tokens",
                "0.006",
                alphaTags,
                Map.of(),
                "USD"));
        items.add(item(
                "2",
                "2026-11-03T10:00:00Z",
                "AWS",
                "AmazonBedrock",
                "Amazon Bedrock",
                "USE1-Claude4.6Sonnet-output-tokens",
                ROLE_SESSION,
                0.001,
                "1M tokens",
                "0.015",
                alphaTags,
                Map.of(),
                "USD"));
        items.add(item(
                "3",
                "2026-11-09T10:00:00Z",
                "AWS",
                "AmazonBedrock",
                "Amazon Bedrock",
                "USW2-Claude4.6Sonnet-cache-read-input-token-count",
                ALICE,
                10,
                "1K tokens",
                "0.003",
                Map.of(),
                Map.of("user_project", "beta", "user_team", "web", "user_user", "mallory"),
                "USD"));
        items.add(item(
                "4",
                "2026-11-10T10:00:00Z",
                "AWS",
                "AmazonBedrockService",
                "Amazon Bedrock Service",
                "USE1-NovaLite-input-tokens",
                FEDERATED,
                100,
                "1K tokens",
                "0.006",
                Map.of(" iamPrincipal/PROJECT ", "gamma"),
                Map.of(),
                "USD"));
        items.add(item(
                "5",
                "2026-11-10T11:00:00Z",
                "AWS Marketplace",
                "c8x0opaque",
                "Cohere Command R+ (Amazon Bedrock Edition)",
                "USW2-MP:USW2_InputTokenCount-Units",
                API_KEY,
                0.5,
                "Units",
                "1.25",
                Map.of(),
                Map.of(),
                "USD"));
        items.add(item(
                "6",
                "2026-11-04T00:00:00Z",
                "AWS",
                "AmazonEC2",
                "Amazon Elastic Compute Cloud",
                "USE1-BoxUsage:t3.micro",
                "",
                24,
                "Hrs",
                "5.00",
                Map.of(),
                Map.of(),
                "USD"));
        items.add(item(
                "7",
                "2026-11-01T00:00:00Z",
                "AWS",
                "AmazonBedrock",
                "Amazon Bedrock",
                "",
                "",
                1,
                "",
                "0.10",
                Map.of(),
                Map.of(),
                "USD",
                "Tax"));
        items.add(item(
                "8",
                "2026-11-01T00:00:00Z",
                "AWS",
                "AmazonBedrock",
                "Amazon Bedrock",
                "",
                "",
                1,
                "",
                "-0.05",
                Map.of(),
                Map.of(),
                "USD",
                "Credit"));
        items.add(item(
                "9",
                "2026-11-05T10:00:00Z",
                "AWS",
                "AmazonBedrock",
                "Amazon Bedrock",
                "EUC1-Claude4.6Sonnet-input-tokens",
                ALICE,
                1,
                "1K tokens",
                "2.00",
                Map.of(),
                Map.of(),
                "EUR"));
        items.add(item(
                "10",
                "2026-11-06T00:00:00Z",
                "AWS",
                "AmazonBedrock",
                "Amazon Bedrock",
                "USE1-Claude4.6Sonnet-ProvisionedThroughput-ModelUnits",
                ROLE_SESSION,
                1,
                "Hours",
                "20.00",
                alphaTags,
                Map.of(),
                "USD"));
        items.add(item(
                "11",
                "2026-10-31T23:00:00Z",
                "AWS",
                "AmazonBedrock",
                "Amazon Bedrock",
                "USE1-Claude4.6Sonnet-input-tokens",
                ROLE_SESSION,
                1,
                "1K tokens",
                "0.003",
                alphaTags,
                Map.of(),
                "USD"));
        return items;
    }

    @Test
    void defaultBy_isProjectTag_withPrincipalTagsBeforeResourceTags() throws Exception {
        Report report = run(ReportRequest.of(List.of(parquet.toString())));
        assertThat(report.defaultDimensions()).isTrue();
        assertThat(report.dimensions()).containsExactly(Dimension.tag("project"));
        Map<String, BigDecimal> usd = costsOf(report, "USD");
        assertThat(usd.get("alpha")).isEqualByComparingTo("20.024");
        assertThat(usd.get("beta")).isEqualByComparingTo("0.003");
        assertThat(usd.get("gamma")).isEqualByComparingTo("0.006");
        assertThat(usd.get("(untagged)"))
                .isEqualByComparingTo(
                        new BigDecimal("1.25").add(new BigDecimal("0.10")).add(new BigDecimal("-0.05")));
        assertThat(usd).doesNotContainKey("(none)");
    }

    @Test
    void allServices_addsNonBedrockRows() throws Exception {
        Report report = run(request("service").withAllServices());
        assertThat(costsOf(report, "USD").get("AmazonEC2")).isEqualByComparingTo("5.00");
        // A Marketplace row shows its product name, not its opaque code.
        assertThat(costsOf(report, "USD"))
                .containsKey("Cohere Command R+ (Amazon Bedrock Edition)")
                .doesNotContainKey("c8x0opaque");
    }

    @Test
    void user_prefersTheUserTag_thenIamUser_thenSession() throws Exception {
        Map<String, BigDecimal> usd = costsOf(run(request("user")), "USD");
        assertThat(usd.get("ann")).isEqualByComparingTo("20.024");
        // alice's row carries a resource tag user_user=mallory: a resource's tag does not say who called.
        assertThat(usd.get("alice")).isEqualByComparingTo("0.003");
        assertThat(usd).doesNotContainKey("mallory");
        assertThat(costsOf(run(request("tag:user")), "USD").get("mallory")).isEqualByComparingTo("0.003");
        assertThat(usd.get("dana@acme.org")).isEqualByComparingTo("0.006");
        assertThat(usd.get("BedrockAPIKey-x1y2")).isEqualByComparingTo("1.25");
        assertThat(usd.get("(none)")).isEqualByComparingTo("0.05");
    }

    @Test
    void model_usesTheUsageTypeOrTheMarketplaceProductName() throws Exception {
        Map<String, BigDecimal> usd = costsOf(run(request("model")), "USD");
        assertThat(usd.get("Claude4.6Sonnet")).isEqualByComparingTo("20.027");
        assertThat(usd.get("NovaLite")).isEqualByComparingTo("0.006");
        assertThat(usd.get("Cohere Command R+ (Amazon Bedrock Edition)")).isEqualByComparingTo("1.25");
        assertThat(usd.get("(none)")).isEqualByComparingTo("0.05");
    }

    @Test
    void usage_isNormalizedToTokens() throws Exception {
        JsonNode root = JSON.readTree(json(run(request("token-type"))));
        JsonNode usd = root.isArray() ? root.get(0) : root;
        assertThat(usd.get("currency").asText()).isEqualTo("EUR");
        JsonNode dollars = root.get(1);
        Map<String, JsonNode> byType = new java.util.HashMap<>();
        dollars.get("groups")
                .forEach(g -> byType.put(g.get("keys").get("token-type").asText(), g));
        // 1 + 2 (1K tokens) on 2026-10-31 and 11-02, 100K Nova, 0.5 Marketplace Units of a million.
        assertThat(byType.get("input").get("usage").decimalValue()).isEqualByComparingTo("603000");
        assertThat(byType.get("output").get("usage").decimalValue()).isEqualByComparingTo("1000");
        assertThat(byType.get("cache-read").get("usage").decimalValue()).isEqualByComparingTo("10000");
        assertThat(byType.get("other").get("usage").decimalValue()).isZero();
    }

    @Test
    void currencies_areNeverSummedTogether() throws Exception {
        Report report = run(request("region"));
        assertThat(report.currencies()).extracting(c -> c.currency()).containsExactly("EUR", "USD");
        assertThat(report.currencies().get(0).total()).isEqualByComparingTo("2.00");
        assertThat(costsOf(report, "EUR")).containsOnlyKeys("eu-central-1");
    }

    @Test
    void fromIsInclusive_toIsExclusive_onUsageStart() throws Exception {
        Report report = run(request("day")
                .withRange(Optional.of(LocalDate.parse("2026-11-01")), Optional.of(LocalDate.parse("2026-11-03"))));
        assertThat(costsOf(report, "USD")).containsOnlyKeys("2026-11-01", "2026-11-02");
    }

    @Test
    void weeks_areIsoWeeksLabelledByMonday() throws Exception {
        Map<String, BigDecimal> usd = costsOf(run(request("week")), "USD");
        assertThat(usd.get("2026-11-02"))
                .isEqualByComparingTo(
                        new BigDecimal("0.006").add(new BigDecimal("0.015")).add(new BigDecimal("20")));
        assertThat(usd.get("2026-11-09"))
                .isEqualByComparingTo(
                        new BigDecimal("0.003").add(new BigDecimal("0.006")).add(new BigDecimal("1.25")));
        assertThat(usd.get("2026-10-26")).isEqualByComparingTo("0.053");
    }

    @Test
    void where_selectsUntaggedSpendByPrincipal() throws Exception {
        Report report = run(request("principal").withWhere(List.of(Condition.parse("tag:project=(untagged)"))));
        assertThat(costsOf(report, "USD")).containsOnlyKeys(API_KEY, "(none)");
    }

    @Test
    void top_foldsTheRestIntoOther() throws Exception {
        Report report = run(request("principal").withTop(1));
        Map<String, BigDecimal> usd = costsOf(report, "USD");
        assertThat(usd).containsOnlyKeys(ROLE_SESSION, "(other)");
        assertThat(usd.get("(other)"))
                .isEqualByComparingTo(new BigDecimal("0.003")
                        .add(new BigDecimal("0.006"))
                        .add(new BigDecimal("1.25"))
                        .add(new BigDecimal("0.05")));
    }

    @Test
    void netCost_readsTheNetColumn() throws Exception {
        Report report = run(request("service").withCostBasis(CostBasis.NET));
        // The fixture's net cost is 90% of unblended on every row.
        assertThat(report.currencies().get(1).total())
                .isEqualByComparingTo(new BigDecimal("21.333").multiply(new BigDecimal("0.9")));
    }

    @Test
    void threeFormats_giveIdenticalJson() throws Exception {
        Path csv = dir.resolve("same.csv");
        Path gz = dir.resolve("same.csv.gz");
        Cur2Writer.write(items(), csv);
        Cur2Writer.write(items(), gz);
        for (String by : List.of(
                "tag:project,model",
                "user,day",
                "principal,token-type,pricing-model,region,usage-type,operation,account")) {
            String[] dims = by.split(",");
            String fromParquet = json(run(Reports.request(parquet, dims)));
            assertThat(json(run(Reports.request(csv, dims)))).isEqualTo(fromParquet);
            assertThat(json(run(Reports.request(gz, dims)))).isEqualTo(fromParquet);
        }
    }

    @Test
    void sameLineItemInTwoFiles_countsOnceWithAWarning() throws Exception {
        Path copyDir = dir.resolve("versions");
        Cur2Writer.write(items(), copyDir.resolve("v1/part-1.parquet"));
        Cur2Writer.write(items().subList(0, 3), copyDir.resolve("v2/part-1.csv"));
        Report twice = run(Reports.request(copyDir, "principal"));
        Report once = run(Reports.request(parquet, "principal"));
        assertThat(json(twice)).isEqualTo(json(once));
        assertThat(twice.warnings()).anyMatch(w -> w.startsWith("3 line item(s) appeared more than once"));
    }

    private static Map<String, BigDecimal> costsOf(Report report, String currency) throws Exception {
        var c = report.currencies().stream()
                .filter(r -> r.currency().equals(currency))
                .findFirst()
                .orElseThrow();
        Report single = new Report(
                report.dimensions(), report.defaultDimensions(), List.of(c), report.untaggedTag(), List.of());
        return costs(single);
    }

    private static ReportRequest request(String... by) {
        return ReportRequest.of(List.of(parquet.toString()))
                .withBy(Arrays.stream(by).map(Dimension::parse).toList());
    }

    private static CurLineItem item(
            String id,
            String start,
            String entity,
            String productCode,
            String productName,
            String usageType,
            String principal,
            double usage,
            String unit,
            String cost,
            Map<String, String> tags,
            Map<String, String> resourceTags,
            String currency) {
        return item(
                id,
                start,
                entity,
                productCode,
                productName,
                usageType,
                principal,
                usage,
                unit,
                cost,
                tags,
                resourceTags,
                currency,
                "Usage");
    }

    private static CurLineItem item(
            String id,
            String start,
            String entity,
            String productCode,
            String productName,
            String usageType,
            String principal,
            double usage,
            String unit,
            String cost,
            Map<String, String> tags,
            Map<String, String> resourceTags,
            String currency,
            String type) {
        Instant s = Instant.parse(start);
        BigDecimal c = new BigDecimal(cost);
        String region = usageType.startsWith("USW2")
                ? "us-west-2"
                : usageType.startsWith("EUC1") ? "eu-central-1" : "us-east-1";
        return new CurLineItem(
                "li-" + id,
                s,
                s.plus(1, ChronoUnit.HOURS),
                "111122223333",
                "111122223333",
                entity,
                type,
                productCode,
                productName,
                usageType,
                "InvokeModelInference",
                region,
                "",
                principal,
                usage,
                unit,
                "0",
                c,
                c.multiply(new BigDecimal("0.9")),
                currency,
                "",
                tags,
                resourceTags);
    }
}
