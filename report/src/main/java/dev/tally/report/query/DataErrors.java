package dev.tally.report.query;

import dev.tally.core.error.TallyException;
import dev.tally.report.read.SourceFile;
import dev.tally.report.read.Sql;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/** Turns DuckDB's errors while reading exports into one line that names the file and what was expected. */
final class DataErrors {
    private DataErrors() {}

    static TallyException explain(SQLException e, List<SourceFile> files) {
        String message = Sql.firstLine(e);
        String hint = "";
        if (message.contains("Could not convert") || message.contains("Conversion Error")) {
            hint = " (expected numbers in cost and usage columns and ISO-8601 dates)";
        } else if (message.contains("gzip") || message.contains("GZIP") || message.contains("zlib")) {
            hint = " (the gzip file is truncated or corrupt)";
        }
        boolean namesFile =
                files.stream().anyMatch(f -> message.contains(f.path().toString()));
        String where =
                namesFile ? "" : (files.size() == 1 ? files.get(0).path() + ": " : "reading " + names(files) + ": ");
        return TallyException.badData(where + message + hint);
    }

    private static String names(List<SourceFile> files) {
        String shown = files.stream().limit(3).map(f -> f.path().toString()).collect(Collectors.joining(", "));
        return files.size() > 3 ? shown + " and " + (files.size() - 3) + " more" : shown;
    }
}
