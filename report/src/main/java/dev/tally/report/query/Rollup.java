package dev.tally.report.query;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A report over fewer dimensions summed from one over more: the dashboard's data (every dimension, one scan) gives
 * the report its {@code --by} asks for without reading the exports twice. Sums are exact, so the result is the one
 * the engine would give; week and month come from the day as {@link DimensionValues} makes them.
 */
final class Rollup {
    private Rollup() {}

    /**
     * @param by the dimensions asked for; empty means the default (tag:project when any group has a project, else
     *     principal), as the engine chooses it
     */
    static Report of(Report data, List<Dimension> by, Optional<Integer> top) {
        boolean defaulted = by.isEmpty();
        List<Dimension> dims = defaulted ? List.of(defaultDimension(data)) : by;
        List<Function<Group, String>> readers =
                dims.stream().map(d -> reader(data, d)).toList();
        Dimension untagged = dims.stream()
                .filter(d -> d.kind() == Dimension.Kind.TAG)
                .findFirst()
                .orElse(Dimension.tag("project"));
        Function<Group, String> untaggedReader = reader(data, untagged);
        List<CurrencyReport> currencies = new ArrayList<>();
        for (CurrencyReport c : data.currencies()) {
            Map<List<String>, Group> groups = new HashMap<>();
            BigDecimal untaggedCost = BigDecimal.ZERO;
            for (Group g : c.groups()) {
                List<String> keys = readers.stream().map(r -> r.apply(g)).toList();
                groups.merge(keys, new Group(keys, g.cost(), g.tokens(), g.tokenCost(), g.rows()), Group::plus);
                if (untaggedReader.apply(g).equals(Group.UNTAGGED)) {
                    untaggedCost = untaggedCost.add(g.cost());
                }
            }
            currencies.add(CurrencyReport.of(c.currency(), dims, groups.values(), untaggedCost, top, Optional.empty()));
        }
        return new Report(dims, defaulted, currencies, untagged.label(), data.warnings(), time(data, dims));
    }

    /** The newest day of the data, when the report is by time: the same coverage the engine gives the same report. */
    private static Optional<TimeCoverage> time(Report data, List<Dimension> dims) {
        int day = data.dimensions().indexOf(new Dimension(Dimension.Kind.DAY, Optional.empty()));
        if (day < 0 || dims.stream().noneMatch(Dimension::isTime)) {
            return Optional.empty();
        }
        return data.currencies().stream()
                .flatMap(c -> c.groups().stream())
                .map(g -> g.keys().get(day))
                .filter(k -> !k.equals(Group.NONE))
                .max(String::compareTo)
                .map(k -> new TimeCoverage(LocalDate.parse(k), LocalDate.now(ZoneOffset.UTC)));
    }

    private static Dimension defaultDimension(Report data) {
        Function<Group, String> project = reader(data, Dimension.tag("project"));
        boolean anyProject = data.currencies().stream()
                .flatMap(c -> c.groups().stream())
                .anyMatch(g -> !project.apply(g).equals(Group.UNTAGGED));
        return anyProject ? Dimension.tag("project") : Dimension.PRINCIPAL;
    }

    private static Function<Group, String> reader(Report data, Dimension d) {
        int at = data.dimensions().indexOf(d);
        if (at >= 0) {
            return g -> g.keys().get(at);
        }
        int day = data.dimensions().indexOf(new Dimension(Dimension.Kind.DAY, Optional.empty()));
        if (day >= 0 && (d.kind() == Dimension.Kind.WEEK || d.kind() == Dimension.Kind.MONTH)) {
            return g -> {
                String key = g.keys().get(day);
                if (key.equals(Group.NONE)) {
                    return key;
                }
                return d.kind() == Dimension.Kind.MONTH
                        ? key.substring(0, 7)
                        : LocalDate.parse(key)
                                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                                .toString();
            };
        }
        if (d.kind() == Dimension.Kind.TAG) {
            // Tag keys are matched case-insensitively: tag:Team and tag:team are one column.
            for (int i = 0; i < data.dimensions().size(); i++) {
                if (data.dimensions().get(i).matchKey().equals(d.matchKey())) {
                    int column = i;
                    return g -> g.keys().get(column);
                }
            }
        }
        throw new IllegalStateException(d + " is not among the data's dimensions " + data.dimensions());
    }
}
