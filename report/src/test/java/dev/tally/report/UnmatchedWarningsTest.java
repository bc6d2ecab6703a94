package dev.tally.report;

import static dev.tally.report.Reports.request;
import static dev.tally.report.Reports.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.cur.Cur2Writer;
import dev.tally.cur.CurLineItem;
import dev.tally.report.query.Condition;
import dev.tally.report.query.ReportRequest;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report that asks for a tag key or a {@code --where} value the data does not hold says so on stderr (the report's
 * warnings), naming what the data holds, closest first; one that asks for what is there says nothing. Each export
 * is read on both of DuckDB's paths (Parquet, CSV).
 */
class UnmatchedWarningsTest {
    private static final String SESSION = "arn:aws:sts::111122223333:assumed-role/tally-dev/cc-x-1762000000";

    @TempDir
    static Path dir;

    static List<Path> exports;

    @BeforeAll
    static void write() throws Exception {
        List<CurLineItem> items = new ArrayList<>();
        items.add(item(1, "1.00", Map.of("iamPrincipal/Project", "apollo", "iamPrincipal/Team", "core"), Map.of()));
        items.add(item(2, "2.00", Map.of("iamPrincipal/Project", "artemis"), Map.of("user_cost_center", "cc-1")));
        items.add(item(3, "3.00", Map.of("iamPrincipal/User", "ana"), Map.of("user_project", "gemini")));
        Path parquet = dir.resolve("export.parquet");
        Cur2Writer.write(items, parquet);
        Path csv = dir.resolve("export.csv");
        Cur2Writer.write(items, csv);
        exports = List.of(parquet, csv);
    }

    @Test
    void byTagKeyNoInputCarries_warnsNamingTheKeysSeenClosestFirst() {
        for (Path export : exports) {
            assertThat(run(request(export, "tag:Projekt")).warnings())
                    .as(export.getFileName().toString())
                    .containsExactly(
                            "no input has the tag key 'Projekt', so every row is (untagged) under tag:Projekt; "
                                    + "keys seen: tag:project, tag:team, tag:user, tag:cost_center");
        }
    }

    @Test
    void tagKeyCopiedWithItsUserPrefix_pointsToTheKeyWithout() {
        for (Path export : exports) {
            assertThat(run(request(export, "tag:user_project")).warnings())
                    .as(export.getFileName().toString())
                    .containsExactly("no input has the tag key 'user_project', so every row is (untagged) under "
                            + "tag:user_project (the export's prefix is not part of the key: tag:project); "
                            + "keys seen: tag:project, tag:team, tag:user, tag:cost_center");
        }
    }

    @Test
    void whereOnATagKeyNoInputCarries_warnsOnceAboutTheKey() {
        ReportRequest asked = request(exports.getFirst()).withWhere(List.of(Condition.parse("tag:projet=apollo")));
        assertThat(run(asked).warnings())
                .singleElement()
                .asString()
                .startsWith("no input has the tag key 'projet'")
                .endsWith("keys seen: tag:project, tag:user, tag:team, tag:cost_center");
    }

    @Test
    void whereValueMatchingNothing_namesTheValuesThatExistClosestFirst() {
        for (Path export : exports) {
            ReportRequest asked =
                    request(export, "tag:project").withWhere(List.of(Condition.parse("tag:project=Apolo")));
            assertThat(run(asked).warnings())
                    .as(export.getFileName().toString())
                    .containsExactly("--where tag:project=Apolo matches no row; tag:project has 'apollo', 'artemis', "
                            + "'gemini'");
        }
    }

    @Test
    void keysAndValuesThatExist_warnNothing() {
        for (Path export : exports) {
            ReportRequest asked = request(export, "tag:Project", "tag:cost_center")
                    .withWhere(List.of(Condition.parse("tag:team=core"), Condition.parse("tag:project=apollo")));
            assertThat(run(asked).warnings())
                    .as(export.getFileName().toString())
                    .isEmpty();
        }
    }

    private static CurLineItem item(int n, String cost, Map<String, String> tags, Map<String, String> resourceTags) {
        Instant start = Instant.parse("2026-11-02T10:00:00Z").plus(n, ChronoUnit.HOURS);
        BigDecimal c = new BigDecimal(cost);
        return new CurLineItem(
                "li-" + n,
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
                c,
                c,
                "USD",
                "",
                tags,
                resourceTags);
    }
}
