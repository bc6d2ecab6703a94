package dev.tally.report.query;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.TallyException;
import dev.tally.core.price.PriceCatalog;
import dev.tally.report.read.DuckDbDialect;
import dev.tally.report.read.FormatDetector;
import dev.tally.report.read.InputResolver;
import dev.tally.report.read.S3Fetcher;
import dev.tally.report.read.SourceFile;
import dev.tally.report.read.Sql;
import dev.tally.report.read.TagLookup;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs a report in two steps. An engine ({@link FirstStep}: DuckDB in process by default, or Spark) scans the
 * exports once and aggregates by the raw columns the asked dimensions need (a few thousand rows even for tens of
 * millions of line items), running the same {@link FirstAggregation} in its dialect; then {@link Aggregator} maps
 * those rows to dimension values with core's parsers and sums them exactly, the same Java code for every engine.
 * Inputs are found and their formats detected on a DuckDB connection whichever engine runs the query.
 */
public final class ReportEngine {
    private final S3Fetcher s3;
    private final Function<Connection, FirstStep> engine;
    private final Consumer<String> debug;

    /** Reports on DuckDB, in process. */
    public ReportEngine(S3Fetcher s3, Progress progress) {
        this(s3, progress, line -> {});
    }

    /**
     * Reports on DuckDB, in process.
     *
     * @param debug receives the first aggregation's SQL and timing; the process edge decides whether and where
     *     ({@code TALLY_DEBUG} in cli)
     */
    public ReportEngine(S3Fetcher s3, Progress progress, Consumer<String> debug) {
        this((Connection duck) -> new DuckDbFirstStep(duck, progress), s3, debug);
    }

    /** Reports whose first step runs on {@code engine}. */
    public ReportEngine(S3Fetcher s3, FirstStep engine) {
        this(s3, engine, line -> {});
    }

    /** Reports whose first step runs on {@code engine}, the first aggregation's SQL and timing to {@code debug}. */
    public ReportEngine(S3Fetcher s3, FirstStep engine, Consumer<String> debug) {
        this((Connection duck) -> engine, s3, debug);
    }

    private ReportEngine(Function<Connection, FirstStep> engine, S3Fetcher s3, Consumer<String> debug) {
        this.s3 = requireNonNull(s3, "s3 is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.debug = requireNonNull(debug, "debug is null");
    }

    public Report run(ReportRequest request) {
        return run(request, List.of());
    }

    /**
     * A report over billing exports and gateway ledgers together ({@code --ledger}), with the {@code source}
     * dimension telling them apart.
     */
    public Report run(ReportRequest request, List<String> ledgers) {
        if (request.inputs().isEmpty() && ledgers.isEmpty()) {
            throw TallyException.usage(
                    "no INPUT given (expected export files, directories, globs or s3://bucket/prefix, or --ledger)");
        }
        List<String> warnings = new ArrayList<>();
        Consumer<String> warn = w -> {
            if (!warnings.contains(w)) {
                warnings.add(w);
            }
        };
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            setUp(duck);
            List<SourceFile> files = new InputResolver(new FormatDetector(duck), s3, warn).resolve(request.inputs());
            List<TagLookup> tags = tags(request);
            List<RawGroup> ledgerRows = ledgerRows(ledgers, request, tags, warn);
            if (files.isEmpty()) {
                // The ledger's tag keys are not listed here, so only a --where value is checked.
                new UnmatchedWarnings(request, tags).whereValues(ledgerRows).forEach(warn);
                return new Aggregator(request, tags, warn).finish(ledgerRows, warnings);
            }
            FirstStep step = engine.apply(duck);
            FirstQuery query = FirstAggregation.query(files, request, tags, step.dialect());
            // Runnable as printed (bench/report/BaselineQuery.java runs it): the setup, then the query.
            debug.accept(
                    "first aggregation:\n" + String.join(";\n", step.dialect().setup()) + ";\n" + query.sql() + ";");
            long queryStart = System.nanoTime();
            List<RawGroup> rows = new ArrayList<>();
            Function<ResultRow, RawGroup> read = FirstAggregation.reader(tags.size());
            step.run(query, files, row -> rows.add(read.apply(row)));
            debug.accept(rows.size() + " raw groups in " + (System.nanoTime() - queryStart) / 1_000_000 + " ms");
            long duplicates = rows.stream().mapToLong(RawGroup::duplicates).sum();
            if (duplicates > 0) {
                warn.accept(
                        duplicates
                                + " line item(s) appeared more than once (same line item id and time interval) and were counted once");
            }
            rows.addAll(ledgerRows);
            new UnmatchedWarnings(request, tags)
                    .of(rows, () -> TagKeys.presentScanning(duck, files))
                    .forEach(warn);
            return new Aggregator(request, tags, warn).finish(rows, warnings);
        } catch (SQLException e) {
            throw TallyException.failure("DuckDB could not start: " + Sql.firstLine(e), e);
        }
    }

    private static List<RawGroup> ledgerRows(
            List<String> ledgers, ReportRequest request, List<TagLookup> tags, Consumer<String> warn) {
        if (ledgers.isEmpty()) {
            return List.of();
        }
        if (!request.inputs().isEmpty()) {
            warn.accept(
                    "the ledger and the bill both count the gateway's calls: spend through the gateway is counted "
                            + "twice in totals over both (--by source, or --where source=ledger or source=bill, keeps them apart)");
        }
        return new LedgerSource(PriceCatalog.builtIn(), warn).rows(ledgers, request, tags);
    }

    /** The DuckDB connection's setup: format detection and the DuckDB engine's query share it. */
    private static void setUp(Connection duck) throws SQLException {
        try (Statement s = duck.createStatement()) {
            for (String statement : DuckDbDialect.INSTANCE.setup()) {
                s.execute(statement);
            }
        }
    }

    /**
     * Tag values to resolve: those grouped or filtered by, the principal's User tag for the user dimension, Project
     * for the default.
     */
    private static List<TagLookup> tags(ReportRequest request) {
        Set<TagLookup> tags = new LinkedHashSet<>();
        List<Dimension> dims = new ArrayList<>(request.by());
        request.where().forEach(c -> dims.add(c.dimension()));
        for (Dimension d : dims) {
            d.matchKey().ifPresent(key -> tags.add(TagLookup.tag(key)));
            if (d.kind() == Dimension.Kind.USER) {
                tags.add(DimensionValues.USER_TAG);
            }
        }
        tags.add(DimensionValues.PROJECT_TAG);
        return List.copyOf(tags);
    }

    /** Shows how far a long query has come, on a terminal only. */
    public interface Progress {
        Watch watch(Statement statement);

        /** Stops showing progress when the query ends. */
        interface Watch extends AutoCloseable {
            @Override
            void close();
        }

        static Progress none() {
            return s -> () -> {};
        }
    }
}
