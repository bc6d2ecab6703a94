package dev.tally.cur.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.error.ErrorKind;
import dev.tally.core.error.TallyException;
import java.nio.file.Path;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleCurConfigTest {
    @TempDir
    Path dir;

    @Test
    void of_usesTheDocumentedDefaults() {
        SampleCurConfig config = SampleCurConfig.of(10, 1, dir.resolve("a.parquet"));
        assertThat(config.month()).isEqualTo(YearMonth.of(2026, 10));
        assertThat(config.users()).isEqualTo(40);
        assertThat(config.projects()).isEqualTo(12);
        assertThat(config.teams()).isEqualTo(6);
    }

    @Test
    void new_zeroRows_namesTheOptionAndTheRange() {
        assertUsageError(
                () -> SampleCurConfig.of(0, 1, dir.resolve("a.parquet")),
                "rows 0: expected a number of line items from 1 to");
    }

    @Test
    void new_zeroUsersProjectsOrTeams_namesTheOption() {
        SampleCurConfig base = SampleCurConfig.of(10, 1, dir.resolve("a.parquet"));
        assertUsageError(() -> base.withPopulation(0, 1, 1), "users 0: expected a number from 1 to 100000");
        assertUsageError(() -> base.withPopulation(1, 0, 1), "projects 0: expected a number from 1 to 10000");
        assertUsageError(() -> base.withPopulation(1, 1, -3), "teams -3: expected a number from 1 to 1000");
    }

    @Test
    void new_unknownExtension_listsTheFormats() {
        assertUsageError(
                () -> SampleCurConfig.of(10, 1, dir.resolve("sample.json")),
                "sample.json': expected a file name ending in .parquet, .csv or .csv.gz");
    }

    @Test
    void new_directoryAsOutput_saysItIsADirectory() {
        Path folder = dir.resolve("folder.parquet");
        assertThat(folder.toFile().mkdir()).isTrue();
        assertUsageError(() -> SampleCurConfig.of(10, 1, folder), "is a directory");
    }

    @Test
    void parseMonth_badText_showsTheExpectedForm() {
        assertThat(SampleCurConfig.parseMonth("2025-02")).isEqualTo(YearMonth.of(2025, 2));
        assertUsageError(
                () -> SampleCurConfig.parseMonth("2026-13"),
                "month '2026-13': expected a billing month as YYYY-MM, e.g. 2026-10");
        assertUsageError(
                () -> SampleCurConfig.parseMonth("October"), "month 'October': expected a billing month as YYYY-MM");
    }

    @Test
    void new_monthOutOfRange_isRefused() {
        SampleCurConfig base = SampleCurConfig.of(10, 1, dir.resolve("a.parquet"));
        assertUsageError(
                () -> base.withMonth(YearMonth.of(1999, 12)),
                "month 1999-12: expected a billing month from 2000-01 to 2099-12");
    }

    private static void assertUsageError(Runnable action, String message) {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(
                        TallyException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.USAGE))
                .hasMessageContaining(message)
                .message()
                .doesNotContain("\n");
    }
}
