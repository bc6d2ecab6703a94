package dev.tally.cli;

import static dev.tally.cli.TallyRun.inProcess;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: exit codes, one-line errors, clean stdout, whole files. */
class ReportCommandTest {
    private static final String FOCUS = Path.of(System.getProperty("tally.shared"), "data", "focus-1.0-sample.csv")
            .toString();

    @TempDir
    Path dir;

    @Test
    void report_printsTableAndTotal() {
        TallyRun r = inProcess("report", FOCUS, "--all-services", "--by", "service");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Amazon Elastic Compute Cloud").contains("TOTAL");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void defaultBy_isAnnouncedOnStderrNotStdout() {
        TallyRun r = inProcess("report", FOCUS, "--all-services", "--format", "json");
        assertThat(r.exit()).isZero();
        // The FOCUS sample tags some rows Project=Foo, so the default is the project tag.
        assertThat(r.err()).contains("grouped by tag:project (the default");
        assertThat(r.out()).startsWith("{").doesNotContain("default");
    }

    @Test
    void noBedrockSpend_isAnEmptyReportWithAHint() {
        TallyRun r = inProcess("report", FOCUS, "--format", "csv");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("TOTAL,0,USD");
        assertThat(r.err()).contains("try --all-services");
    }

    @Test
    void usageMistakes_exitTwoWithOneLine() {
        for (String[] args : new String[][] {
            {"report", FOCUS, "--by", "colour"},
            {"report", FOCUS, "--from", "yesterday"},
            {"report", FOCUS, "--format", "pdf"},
            {"report", FOCUS, "--cost", "blended"},
            {"report", FOCUS, "--where", "service"},
            {"report", FOCUS, "--top", "0"},
            {"report", dir.resolve("missing.csv").toString()},
            {"report"},
            {"report", FOCUS, "--format", "html"},
            {"report", FOCUS, "--unknown-flag"},
        }) {
            TallyRun r = inProcess(args);
            assertThat(r.exit()).as("exit of %s", String.join(" ", args)).isEqualTo(2);
            assertThat(r.err())
                    .as("stderr of %s", String.join(" ", args))
                    .startsWith("tally: ")
                    .doesNotContain("\tat ")
                    .doesNotContain("Exception");
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void badData_exitsOne_andLeavesAnExistingOutFileAlone() throws Exception {
        Path bad = dir.resolve("bad.parquet");
        Files.writeString(bad, "PAR1 garbage");
        Path out = dir.resolve("report.json");
        Files.writeString(out, "previous report");
        TallyRun r = inProcess("report", bad.toString(), "--format", "json", "--out", out.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("tally: ").contains("bad.parquet").hasLineCount(1);
        assertThat(Files.readString(out)).isEqualTo("previous report");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("bad.parquet", "report.json");
        }
    }

    @Test
    void out_writesTheWholeFile() throws Exception {
        Path out = dir.resolve("r.csv");
        TallyRun r = inProcess(
                "report", FOCUS, "--all-services", "--by", "service", "--format", "csv", "--out", out.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(Files.readString(out)).startsWith("service,cost,currency").contains("TOTAL,");
    }

    @Test
    void help_documentsEveryOption() {
        TallyRun r = inProcess("report", "--help");
        assertThat(r.exit()).isZero();
        for (String option : new String[] {
            "--by", "--from", "--to", "--where", "--all-services", "--cost", "--top", "--format", "--out"
        }) {
            assertThat(r.out()).contains(option);
        }
        assertThat(inProcess("--version").out()).startsWith("tally ");
    }
}
