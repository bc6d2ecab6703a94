package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleCommandTest {
    @TempDir
    Path dir;

    @Test
    void sampleCur_withoutSeedOrMonth_usesAFixedSeedAndLastMonth_andSaysWhatItWrote() throws Exception {
        Path first = dir.resolve("a.csv");
        Path second = dir.resolve("b.csv");
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        assertThat(Tally.run(
                        new PrintWriter(out),
                        new PrintWriter(err),
                        "sample",
                        "cur",
                        "--rows",
                        "50",
                        "--out",
                        first.toString()))
                .isZero();
        assertThat(Tally.run(
                        new PrintWriter(new StringWriter()),
                        new PrintWriter(new StringWriter()),
                        "sample",
                        "cur",
                        "--rows",
                        "50",
                        "--out",
                        second.toString()))
                .isZero();
        assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
        YearMonth lastMonth = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString())
                .startsWith("tally: wrote 50 line items for " + lastMonth + " to " + first + " (seed 1) in ")
                .hasLineCount(1);
        assertThat(Files.readString(first)).contains(lastMonth.toString());
    }

    @Test
    void reportOut_naming_theRootFolder_saysItIsADirectory() {
        StringWriter err = new StringWriter();
        int exit = Tally.run(
                new PrintWriter(new StringWriter()), new PrintWriter(err), "report", dir.toString(), "--out", "/");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("tally: --out / is a directory (expected a file name)\n");
    }

    @Test
    void sampleOut_naming_theRootFolder_saysItIsADirectory() {
        StringWriter err = new StringWriter();
        int exit = Tally.run(
                new PrintWriter(new StringWriter()),
                new PrintWriter(err),
                "sample",
                "cur",
                "--rows",
                "5",
                "--out",
                "/");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("tally: --out '/' is a directory");
    }
}
