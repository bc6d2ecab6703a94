package dev.tally.report.query;

import dev.tally.report.read.TagLookup;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/** The second step of a report: raw aggregates to dimension values, filtered, summed exactly, ordered. */
final class Aggregator {
    private final ReportRequest request;
    private final DimensionValues values;
    private final Predicate<RawGroup> kept;

    Aggregator(ReportRequest request, List<TagLookup> tags, Consumer<String> warn) {
        this.request = request;
        this.values = new DimensionValues(tags, warn);
        Predicate<RawGroup> all = row -> true;
        for (Condition c : request.where()) {
            Function<RawGroup, String> reader = values.reader(c.dimension());
            all = all.and(row -> reader.apply(row).equals(c.value()));
        }
        this.kept = all;
    }

    Report finish(List<RawGroup> rows, List<String> warnings) {
        boolean defaulted = request.by().isEmpty();
        List<Dimension> dims = defaulted ? List.of(defaultDimension(rows)) : request.by();
        Dimension untagged = dims.stream()
                .filter(d -> d.kind() == Dimension.Kind.TAG)
                .findFirst()
                .orElse(Dimension.tag("project"));
        List<Function<RawGroup, String>> readers =
                dims.stream().map(values::reader).toList();
        Function<RawGroup, String> untaggedReader = values.reader(untagged);
        Map<String, Accumulator> byCurrency = new TreeMap<>();
        LocalDate newestDay = null;
        for (RawGroup row : rows) {
            if (!kept.test(row)) {
                continue;
            }
            if (row.usageDay() != null && (newestDay == null || row.usageDay().isAfter(newestDay))) {
                newestDay = row.usageDay();
            }
            String[] key = new String[readers.size()];
            for (int i = 0; i < key.length; i++) {
                key[i] = readers.get(i).apply(row);
            }
            List<String> keys = List.of(key);
            BigDecimal tokens = values.tokens(row).orElse(null);
            Group group = new Group(
                    keys,
                    row.cost(),
                    tokens == null ? BigDecimal.ZERO : tokens,
                    tokens == null ? BigDecimal.ZERO : row.cost(),
                    row.rows());
            Accumulator acc = byCurrency.computeIfAbsent(
                    row.currency() == null || row.currency().isBlank() ? "USD" : row.currency(),
                    c -> new Accumulator());
            acc.groups.merge(keys, group, Group::plus);
            if (untaggedReader.apply(row).equals(Group.UNTAGGED)) {
                acc.untagged = acc.untagged.add(row.cost());
            }
            if (request.series() && row.usageDay() != null) {
                acc.series
                        .computeIfAbsent(keys, k -> new TreeMap<>())
                        .merge(row.usageDay(), row.cost(), BigDecimal::add);
            }
        }
        List<CurrencyReport> currencies = new ArrayList<>();
        byCurrency.forEach((currency, acc) -> currencies.add(acc.report(currency, dims)));
        Optional<TimeCoverage> time = newestDay == null || dims.stream().noneMatch(Dimension::isTime)
                ? Optional.empty()
                : Optional.of(new TimeCoverage(newestDay, LocalDate.now(ZoneOffset.UTC)));
        return new Report(dims, defaulted, currencies, untagged.label(), warnings, time);
    }

    private Dimension defaultDimension(List<RawGroup> rows) {
        boolean anyProject = rows.stream()
                .filter(kept)
                .anyMatch(r -> values.tag(r, DimensionValues.PROJECT_TAG).isPresent());
        return anyProject ? Dimension.tag("project") : Dimension.PRINCIPAL;
    }

    private final class Accumulator {
        final Map<List<String>, Group> groups = new HashMap<>();
        final Map<List<String>, SortedMap<LocalDate, BigDecimal>> series = new HashMap<>();
        BigDecimal untagged = BigDecimal.ZERO;

        CurrencyReport report(String currency, List<Dimension> dims) {
            return CurrencyReport.of(
                    currency,
                    dims,
                    groups.values(),
                    untagged,
                    request.top(),
                    request.series() ? Optional.of(series) : Optional.empty());
        }
    }
}
