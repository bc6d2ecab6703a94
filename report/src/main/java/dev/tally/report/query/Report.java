package dev.tally.report.query;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A finished report: the dimensions it grouped by, one {@link CurrencyReport} per currency, and the
 * warnings for stderr (never part of the data).
 *
 * @param untaggedTag the tag whose absence {@code untaggedCost} measures (the first tag grouped by, else project)
 * @param time how far the data reach, when a time dimension is grouped by: renderers mark the newest period that had
 *     not ended
 */
public record Report(
        List<Dimension> dimensions,
        boolean defaultDimensions,
        List<CurrencyReport> currencies,
        String untaggedTag,
        List<String> warnings,
        Optional<TimeCoverage> time) {
    public Report {
        dimensions = List.copyOf(requireNonNull(dimensions, "dimensions is null"));
        currencies = List.copyOf(requireNonNull(currencies, "currencies is null"));
        requireNonNull(untaggedTag, "untaggedTag is null");
        warnings = List.copyOf(requireNonNull(warnings, "warnings is null"));
        requireNonNull(time, "time is null");
    }

    /** A report whose data say nothing about how far they reach in time (no time dimension, or Cost Explorer's). */
    public Report(
            List<Dimension> dimensions,
            boolean defaultDimensions,
            List<CurrencyReport> currencies,
            String untaggedTag,
            List<String> warnings) {
        this(dimensions, defaultDimensions, currencies, untaggedTag, warnings, Optional.empty());
    }

    /** Whether {@code group}'s time key is the newest period and had not ended when the report was made. */
    public boolean isIncomplete(Group group) {
        return time.isPresent() && time.get().isIncomplete(dimensions, group);
    }

    public boolean hasTime() {
        return dimensions.stream().anyMatch(Dimension::isTime);
    }

    /** The currency reports, or one empty USD report when nothing matched: every output shows a total. */
    public List<CurrencyReport> currenciesOrEmpty() {
        if (!currencies.isEmpty()) {
            return currencies;
        }
        return List.of(new CurrencyReport(
                "USD", java.math.BigDecimal.ZERO, List.of(), java.math.BigDecimal.ZERO, java.util.Map.of()));
    }

    public boolean isEmpty() {
        return currencies.stream().allMatch(c -> c.groups().isEmpty());
    }
}
