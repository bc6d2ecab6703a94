package dev.tally.report.query;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.TallyException;
import dev.tally.report.read.FormatDetector;
import dev.tally.report.read.InputResolver;
import dev.tally.report.read.ReadPlan;
import dev.tally.report.read.S3Fetcher;
import dev.tally.report.read.SourceFile;
import dev.tally.report.read.SourceReader;
import dev.tally.report.read.Sql;
import dev.tally.report.read.TagLookup;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs a report in two steps. DuckDB scans the exports once and aggregates by the raw columns the asked
 * dimensions need (a few thousand rows even for tens of millions of line items); then {@link Aggregator}
 * maps those rows to dimension values with core's parsers and sums them exactly.
 */
public final class ReportEngine {
    private final S3Fetcher s3;
    private final Progress progress;
    private final Consumer<String> debug;

    public ReportEngine(S3Fetcher s3, Progress progress) {
        this(s3, progress, line -> {});
    }

    /**
     * @param debug receives the first aggregation's SQL and timing; the process edge decides whether and where
     *     ({@code TALLY_DEBUG} in cli)
     */
    public ReportEngine(S3Fetcher s3, Progress progress, Consumer<String> debug) {
        this.s3 = requireNonNull(s3, "s3 is null");
        this.progress = requireNonNull(progress, "progress is null");
        this.debug = requireNonNull(debug, "debug is null");
    }

    public Report run(ReportRequest request) {
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
            if (files.isEmpty()) {
                return new Aggregator(request, tags, warn).finish(List.of(), warnings);
            }
            String sql = FirstAggregation.sql(files, request, tags);
            // Runnable as printed (bench/report/BaselineQuery.java runs it): the setup, then the query.
            debug.accept("first aggregation:\n" + String.join(";\n", SourceReader.SETUP) + ";\n" + sql + ";");
            long queryStart = System.nanoTime();
            List<RawGroup> rows = runAggregation(duck, sql, tags.size(), files);
            debug.accept(rows.size() + " raw groups in " + (System.nanoTime() - queryStart) / 1_000_000 + " ms");
            long duplicates = rows.stream().mapToLong(RawGroup::duplicates).sum();
            if (duplicates > 0) {
                warn.accept(
                        duplicates
                                + " line item(s) appeared more than once (same line item id and time interval) and were counted once");
            }
            return new Aggregator(request, tags, warn).finish(rows, warnings);
        } catch (SQLException e) {
            throw TallyException.failure("DuckDB could not start: " + Sql.firstLine(e), e);
        }
    }

    private static void setUp(Connection duck) throws SQLException {
        try (Statement s = duck.createStatement()) {
            for (String statement : SourceReader.SETUP) {
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

    private List<RawGroup> runAggregation(Connection duck, String sql, int tagCount, List<SourceFile> files) {
        List<RawGroup> rows = new ArrayList<>();
        try (Statement s = duck.createStatement();
                var ticker = progress.watch(s)) {
            try (ResultSet rs = s.executeQuery(sql)) {
                Columns at = new Columns(rs, tagCount);
                while (rs.next()) {
                    List<String> tags = new ArrayList<>(tagCount);
                    for (int tag : at.tags) {
                        tags.add(rs.getString(tag));
                    }
                    String day = rs.getString(at.day);
                    String usageKey = rs.getString(at.usageType);
                    rows.add(new RawGroup(
                            day == null ? null : LocalDate.parse(day),
                            rs.getString(at.account),
                            rs.getString(at.service),
                            rs.getString(at.region),
                            FirstAggregation.usageType(usageKey),
                            rs.getString(at.operation),
                            rs.getString(at.principal),
                            FirstAggregation.marketplaceProduct(usageKey),
                            rs.getString(at.unit),
                            rs.getString(at.currency),
                            tags,
                            orZero(rs.getBigDecimal(at.cost)),
                            rs.getBigDecimal(at.usage),
                            rs.getLong(at.lineItems),
                            rs.getLong(at.duplicates)));
                }
            }
        } catch (SQLException e) {
            throw DataErrors.explain(e, files);
        }
        return rows;
    }

    /**
     * The first aggregation's columns by position, looked up once: by name on every row, the driver's lookups were
     * a tenth of a 20-million-row report's time outside its query.
     */
    private static final class Columns {
        final int day;
        final int account;
        final int service;
        final int region;
        final int usageType;
        final int operation;
        final int principal;
        final int unit;
        final int currency;
        final int cost;
        final int usage;
        final int lineItems;
        final int duplicates;
        final int[] tags;

        Columns(ResultSet rs, int tagCount) throws SQLException {
            day = rs.findColumn("usage_day");
            account = rs.findColumn("account_id");
            service = rs.findColumn("service");
            region = rs.findColumn("region");
            usageType = rs.findColumn("usage_type");
            operation = rs.findColumn("operation");
            principal = rs.findColumn("principal_arn");
            unit = rs.findColumn("unit");
            currency = rs.findColumn("currency");
            cost = rs.findColumn("cost");
            usage = rs.findColumn("usage");
            lineItems = rs.findColumn("line_items");
            duplicates = rs.findColumn("duplicates");
            tags = new int[tagCount];
            for (int i = 0; i < tagCount; i++) {
                tags[i] = rs.findColumn(ReadPlan.tagColumn(i));
            }
        }
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
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
