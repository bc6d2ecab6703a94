package dev.tally.report.query;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.TallyException;
import dev.tally.report.read.CostBasis;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What a report asks for.
 *
 * @param inputs billing exports; empty when the report reads only gateway ledgers (ReportEngine checks that it
 *     reads something)
 * @param by the dimensions to group by; empty means the default ({@code tag:project} when any row carries
 *     a project tag, else {@code principal})
 * @param from inclusive, on usage start (UTC)
 * @param to exclusive, on usage start (UTC)
 * @param series whether to also compute cost per day for the top groups (the HTML chart)
 */
public record ReportRequest(
        List<String> inputs,
        List<Dimension> by,
        Optional<LocalDate> from,
        Optional<LocalDate> to,
        List<Condition> where,
        boolean allServices,
        CostBasis costBasis,
        Optional<Integer> top,
        boolean series) {

    public ReportRequest {
        inputs = List.copyOf(requireNonNull(inputs, "inputs is null"));
        by = List.copyOf(requireNonNull(by, "by is null"));
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        where = List.copyOf(requireNonNull(where, "where is null"));
        requireNonNull(costBasis, "costBasis is null");
        requireNonNull(top, "top is null");
        if (from.isPresent() && to.isPresent() && !to.get().isAfter(from.get())) {
            throw TallyException.invalidSetting(
                    "to", " " + to.get() + " is not after the start " + from.get() + " (the end is exclusive)");
        }
        if (top.isPresent() && top.get() < 1) {
            throw TallyException.invalidSetting("top", " " + top.get() + " must be at least 1");
        }
        if (by.stream().distinct().count() != by.size()) {
            throw TallyException.invalidSetting("by", " names a dimension twice: " + by);
        }
    }

    public static ReportRequest of(List<String> inputs) {
        return new ReportRequest(
                inputs,
                List.of(),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                false,
                CostBasis.UNBLENDED,
                Optional.empty(),
                false);
    }

    public ReportRequest withBy(List<Dimension> dimensions) {
        return new ReportRequest(inputs, dimensions, from, to, where, allServices, costBasis, top, series);
    }

    public ReportRequest withRange(Optional<LocalDate> newFrom, Optional<LocalDate> newTo) {
        return new ReportRequest(inputs, by, newFrom, newTo, where, allServices, costBasis, top, series);
    }

    public ReportRequest withWhere(List<Condition> conditions) {
        return new ReportRequest(inputs, by, from, to, conditions, allServices, costBasis, top, series);
    }

    public ReportRequest withAllServices() {
        return new ReportRequest(inputs, by, from, to, where, true, costBasis, top, series);
    }

    public ReportRequest withCostBasis(CostBasis basis) {
        return new ReportRequest(inputs, by, from, to, where, allServices, basis, top, series);
    }

    public ReportRequest withTop(int n) {
        return new ReportRequest(inputs, by, from, to, where, allServices, costBasis, Optional.of(n), series);
    }

    public ReportRequest withSeries() {
        return new ReportRequest(inputs, by, from, to, where, allServices, costBasis, top, true);
    }
}
