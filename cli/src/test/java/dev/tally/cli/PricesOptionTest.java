package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --prices FILE}: overrides reach the generated costs; stale and broken catalogs are said plainly. */
class PricesOptionTest {
    @TempDir
    Path dir;

    @Test
    void overriddenPrice_isWhatTheSampleCharges_andAStaleCatalogIsWarned() throws Exception {
        Path prices = dir.resolve("prices.txt");
        Files.writeString(prices, "as-of 2025-01-01\nmodel Claude4.6Sonnet 7 70 anthropic.claude-sonnet-4-6\n");
        Path out = dir.resolve("cur.parquet");
        StringWriter err = new StringWriter();
        int exit = Tally.run(
                new PrintWriter(new StringWriter()),
                new PrintWriter(err, true),
                "sample",
                "cur",
                "--rows",
                "2000",
                "--seed",
                "3",
                "--out",
                out.toString(),
                "--prices",
                prices.toString());
        assertThat(exit).isZero();
        assertThat(err.toString()).contains("warning: prices are as of 2025-01-01");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = duck.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT DISTINCT line_item_unblended_rate FROM read_parquet('" + out
                                + "') WHERE line_item_usage_type LIKE '%-Claude4.6Sonnet-input-tokens' AND pricing_unit = '1K tokens'")) {
            assertThat(rs.next()).isTrue();
            assertThat(new BigDecimal(rs.getString(1))).isEqualByComparingTo("0.007");
        }
    }

    @Test
    void brokenCatalog_isAUsageErrorNamingTheLine() throws Exception {
        Path prices = dir.resolve("bad.txt");
        Files.writeString(prices, "model Claude4.6Sonnet lots 15\n");
        StringWriter err = new StringWriter();
        int exit = Tally.run(
                new PrintWriter(new StringWriter()),
                new PrintWriter(err, true),
                "sample",
                "cur",
                "--rows",
                "300",
                "--seed",
                "3",
                "--out",
                dir.resolve("x.parquet").toString(),
                "--prices",
                prices.toString());
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .startsWith("tally: ")
                .contains("bad.txt:1: expected a non-negative number, got 'lots'");
        assertThat(Files.exists(dir.resolve("x.parquet"))).isFalse();
    }
}
