package dev.tally.report.query;

import static java.util.Objects.requireNonNull;

import dev.tally.report.read.DuckDbDialect;
import dev.tally.report.read.SourceFile;
import dev.tally.report.read.SqlDialect;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Consumer;

/** The first step on DuckDB, in process, on the connection that detected the inputs' formats. */
final class DuckDbFirstStep implements FirstStep {
    private final Connection duck;
    private final ReportEngine.Progress progress;

    DuckDbFirstStep(Connection duck, ReportEngine.Progress progress) {
        this.duck = duck;
        this.progress = progress;
    }

    @Override
    public SqlDialect dialect() {
        return DuckDbDialect.INSTANCE;
    }

    /**
     * Columns are read by position: by name on every row, the driver's lookups were a tenth of a 20-million-row
     * report's time outside its query.
     */
    @Override
    public void run(FirstQuery query, List<SourceFile> files, Consumer<ResultRow> rows) {
        try (Statement s = duck.createStatement();
                var _ = progress.watch(s)) { // watched while the query runs; only its close matters
            try (ResultSet rs = s.executeQuery(query.sql())) {
                ResultRow row = new ResultRow() {
                    @Override
                    public String text(int column) {
                        return get(() -> rs.getString(column + 1));
                    }

                    @Override
                    public BigDecimal decimal(int column) {
                        return get(() -> rs.getBigDecimal(column + 1));
                    }

                    @Override
                    public long count(int column) {
                        return get(() -> rs.getLong(column + 1));
                    }
                };
                while (rs.next()) {
                    rows.accept(row);
                }
            }
        } catch (SQLException | ReadFailure e) {
            throw DataErrors.explain(e instanceof ReadFailure f ? f.getCause() : (SQLException) e, files);
        }
    }

    private interface Read<T> {
        T get() throws SQLException;
    }

    private static <T> T get(Read<T> read) {
        try {
            return read.get();
        } catch (SQLException e) {
            throw new ReadFailure(e);
        }
    }

    /** A reader's SQLException carried out of {@link ResultRow}, whose methods cannot throw it. */
    private static final class ReadFailure extends RuntimeException {
        ReadFailure(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            // The one constructor sets the cause, and a set cause cannot be changed.
            return (SQLException) requireNonNull(super.getCause());
        }
    }
}
