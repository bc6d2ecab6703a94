package dev.tally.report.query;

import dev.tally.report.read.SourceFile;
import dev.tally.report.read.SqlDialect;
import java.util.List;
import java.util.function.Consumer;

/**
 * The engine that runs a report's first step: DuckDB in process ({@link DuckDbFirstStep}) or Spark (module
 * {@code spark}). What it runs is the same {@link FirstQuery} in its {@link #dialect()}; what it returns goes through
 * the same second step ({@link Aggregator}).
 */
public interface FirstStep {
    SqlDialect dialect();

    /**
     * Runs {@code query} over {@code files} (those its scans read), handing each result row to {@code rows}.
     *
     * @throws dev.tally.core.error.TallyException a bad-data error naming the file when the engine cannot read one
     */
    void run(FirstQuery query, List<SourceFile> files, Consumer<ResultRow> rows);
}
