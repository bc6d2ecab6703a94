package dev.tally.cur.sample;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.TallyException;
import dev.tally.cur.CurFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/**
 * What {@link SampleCur} generates: how many line items, from which seed, for which billing month, over how
 * many people, projects and teams, into which file (its extension picks the format).
 */
public record SampleCurConfig(long rows, long seed, YearMonth month, int users, int projects, int teams, Path out) {
    /** The default billing month, as text for command-line defaults. */
    public static final String DEFAULT_MONTH_TEXT = "2026-10";

    public static final YearMonth DEFAULT_MONTH = YearMonth.parse(DEFAULT_MONTH_TEXT);
    public static final int DEFAULT_USERS = 40;
    public static final int DEFAULT_PROJECTS = 12;
    public static final int DEFAULT_TEAMS = 6;
    public static final long MAX_ROWS = 10_000_000_000L;
    /** Bounds that keep the population (built in memory) small next to the rows (generated in SQL). */
    public static final int MAX_USERS = 100_000;

    public static final int MAX_PROJECTS = 10_000;
    public static final int MAX_TEAMS = 1_000;

    public SampleCurConfig {
        requireNonNull(month, "month is null");
        requireNonNull(out, "out is null");
        if (rows < 1 || rows > MAX_ROWS) {
            throw TallyException.invalidSetting(
                    "rows", " " + rows + ": expected a number of line items from 1 to " + MAX_ROWS);
        }
        checkCount("users", users, MAX_USERS);
        checkCount("projects", projects, MAX_PROJECTS);
        checkCount("teams", teams, MAX_TEAMS);
        if (month.getYear() < 2000 || month.getYear() > 2099) {
            throw TallyException.invalidSetting(
                    "month", " " + month + ": expected a billing month from 2000-01 to 2099-12");
        }
        // First: "/" has no file name, and saying it is a folder names the slip.
        if (Files.isDirectory(out)) {
            throw TallyException.invalidSetting(
                    "out", " '" + out + "' is a directory: expected a file name ending in .parquet, .csv or .csv.gz");
        }
        if (out.getFileName() == null) {
            throw TallyException.invalidSetting(
                    "out", " '" + out + "': expected a file name ending in .parquet, .csv or .csv.gz");
        }
        try {
            CurFormat.forPath(out);
        } catch (IllegalArgumentException e) {
            throw TallyException.invalidSetting(
                    "out", " '" + out + "': expected a file name ending in .parquet, .csv or .csv.gz");
        }
    }

    /** A sample of the default month and population. */
    public static SampleCurConfig of(long rows, long seed, Path out) {
        return new SampleCurConfig(rows, seed, DEFAULT_MONTH, DEFAULT_USERS, DEFAULT_PROJECTS, DEFAULT_TEAMS, out);
    }

    public SampleCurConfig withMonth(YearMonth newMonth) {
        return new SampleCurConfig(rows, seed, newMonth, users, projects, teams, out);
    }

    public SampleCurConfig withPopulation(int newUsers, int newProjects, int newTeams) {
        return new SampleCurConfig(rows, seed, month, newUsers, newProjects, newTeams, out);
    }

    public SampleCurConfig withOut(Path newOut) {
        return new SampleCurConfig(rows, seed, month, users, projects, teams, newOut);
    }

    /** Reads {@code --month}'s value, {@code YYYY-MM}. */
    public static YearMonth parseMonth(String text) {
        try {
            return YearMonth.parse(requireNonNull(text, "text is null").strip());
        } catch (DateTimeParseException e) {
            throw TallyException.invalidSetting(
                    "month", " '" + text + "': expected a billing month as YYYY-MM, e.g. 2026-10");
        }
    }

    private static void checkCount(String option, int value, int max) {
        if (value < 1 || value > max) {
            throw TallyException.invalidSetting(option, " " + value + ": expected a number from 1 to " + max);
        }
    }
}
