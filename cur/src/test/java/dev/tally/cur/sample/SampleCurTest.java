package dev.tally.cur.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.core.price.PriceCatalog;
import dev.tally.core.principal.Principal;
import dev.tally.core.principal.PrincipalKind;
import dev.tally.core.usage.UsageType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleCurTest {
    /** The smallest sample the contract holds for: every kind of row is present. */
    private static final long SMALL = 200;

    @TempDir
    static Path dir;

    private static Path small;
    /** Large enough that the less used models and tiers appear too. */
    private static Path medium;

    /** One connection for every check: opening DuckDB costs more than most of the queries. */
    private static Connection duck;

    @BeforeAll
    static void generateSamples() throws SQLException {
        duck = DriverManager.getConnection("jdbc:duckdb:");
        small = dir.resolve("small.parquet");
        SampleCur.withBuiltInPrices().generate(SampleCurConfig.of(SMALL, 7, small));
        medium = dir.resolve("medium.parquet");
        SampleCur.withBuiltInPrices().generate(SampleCurConfig.of(5_000, 11, medium));
    }

    @Test
    void generate_sameSeed_writesIdenticalBytes() throws IOException {
        for (String name : List.of("a.parquet", "a.csv", "a.csv.gz")) {
            Path first = dir.resolve("first-" + name);
            Path second = dir.resolve("second-" + name);
            SampleCur.withBuiltInPrices().generate(SampleCurConfig.of(300, 42, first));
            SampleCur.withBuiltInPrices().generate(SampleCurConfig.of(300, 42, second));
            assertThat(Files.readAllBytes(second)).as(name).isEqualTo(Files.readAllBytes(first));
        }
    }

    @Test
    void generate_differentSeed_writesDifferentRows() throws Exception {
        Path other = dir.resolve("other-seed.parquet");
        SampleCur.withBuiltInPrices().generate(SampleCurConfig.of(SMALL, 8, other));
        assertThat(Files.readAllBytes(other)).isNotEqualTo(Files.readAllBytes(small));
        long same = scalar("""
                SELECT count(*) FROM read_parquet('%s') a JOIN read_parquet('%s') b USING (identity_line_item_id)""".formatted(small, other));
        assertThat(same).isZero();
    }

    @Test
    void generate_rowsAreUniqueHourlyLineItemsOfTheMonth() throws Exception {
        Path path = dir.resolve("november.parquet");
        SampleCur.withBuiltInPrices()
                .generate(SampleCurConfig.of(SMALL, 7, path).withMonth(YearMonth.of(2025, 11)));
        String from = "read_parquet('" + path + "')";
        assertThat(scalar("SELECT count(*) FROM " + from)).isEqualTo(SMALL);
        assertThat(scalar("SELECT count(DISTINCT identity_line_item_id) FROM " + from))
                .isEqualTo(SMALL);
        // Rows come in row-number order (the id ends in it), whatever order DuckDB's threads finish in.
        assertThat(scalar(
                        "SELECT count(*) FROM (SELECT identity_line_item_id AS id, lag(identity_line_item_id) OVER () AS prev FROM "
                                + from + ") WHERE right(id, 10) <= right(prev, 10)"))
                .isZero();
        assertThat(scalar("""
                SELECT count(*) FROM %s
                WHERE line_item_usage_start_date < TIMESTAMP '2025-11-01' OR line_item_usage_end_date > TIMESTAMP '2025-12-01'
                   OR bill_billing_period_start_date <> TIMESTAMP '2025-11-01' OR bill_billing_period_end_date <> TIMESTAMP '2025-12-01'
                   OR identity_time_interval <> strftime(line_item_usage_start_date, '%%Y-%%m-%%dT%%H:%%M:%%SZ') || '/'
                                                || strftime(line_item_usage_end_date, '%%Y-%%m-%%dT%%H:%%M:%%SZ')
                   OR line_item_currency_code <> 'USD'""".formatted(from))).isZero();
        assertThat(scalar("SELECT count(*) FROM " + from + " WHERE line_item_line_item_type = 'Usage' AND "
                        + "line_item_usage_end_date - line_item_usage_start_date <> INTERVAL 1 HOUR"))
                .isZero();
    }

    @Test
    void generate_smallSample_holdsEveryKindOfRow() throws Exception {
        assertThat(missingKinds(small))
                .as("kinds of rows missing from a %d-row sample", SMALL)
                .isEmpty();
    }

    @Test
    void generate_onePersonOneProjectOneTeam_stillHoldsEveryKindOfRow() throws Exception {
        Path tiny = dir.resolve("tiny.csv.gz");
        SampleCur.withBuiltInPrices()
                .generate(SampleCurConfig.of(SMALL, 9, dir.resolve("unused.parquet"))
                        .withPopulation(1, 1, 1)
                        .withOut(tiny));
        Path parquet = dir.resolve("tiny.parquet");
        SampleCur.withBuiltInPrices()
                .generate(SampleCurConfig.of(SMALL, 9, parquet).withPopulation(1, 1, 1));
        assertThat(missingKinds(parquet)).isEmpty();
        assertThat(scalar("SELECT count(*) FROM read_csv('" + tiny + "', header = true)"))
                .isEqualTo(SMALL);
    }

    private static List<String> missingKinds(Path file) throws SQLException {
        String bedrock = "line_item_product_code LIKE 'AmazonBedrock%'";
        List<String> missing = new ArrayList<>();
        for (String[] check : new String[][] {
            {
                "assumed-role Claude Code session",
                bedrock
                        + " AND regexp_matches(line_item_iam_principal, '^arn:aws:sts::\\d{12}:assumed-role/[^/]+/cc-[a-z0-9-]+-\\d+$')"
            },
            {
                "gateway per-user session",
                bedrock + " AND line_item_iam_principal LIKE '%:assumed-role/TallyGatewayUser/%'"
            },
            {
                "IAM user",
                bedrock
                        + " AND regexp_matches(line_item_iam_principal, '^arn:aws:iam::\\d{12}:user/') AND line_item_iam_principal NOT LIKE '%BedrockAPIKey-%'"
            },
            {
                "API key user",
                bedrock
                        + " AND regexp_matches(line_item_iam_principal, '^arn:aws:iam::\\d{12}:user/BedrockAPIKey-[a-z0-9]{4}$')"
            },
            {
                "federated user",
                bedrock
                        + " AND regexp_matches(line_item_iam_principal, '^arn:aws:sts::\\d{12}:assumed-role/[^/]+/[^/@]+@[^/@]+\\.[a-z]+$')"
            },
            {"untagged Bedrock principal", bedrock + " AND line_item_iam_principal <> '' AND cardinality(tags) = 0"},
            {"iamPrincipal/Project", "tags['iamPrincipal/Project'] IS NOT NULL"},
            {"iamPrincipal/User", "tags['iamPrincipal/User'] IS NOT NULL"},
            {"iamPrincipal/team", "tags['iamPrincipal/team'] IS NOT NULL"},
            {"iamPrincipal/cost-center", "tags['iamPrincipal/cost-center'] IS NOT NULL"},
            {
                "resource tags on Bedrock",
                bedrock + " AND resource_tags['user_team'] IS NOT NULL AND resource_tags['user_project'] IS NOT NULL"
            },
            {"input tokens", "line_item_usage_type LIKE '%-input-tokens'"},
            {"output tokens", "line_item_usage_type LIKE '%-output-tokens'"},
            {"cache read", "line_item_usage_type LIKE '%-cache-read-input-token-count'"},
            {
                "5-minute cache write",
                "line_item_usage_type LIKE '%-cache-write-input-token-count' AND line_item_usage_type NOT LIKE '%-1h-%'"
            },
            {"1-hour cache write", "line_item_usage_type LIKE '%-1h-cache-write-input-token-count'"},
            {"batch", bedrock + " AND line_item_usage_type LIKE '%-batch-%'"},
            {"flex", bedrock + " AND line_item_usage_type LIKE '%-flex'"},
            {"priority", bedrock + " AND line_item_usage_type LIKE '%-priority'"},
            {
                "provisioned in Hours",
                "line_item_usage_type LIKE '%-ProvisionedThroughput-ModelUnits' AND pricing_unit = 'Hours' AND line_item_unblended_cost > 0"
            },
            {
                "provisioned in Units",
                "line_item_usage_type LIKE '%-ProvisionedThroughput-ModelUnits' AND pricing_unit = 'Units' AND line_item_unblended_cost > 0"
            },
            {
                "Marketplace input",
                "bill_billing_entity = 'AWS Marketplace' AND line_item_product_code NOT LIKE 'Amazon%' AND product['product_name'] LIKE '%(Amazon Bedrock Edition)' AND regexp_matches(line_item_usage_type, '^[A-Z0-9]+-MP:[A-Z0-9]+_InputTokenCount-Units$') AND pricing_unit = 'Units'"
            },
            {
                "Marketplace output",
                "bill_billing_entity = 'AWS Marketplace' AND line_item_usage_type LIKE '%_OutputTokenCount-Units'"
            },
            {"1K tokens", bedrock + " AND pricing_unit = '1K tokens'"},
            {"1M tokens", bedrock + " AND pricing_unit = '1M tokens'"},
            {
                "EC2 without principal",
                "line_item_product_code = 'AmazonEC2' AND line_item_usage_type LIKE '%BoxUsage:%' AND line_item_iam_principal = '' AND line_item_line_item_type = 'Usage'"
            },
            {
                "S3 without principal",
                "line_item_product_code = 'AmazonS3' AND line_item_usage_type LIKE '%TimedStorage-ByteHrs' AND line_item_iam_principal = ''"
            },
            {"positive Tax", "line_item_line_item_type = 'Tax' AND line_item_unblended_cost > 0"},
            {
                "negative Credit on Bedrock",
                bedrock + " AND line_item_line_item_type = 'Credit' AND line_item_unblended_cost < 0"
            },
            {
                "negative Credit elsewhere",
                "NOT " + bedrock + " AND line_item_line_item_type = 'Credit' AND line_item_unblended_cost < 0"
            },
            {
                "net below unblended",
                "line_item_net_unblended_cost < line_item_unblended_cost AND line_item_unblended_cost > 0"
            },
            {"AmazonBedrock", "line_item_product_code = 'AmazonBedrock'"},
            {"AmazonBedrockService", "line_item_product_code = 'AmazonBedrockService'"},
            {"AmazonBedrockFoundationModels", "line_item_product_code = 'AmazonBedrockFoundationModels'"},
            {"InvokeModelInference", "line_item_operation = 'InvokeModelInference'"},
            {"InvokeModelStreamingInference", "line_item_operation = 'InvokeModelStreamingInference'"},
            {"older operation Usage", bedrock + " AND line_item_operation = 'Usage'"},
            {
                "us-east-1",
                bedrock
                        + " AND product_region_code = 'us-east-1' AND product['region'] = 'us-east-1' AND line_item_usage_type LIKE 'USE1-%'"
            },
            {"us-west-2", bedrock + " AND product_region_code = 'us-west-2' AND line_item_usage_type LIKE 'USW2-%'"},
            {
                "eu-central-1",
                bedrock + " AND product_region_code = 'eu-central-1' AND line_item_usage_type LIKE 'EUC1-%'"
            },
            {
                "ap-northeast-1",
                bedrock + " AND product_region_code = 'ap-northeast-1' AND line_item_usage_type LIKE 'APN1-%'"
            },
        }) {
            if (scalar("SELECT count(*) FROM read_parquet('" + file + "') WHERE " + check[1]) == 0) {
                missing.add(check[0]);
            }
        }
        return missing;
    }

    @Test
    void generate_bedrockPrincipals_areSetOnBedrockRowsOnly() throws Exception {
        String from = "read_parquet('" + small + "')";
        assertThat(
                        scalar(
                                "SELECT count(*) FROM " + from + " WHERE line_item_line_item_type = 'Usage' AND "
                                        + "(line_item_product_code LIKE 'AmazonBedrock%' OR bill_billing_entity = 'AWS Marketplace') AND line_item_iam_principal = ''"))
                .isZero();
        assertThat(scalar("SELECT count(*) FROM " + from + " WHERE line_item_product_code IN ('AmazonEC2', 'AmazonS3') "
                        + "AND (line_item_iam_principal <> '' OR cardinality(tags) > 0)"))
                .isZero();
    }

    @Test
    void generate_usageRows_costUsageTimesTheWrittenRate() throws Exception {
        Path path = medium;
        String from = "read_parquet('" + path + "')";
        assertThat(
                        scalar(
                                "SELECT count(*) FROM " + from + " WHERE line_item_line_item_type = 'Usage' AND "
                                        + "(abs(line_item_unblended_cost - line_item_usage_amount * CAST(line_item_unblended_rate AS DOUBLE)) > 1e-9 "
                                        + " OR abs(line_item_net_unblended_cost - line_item_usage_amount * CAST(line_item_net_unblended_rate AS DOUBLE)) > 1e-9)"))
                .isZero();
        assertThat(scalar("SELECT count(*) FROM " + from
                        + " WHERE line_item_line_item_type = 'Usage' AND line_item_usage_amount <= 0"))
                .isZero();
        assertThat(scalar("SELECT count(*) FROM " + from
                        + " WHERE line_item_net_unblended_cost > line_item_unblended_cost + 1e-12"))
                .isZero();
    }

    @Test
    void generate_tokenRates_areTheListPricesOfAwsFactsSection10() throws Exception {
        Path path = medium;
        // USD per million tokens from aws-facts.md section 10; cache reads a tenth of input, 5-minute writes
        // 1.25x, one-hour writes 2x, batch half: written per 1K or per 1M tokens as the row's unit says.
        Object[][] expected = {
            {"USE1-Claude4.6Sonnet-input-tokens", 3.0},
            {"USE1-Claude4.6Sonnet-output-tokens", 15.0},
            {"%-Claude4.6Sonnet-cache-read-input-token-count", 0.30},
            {"%-Claude4.6Sonnet-cache-write-input-token-count", 3.75},
            {"%-Claude4.6Sonnet-1h-cache-write-input-token-count", 6.0},
            {"%-Claude4.6Sonnet-batch-input-tokens", 1.5},
            {"%-Claude4.5Haiku-input-tokens", 1.0},
            {"%-Claude4.5Haiku-output-tokens", 5.0},
            {"%-Claude4.6Opus-output-tokens", 25.0},
            {"%-NovaLite-input-tokens", 0.06},
            {"%-NovaMicro-output-tokens", 0.14},
        };
        for (Object[] e : expected) {
            String like = (String) e[0];
            double perMillion = (double) e[1];
            String rows = "FROM " + "read_parquet('" + path + "') WHERE line_item_usage_type LIKE '" + like + "'";
            assertThat(scalar("SELECT count(*) " + rows)).as(like).isPositive();
            assertThat(scalar("SELECT count(*) " + rows + " AND NOT ("
                            + "(pricing_unit = '1K tokens' AND abs(CAST(line_item_unblended_rate AS DOUBLE) - "
                            + perMillion + " / 1000) < 1e-12) OR "
                            + "(pricing_unit = '1M tokens' AND abs(CAST(line_item_unblended_rate AS DOUBLE) - "
                            + perMillion + ") < 1e-12))"))
                    .as("rows of %s not at %s USD per million tokens", like, perMillion)
                    .isZero();
        }
        assertThat(
                        string(
                                "SELECT any_value(line_item_unblended_rate) FROM read_parquet('" + path + "') "
                                        + "WHERE line_item_usage_type = 'USE1-Claude4.6Sonnet-input-tokens' AND pricing_unit = '1K tokens'"))
                .isEqualTo("0.003");
    }

    @Test
    void generate_principalsAndUsageTypes_readBackThroughCore() throws Exception {
        Set<PrincipalKind> kinds = EnumSet.noneOf(PrincipalKind.class);
        try (Statement s = duck.createStatement();
                ResultSet rs = s.executeQuery("SELECT DISTINCT line_item_iam_principal FROM read_parquet('" + medium
                        + "') WHERE line_item_iam_principal <> ''")) {
            while (rs.next()) {
                kinds.add(Principal.parse(rs.getString(1)).kind());
            }
        }
        assertThat(kinds)
                .containsExactlyInAnyOrder(
                        PrincipalKind.USER, PrincipalKind.API_KEY, PrincipalKind.ASSUMED_ROLE, PrincipalKind.FEDERATED);

        PriceCatalog catalog = PriceCatalog.builtIn();
        int checked = 0;
        try (Statement s = duck.createStatement();
                ResultSet rs = s.executeQuery("""
                SELECT DISTINCT line_item_usage_type, pricing_unit, line_item_unblended_rate FROM read_parquet('%s')
                WHERE line_item_product_code LIKE 'AmazonBedrock%%' AND pricing_unit LIKE '%%tokens'""".formatted(medium))) {
            while (rs.next()) {
                UsageType usageType = UsageType.parse(rs.getString(1));
                BigDecimal perMillion = catalog.pricePerMillion(usageType).orElseThrow();
                BigDecimal perUnit = rs.getString(2).equals("1K tokens") ? perMillion.movePointLeft(3) : perMillion;
                assertThat(new BigDecimal(rs.getString(3))).as(rs.getString(1)).isEqualByComparingTo(perUnit);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(100);
    }

    @Test
    void generate_proportions_lookLikeABedrockHeavyAccount() throws Exception {
        String from = "read_parquet('" + medium + "')";
        double tokenShare = ratio(
                "SELECT avg(CASE WHEN line_item_product_code LIKE 'AmazonBedrock%' AND pricing_unit LIKE '%tokens' THEN 1 ELSE 0 END) FROM "
                        + from);
        assertThat(tokenShare).isBetween(0.75, 0.90);
        double oneMillionShare = ratio("SELECT avg(CASE WHEN pricing_unit = '1M tokens' THEN 1 ELSE 0 END) FROM " + from
                + " WHERE pricing_unit LIKE '%tokens'");
        assertThat(oneMillionShare).isBetween(0.10, 0.20);
        double untaggedPrincipals = ratio("SELECT avg(CASE WHEN cardinality(tags) = 0 THEN 1 ELSE 0 END) FROM "
                + "(SELECT DISTINCT line_item_iam_principal, tags FROM " + from
                + " WHERE line_item_iam_principal <> '')");
        assertThat(untaggedPrincipals).isBetween(0.05, 0.30);
        double resourceTagged = ratio("SELECT avg(CASE WHEN cardinality(resource_tags) > 0 THEN 1 ELSE 0 END) FROM "
                + from + " WHERE line_item_product_code LIKE 'AmazonBedrock%' AND line_item_line_item_type = 'Usage'");
        assertThat(resourceTagged).isBetween(0.15, 0.45);
    }

    @Test
    void generate_threeFormats_holdTheSameRows() throws Exception {
        Path parquet = dir.resolve("same.parquet");
        Path csv = dir.resolve("same.csv");
        Path gz = dir.resolve("same.csv.gz");
        for (Path p : List.of(parquet, csv, gz)) {
            SampleCur.withBuiltInPrices().generate(SampleCurConfig.of(SMALL, 5, p));
        }
        String fromParquet = """
                SELECT identity_line_item_id, identity_time_interval, line_item_iam_principal, line_item_usage_type,
                       line_item_line_item_type, line_item_usage_amount, line_item_unblended_cost, line_item_net_unblended_cost,
                       line_item_unblended_rate, strftime(line_item_usage_start_date, '%%Y-%%m-%%dT%%H:%%M:%%S.%%gZ') AS start,
                       CAST(to_json(tags) AS VARCHAR) AS tags, CAST(to_json(resource_tags) AS VARCHAR) AS resource_tags,
                       CAST(to_json(product) AS VARCHAR) AS product
                FROM read_parquet('%s')""".formatted(parquet);
        for (Path text : List.of(csv, gz)) {
            String fromCsv = """
                    SELECT identity_line_item_id, identity_time_interval, coalesce(line_item_iam_principal, ''), line_item_usage_type,
                           line_item_line_item_type, CAST(line_item_usage_amount AS DOUBLE), CAST(line_item_unblended_cost AS DOUBLE),
                           CAST(line_item_net_unblended_cost AS DOUBLE), line_item_unblended_rate, line_item_usage_start_date,
                           tags, resource_tags, product
                    FROM read_csv('%s', header = true, all_varchar = true)""".formatted(text);
            assertThat(scalar("SELECT count(*) FROM (" + fromCsv + ")")).isEqualTo(SMALL);
            assertThat(scalar("SELECT count(*) FROM ((" + fromParquet + ") EXCEPT ALL (" + fromCsv + "))"))
                    .as(text.toString())
                    .isZero();
            assertThat(scalar("SELECT count(*) FROM ((" + fromCsv + ") EXCEPT ALL (" + fromParquet + "))"))
                    .as(text.toString())
                    .isZero();
            // AWS writes a map column of a CSV export as a JSON object.
            assertThat(scalar("SELECT count(*) FROM read_csv('" + text + "', header = true, all_varchar = true) "
                            + "WHERE NOT (json_valid(tags) AND json_type(tags::JSON) = 'OBJECT' AND json_valid(resource_tags) "
                            + "AND json_type(product::JSON) = 'OBJECT')"))
                    .isZero();
            assertThat(scalar("SELECT count(*) FROM read_csv('" + text + "', header = true, all_varchar = true) "
                            + "WHERE tags LIKE '{\"iamPrincipal/Project\":\"%'"))
                    .isPositive();
        }
    }

    @AfterAll
    static void closeDuck() throws SQLException {
        duck.close();
    }

    private static long scalar(String sql) throws SQLException {
        try (Statement s = duck.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double ratio(String sql) throws SQLException {
        try (Statement s = duck.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    private static String string(String sql) throws SQLException {
        try (Statement s = duck.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
