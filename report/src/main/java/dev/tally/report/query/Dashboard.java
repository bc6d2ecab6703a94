package dev.tally.report.query;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * What the HTML dashboard shows: the report {@code --by} asked for (its first view, and what stderr says), and the
 * data every other view is summed from, aggregated by every dimension at once.
 *
 * @param data groups keyed by all of {@code data.dimensions()}, never folded by {@code --top}
 * @param timeGrain the finest time the data keeps (the day, unless the bound summed days into weeks or months)
 * @param slices when the bound gave up detail: per dimension, its cost per day with every other dimension folded
 *     (exact and complete, so that a view by one dimension and time, unfiltered, loses nothing)
 * @param bound what was given up to keep the data within {@link DashboardQuery#ROW_LIMIT} rows, empty when nothing
 */
public record Dashboard(
        Report view, Report data, Dimension.Kind timeGrain, Map<Dimension, Report> slices, List<String> bound) {
    public Dashboard {
        requireNonNull(view, "view is null");
        requireNonNull(data, "data is null");
        requireNonNull(timeGrain, "timeGrain is null");
        slices = Map.copyOf(requireNonNull(slices, "slices is null"));
        bound = List.copyOf(requireNonNull(bound, "bound is null"));
    }

    /** A report that is its own data (Cost Explorer's: no more dimensions to be had than it asked for). */
    public static Dashboard of(Report report) {
        return new Dashboard(report, report, Dimension.Kind.DAY, Map.of(), List.of());
    }
}
