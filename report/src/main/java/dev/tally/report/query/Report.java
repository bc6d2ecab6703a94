package dev.tally.report.query;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A finished report: the dimensions it grouped by, one {@link CurrencyReport} per currency, and the
 * warnings for stderr (never part of the data).
 *
 * @param untaggedTag the tag whose absence {@code untaggedCost} measures (the first tag grouped by, else project)
 */
public record Report(
        List<Dimension> dimensions,
        boolean defaultDimensions,
        List<CurrencyReport> currencies,
        String untaggedTag,
        List<String> warnings) {
    public Report {
        dimensions = List.copyOf(requireNonNull(dimensions, "dimensions is null"));
        currencies = List.copyOf(requireNonNull(currencies, "currencies is null"));
        requireNonNull(untaggedTag, "untaggedTag is null");
        warnings = List.copyOf(requireNonNull(warnings, "warnings is null"));
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
