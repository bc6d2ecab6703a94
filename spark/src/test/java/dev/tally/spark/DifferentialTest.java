package dev.tally.spark;

import static dev.tally.spark.Engines.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.cur.sample.SampleCur;
import dev.tally.cur.sample.SampleCurConfig;
import dev.tally.report.query.Condition;
import dev.tally.report.query.Dimension;
import dev.tally.report.query.Report;
import dev.tally.report.query.ReportRequest;
import dev.tally.report.read.CostBasis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same reports on DuckDB and on Spark (local mode) give identical JSON: every group, every exact decimal, every
 * total, the same warnings. Inputs: generated CUR 2.0 exports (Parquet and CSV.gz, three seeds), the real FOCUS and
 * CUR 1.0 samples in ../shared/data, and a multi-file export holding duplicates.
 */
class DifferentialTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void generate() throws IOException, SQLException {
        SampleCur sample = SampleCur.withBuiltInPrices();
        sample.generate(SampleCurConfig.of(4_000, 1, dir.resolve("seed1.parquet")));
        sample.generate(SampleCurConfig.of(4_000, 2, dir.resolve("seed2.csv.gz")));
        sample.generate(SampleCurConfig.of(3_000, 3, dir.resolve("seed3.parquet")));
        // An export tree with a month's file kept beside a copy of it and a CSV.gz of another month: duplicates
        // across files, two formats in one report.
        Path tree = Files.createDirectories(dir.resolve("export/data"));
        sample.generate(SampleCurConfig.of(2_000, 4, tree.resolve("part-1.parquet")));
        Files.copy(tree.resolve("part-1.parquet"), tree.resolve("part-1-copy.parquet"));
        sample.generate(SampleCurConfig.of(1_000, 5, tree.resolve("part-2.csv.gz")));
        Files.writeString(tree.resolve("manifest.json"), "{\"reportName\": \"tally\"}");
        // Costs and usage that Spark's own cast of a double to a decimal rounds differently from DuckDB's (its
        // shortest decimal text against DuckDB's binary product), halves at the 12th decimal, products beyond 2^53
        // and 2^63, and the same values as DECIMAL columns, which must never go through a double.
        sample.generate(SampleCurConfig.of(1_500, 6, dir.resolve("plain.parquet")));
        String costs = "['8617.3721', '43649.09744232865', '0.1234567890125', '9007.199254740993', '9300000.123',"
                + " '1500000000.5', '-2.5e-12', '5e-13', '12345.678901234567', '-0.1234567890125', '0.7',"
                + " '2718281.828459045']";
        String usage = "['1234.56789012345', '8617.3721', '0.00000000005', '43649.09744232865', '1000000000000.25',"
                + " '77.7']";
        for (String type : List.of("DOUBLE", "DECIMAL(38, 16)")) {
            String file = dir.resolve(type.startsWith("DOUBLE") ? "tricky.parquet" : "tricky-decimal.parquet")
                    .toString();
            try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                    Statement s = duck.createStatement()) {
                s.execute("COPY (SELECT * EXCLUDE (n) REPLACE ("
                        + cycle(costs, type) + " AS line_item_unblended_cost, "
                        + cycle(costs, type) + " AS line_item_net_unblended_cost, "
                        + cycle(usage, type) + " AS line_item_usage_amount)"
                        + " FROM (SELECT *, row_number() OVER () AS n FROM read_parquet('"
                        + dir.resolve("plain.parquet") + "'))) TO '" + file + "' (FORMAT parquet)");
            }
        }
    }

    /** Row n's value of a DuckDB list of texts, cast to {@code type}. */
    private static String cycle(String values, String type) {
        return "CAST(" + values + "[(n % len(" + values + ")) + 1] AS " + type + ")";
    }

    @Test
    void everyDimension_onGeneratedParquet_isIdentical() {
        // Every dimension, four to a report: a Spark query costs seconds here, whatever its size.
        List<String[]> reports = List.of(
                new String[] {"principal", "role", "session", "user"},
                new String[] {"account", "model", "region", "token-type"},
                new String[] {"pricing-model", "usage-type", "operation", "service"},
                new String[] {"day", "tag:team", "source"},
                new String[] {"week", "month", "tag:project"});
        assertThat(reports.stream()
                        .flatMap(Arrays::stream)
                        .map(d -> Dimension.parse(d).kind()))
                .containsAll(List.of(Dimension.Kind.values()));
        for (String[] by : reports) {
            assertSame(request(dir.resolve("seed1.parquet"), by));
        }
    }

    @Test
    void dimensionPairs_onGeneratedCsvGzAndParquet_areIdentical() {
        for (String input : List.of("seed2.csv.gz", "seed3.parquet")) {
            for (String[] by :
                    List.of(new String[] {"tag:project", "model"}, new String[] {"user", "week"}, new String[] {
                        "tag:cost-center", "pricing-model", "region"
                    })) {
                assertSame(request(dir.resolve(input), by));
            }
        }
    }

    @Test
    void whereForms_rangeCostAndTop_areIdentical() {
        ReportRequest base = request(dir.resolve("seed1.parquet"), "principal");
        for (String where : List.of(
                "tag:project=(untagged)",
                "principal=(none)",
                "token-type=output",
                "model=Claude4.6Sonnet",
                "user=(none)",
                "day=2026-10-03",
                "tag:team=platform")) {
            assertSame(base.withWhere(List.of(Condition.parse(where))));
        }
        assertSame(
                base.withRange(Optional.of(LocalDate.parse("2026-10-05")), Optional.of(LocalDate.parse("2026-10-20"))));
        assertSame(base.withAllServices().withBy(List.of(Dimension.parse("service"))));
        assertSame(base.withCostBasis(CostBasis.NET));
        assertSame(base.withTop(3));
        assertSame(ReportRequest.of(List.of(dir.resolve("seed2.csv.gz").toString())));
    }

    @Test
    void multiFileExport_withDuplicates_isIdentical_andWarnsTheSame() {
        ReportRequest request = request(dir.resolve("export"), "tag:project", "month");
        Report spark = Engines.spark(request);
        assertThat(spark.warnings()).anyMatch(w -> w.contains("appeared more than once"));
        assertThat(spark.warnings()).isEqualTo(Engines.duckdb(request).warnings());
        assertSame(request);
        assertSame(request(dir.resolve("export"), "principal").withAllServices());
    }

    @Test
    void realFocusAndCur1Samples_areIdentical() {
        for (String sample : List.of("focus-1.0-sample.csv", "cur1-legacy-sample.csv")) {
            Path input = Engines.sharedData(sample);
            assertSame(request(input, "service"));
            assertSame(request(input, "tag:team", "model"));
            assertSame(request(input, "account", "day").withAllServices());
        }
    }

    @Test
    void costsThatSparksOwnCastRoundsDifferently_areIdentical_asDoublesAndAsDecimals() {
        for (String file : List.of("tricky.parquet", "tricky-decimal.parquet")) {
            Path input = dir.resolve(file);
            assertSame(request(input, "model", "day").withAllServices());
            assertSame(request(input, "account").withAllServices().withCostBasis(CostBasis.NET));
            assertSame(request(input, "tag:project"));
        }
    }

    private static ReportRequest request(Path input, String... by) {
        return ReportRequest.of(List.of(input.toString()))
                .withBy(Arrays.stream(by).map(Dimension::parse).toList());
    }

    private static void assertSame(ReportRequest request) {
        String duckdb = json(Engines.duckdb(request));
        assertThat(json(Engines.spark(request))).as(request.toString()).isEqualTo(duckdb);
    }
}
