package dev.tally.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.report.query.CurrencyReport;
import dev.tally.report.query.Dimension;
import dev.tally.report.query.Group;
import dev.tally.report.query.Report;
import dev.tally.report.query.TimeCoverage;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Golden files: one fixed small report (three projects over three days, with a credit, tokens and --top 2) through
 * every text renderer, compared byte for byte with {@code src/test/resources/.../golden}. The days stay in date order
 * within each project, projects by their whole cost, and --top folds a project, never a day. The newest day, which
 * had not ended when the report was made, is marked incomplete in every format. Run with {@code
 * -Dgolden.update=true} to rewrite the files after a deliberate change, then read the diff.
 */
class RendererGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/dev/tally/report/render/golden");

    @ParameterizedTest
    @CsvSource({
        "TABLE, by-project-and-day.txt",
        "CSV, by-project-and-day.csv",
        "JSON, by-project-and-day.json",
        "MARKDOWN, by-project-and-day.md"
    })
    void render_fixedReport_isTheGoldenFile(OutputFormat format, String file) throws IOException {
        StringWriter out = new StringWriter();
        Renderer.forFormat(format).render(report(), out);
        Path golden = GOLDEN.resolve(file);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, out.toString(), StandardCharsets.UTF_8);
        }
        assertThat(out.toString()).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    /** Built through {@link CurrencyReport#of}, the one place that orders and folds, from groups in no order. */
    static Report report() {
        List<Dimension> dims = List.of(Dimension.tag("project"), Dimension.parse("day"));
        List<Group> groups = List.of(
                group("web", "2026-10-03", "1.5", "1000000", 3),
                group("etl", "2026-10-01", "9.25", "0", 1),
                group("web", "2026-10-01", "4.000000000001", "2500000", 7),
                group("(untagged)", "2026-10-02", "0.125", "50000", 2),
                group("etl", "2026-10-02", "-2.5", "0", 1),
                group("web", "2026-10-02", "0.75", "400000", 2),
                group("(untagged)", "2026-10-03", "3", "2000000", 4));
        CurrencyReport usd =
                CurrencyReport.of("USD", dims, groups, new BigDecimal("3.125"), Optional.of(2), Optional.empty());
        // Made the day after the newest day: 2026-10-03 had not ended when the export was read (exports lag a day).
        TimeCoverage time = new TimeCoverage(LocalDate.parse("2026-10-03"), LocalDate.parse("2026-10-04"));
        return new Report(dims, false, List.of(usd), "tag:project", List.of(), Optional.of(time));
    }

    private static Group group(String project, String day, String cost, String tokens, long rows) {
        BigDecimal c = new BigDecimal(cost);
        BigDecimal t = new BigDecimal(tokens);
        return new Group(List.of(project, day), c, t, t.signum() == 0 ? BigDecimal.ZERO : c, rows);
    }
}
