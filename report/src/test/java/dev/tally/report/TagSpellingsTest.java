package dev.tally.report;

import static dev.tally.report.Reports.costs;
import static dev.tally.report.Reports.request;
import static dev.tally.report.Reports.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.cur.Cur2Writer;
import dev.tally.cur.CurLineItem;
import dev.tally.report.read.ParquetDictionary;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tag keys in every spelling a bill can hold, read three ways: a Parquet file whose dictionary pages name its keys
 * (the SQL subscripts exactly those), the same rows in a Parquet file whose codec the dictionary reader leaves
 * alone (brotli: the per-row key scan), and CSV (JSON maps, the per-row scan). Each row's expected group is written
 * here by hand from design.md's rules.
 */
class TagSpellingsTest {
    private static final String SESSION = "arn:aws:sts::111122223333:assumed-role/tally-dev/cc-x-1762000000";

    private static final int COPIES = 200;

    @TempDir
    static Path dir;

    /** Expected project of each row, by the row's cost. */
    static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    static Path dictionary;
    static Path brotli;
    static Path csv;

    @BeforeAll
    static void write() throws Exception {
        List<Row> items = new ArrayList<>();
        add(items, "1.01", Map.of("iamPrincipal/Project", "a"), Map.of(), "a");
        add(items, "1.02", Map.of(" iamprincipal/PROJECT ", "b"), Map.of(), "b");
        // An empty value is a missing one: the next spelling answers.
        add(items, "1.03", Map.of("iamPrincipal/Project", "", "iamPrincipal/project", "c"), Map.of(), "c");
        // The usual spellings first, then the others in byte order.
        add(items, "1.04", Map.of("iamPrincipal/project", "d", " IAMPRINCIPAL/PROJECT", "e"), Map.of(), "d");
        add(items, "1.05", Map.of(" IAMPRINCIPAL/PROJECT", "f", "iamPrincipal/PROJECT ", "g"), Map.of(), "f");
        // Principal tags before resource tags, whatever their spelling.
        add(items, "1.06", Map.of("iamPrincipal/team", "t"), Map.of("User_PROJECT ", "h"), "h");
        add(items, "1.07", Map.of("iamprincipal/project", "i"), Map.of("user_project", "not-this"), "i");
        add(items, "1.08", Map.of("iamPrincipal/User", "u"), Map.of(), "(untagged)");
        add(items, "1.09", Map.of(), Map.of("user_project", ""), "(untagged)");
        add(items, "1.10", Map.of("iamPrincipal/Projects", "j"), Map.of(), "(untagged)");
        // Values compare exactly: spaces are a value, and it wins over a later spelling.
        add(items, "1.12", Map.of("iamPrincipal/Project", " ", "iamPrincipal/project", "w"), Map.of(), " ");
        // Only spaces are trimmed, on every path: a no-break space is part of the key.
        add(items, "1.11", Map.of("iamPrincipal/Project\u00a0", "k"), Map.of(), "(untagged)");
        // Each row 200 times: a writer leaves out the dictionary where it would not pay (a handful of rows).
        List<CurLineItem> export = new ArrayList<>();
        for (int copy = 0; copy < COPIES; copy++) {
            for (Row row : items) {
                export.add(row.lineItem(copy));
            }
        }
        dictionary = dir.resolve("dictionary.parquet");
        Cur2Writer.write(export, dictionary);
        csv = dir.resolve("export.csv");
        Cur2Writer.write(export, csv);
        brotli = dir.resolve("brotli.parquet");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = duck.createStatement()) {
            s.execute("COPY (SELECT * FROM read_parquet('" + dictionary + "')) TO '" + brotli
                    + "' (FORMAT parquet, COMPRESSION brotli)");
        }
    }

    private static void add(
            List<Row> items, String cost, Map<String, String> tags, Map<String, String> resourceTags, String project) {
        items.add(new Row(new BigDecimal(cost), tags, resourceTags));
        EXPECTED.merge(
                project,
                cost,
                (a, b) -> new BigDecimal(a).add(new BigDecimal(b)).toPlainString());
    }

    private record Row(BigDecimal cost, Map<String, String> tags, Map<String, String> resourceTags) {
        CurLineItem lineItem(int copy) {
            Instant start = Instant.parse("2026-11-02T10:00:00Z");
            return new CurLineItem(
                    "li-" + cost + "-" + copy,
                    start,
                    start.plus(1, ChronoUnit.HOURS),
                    "111122223333",
                    "111122223333",
                    "AWS",
                    "Usage",
                    "AmazonBedrock",
                    "Amazon Bedrock",
                    "USE1-Claude4.6Sonnet-input-tokens",
                    "InvokeModelInference",
                    "us-east-1",
                    "",
                    SESSION,
                    1,
                    "1K tokens",
                    "0",
                    cost,
                    cost,
                    "USD",
                    "",
                    tags,
                    resourceTags);
        }
    }

    @Test
    void theThreeFiles_takeTheTwoPaths() {
        assertThat(ParquetDictionary.mapKeys(dictionary, List.of("tags", "resource_tags")))
                .containsOnlyKeys("tags", "resource_tags");
        assertThat(ParquetDictionary.mapKeys(brotli, List.of("tags", "resource_tags")))
                .isEmpty();
    }

    @Test
    void everyPath_findsTheSameProjects() throws Exception {
        for (Path input : List.of(dictionary, brotli, csv)) {
            Map<String, BigDecimal> byProject = costs(run(request(input, "tag:project")));
            assertThat(byProject).as(input.getFileName().toString()).hasSameSizeAs(EXPECTED);
            EXPECTED.forEach((project, cost) -> assertThat(byProject.get(project))
                    .as(input.getFileName() + " " + project)
                    .isEqualByComparingTo(new BigDecimal(cost).multiply(BigDecimal.valueOf(COPIES))));
        }
    }
}
