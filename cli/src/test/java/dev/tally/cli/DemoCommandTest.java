package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tally demo} end to end: the emulator bills, the export lands, the report matches the export. */
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void demo_billsAndReportsTheSameTotal() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Tally.run(
                new PrintWriter(out, true), new PrintWriter(err, true), "demo", "--dir", dir.toString(), "--days", "4");
        assertThat(exit).as(err.toString()).isZero();
        String text = out.toString();
        assertThat(text)
                .contains("Bedrock spend by project")
                .contains("Bedrock spend by user")
                .contains("(untagged)");
        assertThat(Files.size(dir.resolve("tally-demo.html"))).isPositive();
        // Every "Try next" line pastes into bash and zsh as printed.
        List<String> tryNext = text.lines()
                .dropWhile(l -> !l.equals("Try next:"))
                .filter(l -> l.startsWith("  bin/tally report"))
                .toList();
        assertThat(tryNext).hasSizeGreaterThan(1);
        for (String line : tryNext) {
            for (String shell : Shells.available()) {
                assertThat(Shells.arguments(shell, line)).first().isEqualTo("report");
            }
        }

        // The export, read with plain DuckDB SQL (not Tally's reader): its total is the report's TOTAL line.
        BigDecimal exported;
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = duck.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT sum(CAST(line_item_unblended_cost AS DECIMAL(38,12))) FROM read_parquet('"
                                + dir.resolve("cur") + "/tally-emulator/data/*/*.parquet')")) {
            rs.next();
            exported = rs.getBigDecimal(1);
        }
        String totalLine =
                text.lines().filter(l -> l.startsWith("TOTAL")).findFirst().orElseThrow();
        BigDecimal shown = new BigDecimal(totalLine.split("\\s+")[1].replace(",", ""));
        assertThat(shown).isEqualByComparingTo(exported.setScale(4, RoundingMode.HALF_EVEN));
        assertThat(exported).isPositive();
    }

    @Test
    void demo_refusesAnAbsurdNumberOfDays() {
        StringWriter err = new StringWriter();
        int exit = Tally.run(
                new PrintWriter(new StringWriter()),
                new PrintWriter(err, true),
                "demo",
                "--dir",
                dir.toString(),
                "--days",
                "0");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("tally: --days 0 must be between 1 and 62");
    }

    @Test
    void demo_inAFolderItCannotCreate_isOneUsageLine() throws Exception {
        java.nio.file.Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        StringWriter err = new StringWriter();
        int exit = Tally.run(
                new PrintWriter(new StringWriter()),
                new PrintWriter(err, true),
                "demo",
                "--dir",
                file.resolve("sub").toString());
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .startsWith("tally: --dir ")
                .contains("cannot create the directory")
                .hasLineCount(1);
    }
}
