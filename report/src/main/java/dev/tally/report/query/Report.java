package dev.tally.report.query;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A finished report: the dimensions it grouped by, one {@link CurrencyReport} per currency, and the
 * warnings for stderr (never part of the data).
 *
 * @param untaggedTag the tag whose absence {@code untaggedCost} measures (the first tag grouped by, else project)
 */
public record Report(List<Dimension> dimensions, boolean defaultDimensions, List<CurrencyReport> currencies, String untaggedTag,
        List<String> warnings) {
    public Report {
        dimensions = List.copyOf(requireNonNull(dimensions, "dimensions is null"));
        currencies = List.copyOf(requireNonNull(currencies, "currencies is null"));
        requireNonNull(untaggedTag, "untaggedTag is null");
        warnings = List.copyOf(requireNonNull(warnings, "warnings is null"));
    }

    public boolean isEmpty() {
        return currencies.stream().allMatch(c -> c.groups().isEmpty());
    }
}
