package dev.tally.report.query;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

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

    /** How many groups the HTML chart stacks at most; the others are one {@code (other)} series. */
    public static final int SERIES_GROUPS = 8;

    /**
     * The report of one currency from its groups: the one place that orders them ({@link GroupOrder}), folds all
     * but the top N into {@code (other)} and picks the chart's series.
     *
     * @param dimensions what the groups' keys are, in order: a time dimension is an axis, not a group to rank
     * @param days each group's cost per day, by its keys, when a chart is asked for
     */
    public static CurrencyReport of(
            String currency,
            List<Dimension> dimensions,
            Collection<Group> groups,
            BigDecimal untaggedCost,
            Optional<Integer> top,
            Optional<Map<List<String>, SortedMap<LocalDate, BigDecimal>>> days) {
        GroupOrder order = GroupOrder.of(dimensions, groups);
        List<Group> sorted = new ArrayList<>(groups);
        sorted.sort(order);
        BigDecimal total = sorted.stream().map(Group::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
        List<Group> shown = top.isPresent() ? order.fold(sorted, top.get()) : sorted;
        return new CurrencyReport(
                currency,
                total,
                shown,
                untaggedCost,
                days.map(d -> chart(sorted, d, top)).orElse(Map.of()));
    }

    private static Map<String, SortedMap<LocalDate, BigDecimal>> chart(
            List<Group> sorted, Map<List<String>, SortedMap<LocalDate, BigDecimal>> days, Optional<Integer> top) {
        int limit = Math.min(top.orElse(SERIES_GROUPS), SERIES_GROUPS);
        Map<String, SortedMap<LocalDate, BigDecimal>> chart = new LinkedHashMap<>();
        SortedMap<LocalDate, BigDecimal> other = new TreeMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            SortedMap<LocalDate, BigDecimal> groupDays =
                    days.getOrDefault(sorted.get(i).keys(), new TreeMap<>());
            if (i < limit) {
                chart.put(String.join(" / ", sorted.get(i).keys()), groupDays);
            } else {
                groupDays.forEach((day, cost) -> other.merge(day, cost, BigDecimal::add));
            }
        }
        if (!other.isEmpty()) {
            chart.put(Group.OTHER, other);
        }
        return chart;
    }

    public BigDecimal tokens() {
        return groups.stream().map(Group::tokens).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
