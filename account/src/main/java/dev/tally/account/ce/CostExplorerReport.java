package dev.tally.account.ce;

import static java.util.Objects.requireNonNull;

import dev.tally.account.tags.CostAllocationTags;
import dev.tally.account.tags.TagStatus;
import dev.tally.aws.AwsCall;
import dev.tally.core.error.TallyException;
import dev.tally.report.query.CurrencyReport;
import dev.tally.report.query.Dimension;
import dev.tally.report.query.Group;
import dev.tally.report.query.Report;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.costexplorer.model.Expression;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageRequest;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageResponse;
import software.amazon.awssdk.services.costexplorer.model.GetDimensionValuesResponse;
import software.amazon.awssdk.services.costexplorer.model.GroupDefinition;
import software.amazon.awssdk.services.costexplorer.model.MetricValue;
import software.amazon.awssdk.services.costexplorer.model.ResultByTime;

/**
 * Bedrock spend from Cost Explorer as a {@link Report}, so {@code tally ce} prints with the same renderers
 * and JSON shape as {@code tally report}. The filter names every SERVICE value holding "Bedrock" found in
 * the period (Marketplace-billed models are SERVICE values of their own, so "Amazon Bedrock" alone misses
 * them); tag keys are found with ListCostAllocationTags rather than assumed; every page is read; sums are
 * exact decimals from the API's strings. {@code Key$} (no value) is shown as {@code (untagged)}.
 */
public final class CostExplorerReport {
    private static final String METRIC = "UnblendedCost";

    private final CostExplorerClient ce;
    private final CostAllocationTags tags;

    public CostExplorerReport(CostExplorerClient ce) {
        this.ce = requireNonNull(ce, "ce is null");
        this.tags = new CostAllocationTags(ce);
    }

    /** Runs the query; with no dimensions, groups by tag:project when that tag exists, else by service. */
    public Report run(CostExplorerQuery query) {
        List<String> warnings = new ArrayList<>();
        boolean defaults = query.dimensions().isEmpty();
        // Listed lazily and once: a query without tags needs no listing, one with two tags needs one.
        List<TagStatus> known = defaults || query.dimensions().stream().anyMatch(d -> d.kind() == Dimension.Kind.TAG)
                ? tags.list(List.of())
                : List.of();
        List<Dimension> dims = defaults
                ? List.of(
                        CostAllocationTags.resolve("project", known).isPresent()
                                ? Dimension.tag("project")
                                : Dimension.parse("service"))
                : query.dimensions();
        List<String> services = bedrockServices(query);
        List<GroupDefinition> groupBy = new ArrayList<>();
        for (Dimension d : dims) {
            if (d.isTime()) {
                continue;
            }
            String type = CeGrouping.of(d).orElseThrow();
            if (type.equals("TAG")) {
                TagStatus tag = CostAllocationTags.resolve(d.tagKey().orElseThrow(), known)
                        .orElseThrow(
                                () -> TallyException.usage(
                                        "no cost allocation tag matches " + d.label()
                                                + " (keys appear only after a call carrying the tag was billed; list them with: tally tags status)"));
                if (!tag.active()) {
                    warnings.add("cost allocation tag " + tag.key() + " is inactive, so all spend shows as "
                            + Group.UNTAGGED + "; activate it with: tally tags activate " + tag.key()
                            + " (takes up to 48 hours)");
                }
                groupBy.add(GroupDefinition.builder().type("TAG").key(tag.key()).build());
            } else {
                groupBy.add(
                        GroupDefinition.builder().type("DIMENSION").key(type).build());
            }
        }
        String untaggedTag = dims.stream()
                .filter(d -> d.kind() == Dimension.Kind.TAG)
                .findFirst()
                .map(d -> d.tagKey().orElseThrow())
                .orElse("project");
        if (services.isEmpty()) {
            warnings.add("Cost Explorer has no Bedrock SERVICE value between " + query.from() + " and " + query.to());
            return new Report(dims, defaults, List.of(), untaggedTag, warnings);
        }
        GetCostAndUsageRequest request = GetCostAndUsageRequest.builder()
                .timePeriod(t -> t.start(query.from().toString()).end(query.to().toString()))
                .granularity(query.effectiveGranularity())
                .metrics(METRIC)
                .filter(Expression.builder()
                        .dimensions(v -> v.key("SERVICE").values(services))
                        .build())
                .groupBy(groupBy)
                .build();
        Map<String, Map<List<String>, Cell>> byCurrency = new TreeMap<>();
        String token = null;
        do {
            String next = token;
            GetCostAndUsageResponse page = AwsCall.costExplorer("GetCostAndUsage")
                    .run(() -> ce.getCostAndUsage(
                            request.toBuilder().nextPageToken(next).build()));
            for (ResultByTime r : page.resultsByTime()) {
                LocalDate start = LocalDate.parse(r.timePeriod().start().substring(0, 10));
                if (groupBy.isEmpty()) {
                    add(byCurrency, keys(dims, List.of(), start), r.total().get(METRIC), start);
                }
                r.groups()
                        .forEach(g -> add(
                                byCurrency,
                                keys(dims, g.keys(), start),
                                g.metrics().get(METRIC),
                                start));
            }
            token = page.nextPageToken();
        } while (token != null && !token.isEmpty());
        boolean daily = query.effectiveGranularity().equals("DAILY");
        int untaggedAt = firstTag(dims);
        List<CurrencyReport> currencies = new ArrayList<>();
        byCurrency.forEach(
                (currency, cells) -> currencies.add(currencyReport(currency, dims, cells, untaggedAt, daily)));
        return new Report(dims, defaults, currencies, untaggedTag, warnings);
    }

