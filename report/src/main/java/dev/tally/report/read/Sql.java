package dev.tally.report.read;

import dev.tally.core.error.OneLine;
import java.sql.SQLException;

/** Quoting for SQL text built from file names and column names, and DuckDB's messages cut to one line. */
public final class Sql {
    private Sql() {}

    /** The body of a single-quoted SQL string literal. */
    public static String string(String s) {
        return s.replace("'", "''");
    }

    /** A double-quoted identifier: CUR 1.0 columns hold '/' and ':'. */
    public static String identifier(String s) {
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    public static String firstLine(SQLException e) {
        return OneLine.of(e.getMessage());
    }
}
