package dev.tally.report.query;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The report for one currency (totals are never summed across currencies).
 *
 * @param groups sorted by cost descending, then by keys
 * @param untaggedCost the cost whose {@code untaggedTag} is missing
 * @param series cost per day of each of the top groups (by their keys joined with " / "), when asked for
 */
public record CurrencyReport(
        String currency,
        BigDecimal total,
        List<Group> groups,
        BigDecimal untaggedCost,
        Map<String, SortedMap<LocalDate, BigDecimal>> series) {
    public CurrencyReport {
        requireNonNull(currency, "currency is null");
        requireNonNull(total, "total is null");
        groups = List.copyOf(requireNonNull(groups, "groups is null"));
        requireNonNull(untaggedCost, "untaggedCost is null");
        series = Map.copyOf(requireNonNull(series, "series is null"));
    }

    public BigDecimal tokens() {
        return groups.stream().map(Group::tokens).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