    /** Where the first tag dimension sits among the keys, -1 without one. */
    private static int firstTag(List<Dimension> dims) {
        for (int i = 0; i < dims.size(); i++) {
            if (dims.get(i).kind() == Dimension.Kind.TAG) {
                return i;
            }
        }
        return -1;
    }

    /** SERVICE values naming Bedrock in the period: "Amazon Bedrock" and Marketplace "... (Amazon Bedrock Edition)". */
    public List<String> bedrockServices(CostExplorerQuery query) {
        TreeSet<String> out = new TreeSet<>();
        String token = null;
        do {
            String page = token;
            GetDimensionValuesResponse r = AwsCall.costExplorer("GetDimensionValues")
                    .run(() -> ce.getDimensionValues(b -> b.dimension("SERVICE")
                            .searchString("Bedrock")
                            .context("COST_AND_USAGE")
                            .nextPageToken(page)
                            .timePeriod(t -> t.start(query.from().toString())
                                    .end(query.to().toString()))));
            r.dimensionValues().forEach(v -> {
                if (v.value().toLowerCase(Locale.ROOT).contains("bedrock")) {
                    out.add(v.value());
                }
            });
            token = r.nextPageToken();
        } while (token != null && !token.isEmpty());
        return List.copyOf(out);
    }

    /** One group's sum, how many API cells fed it, and its cost per day. */
    private static final class Cell {
        BigDecimal cost = BigDecimal.ZERO;
        long cells;
        final SortedMap<LocalDate, BigDecimal> days = new TreeMap<>();
    }

    private static void add(
            Map<String, Map<List<String>, Cell>> byCurrency,
            List<String> keys,
            @Nullable MetricValue value,
            LocalDate start) {
        if (value == null || value.amount() == null) {
            return;
        }
        BigDecimal amount = new BigDecimal(value.amount());
        String currency = value.unit() == null || value.unit().isBlank() ? "USD" : value.unit();
        Cell cell =
                byCurrency.computeIfAbsent(currency, c -> new LinkedHashMap<>()).computeIfAbsent(keys, k -> new Cell());
        cell.cost = cell.cost.add(amount);
        cell.cells++;
        cell.days.merge(start, amount, BigDecimal::add);
    }

    /** The report keys of one API group, in the order of the asked dimensions. */
    private static List<String> keys(List<Dimension> dims, List<String> apiKeys, LocalDate start) {
        List<String> out = new ArrayList<>();
        int next = 0;
        for (Dimension d : dims) {
            if (d.kind() == Dimension.Kind.DAY) {
                out.add(start.toString());
            } else if (d.kind() == Dimension.Kind.MONTH) {
                out.add(start.toString().substring(0, 7));
            } else {
                String k = next < apiKeys.size() ? apiKeys.get(next++) : "";
                if (d.kind() == Dimension.Kind.TAG) {
                    int dollar = k.indexOf('$');
                    String value = dollar < 0 ? "" : k.substring(dollar + 1);
                    out.add(value.isEmpty() ? Group.UNTAGGED : value);
                } else {
                    out.add(k.isEmpty() ? Group.NONE : k);
                }
            }
        }
        return out;
    }

    private static CurrencyReport currencyReport(
            String currency, List<Dimension> dims, Map<List<String>, Cell> cells, int untaggedAt, boolean daily) {
        List<Group> groups = new ArrayList<>();
        BigDecimal untagged = BigDecimal.ZERO;
        Map<List<String>, SortedMap<LocalDate, BigDecimal>> days = new HashMap<>();
        for (Map.Entry<List<String>, Cell> e : cells.entrySet()) {
            Cell c = e.getValue();
            // Cost Explorer reports usage in each usage type's own unit, not tokens: the token columns stay empty.
            groups.add(new Group(e.getKey(), c.cost, BigDecimal.ZERO, BigDecimal.ZERO, c.cells));
            days.put(e.getKey(), c.days);
            if (untaggedAt >= 0 && e.getKey().get(untaggedAt).equals(Group.UNTAGGED)) {
                untagged = untagged.add(c.cost);
            }
        }
        return CurrencyReport.of(
                currency, dims, groups, untagged, Optional.empty(), daily ? Optional.of(days) : Optional.empty());
    }
}
