package dev.tally.report.query;

import static java.util.Objects.requireNonNull;

import dev.tally.report.read.Scan;
import java.util.List;

/**
 * A report's first step as an engine runs it: the SQL in the engine's dialect and the scans it reads from. Its rows
 * have {@link #columns()} columns: text group keys, {@code tagCount} tag values, then cost and usage (decimals) and
 * line item and duplicate counts.
 */
public record FirstQuery(String sql, List<Scan> scans, int tagCount) {
    public FirstQuery {
        requireNonNull(sql, "sql is null");
        scans = List.copyOf(requireNonNull(scans, "scans is null"));
        if (tagCount < 0) {
            throw new IllegalArgumentException("tagCount is negative");
        }
    }

    public int columns() {
        return FirstAggregation.TEXT_COLUMNS.size() + tagCount + 4;
    }

    /** Whether column {@code index} holds text (else a decimal sum or a count). */
    public boolean isText(int index) {
        return index < FirstAggregation.TEXT_COLUMNS.size() + tagCount;
    }
}
