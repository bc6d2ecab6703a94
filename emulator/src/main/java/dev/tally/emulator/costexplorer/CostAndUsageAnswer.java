package dev.tally.emulator.costexplorer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.cur.CurLineItem;
import dev.tally.emulator.http.AwsJson;
import dev.tally.emulator.http.PageToken;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Answers GetCostAndUsage from billed line items: each item counts in the result period holding its usage
 * start day, summed exactly per group. Pages hold at most {@code pageSize} cells (a group in a period, or a
 * period's total when nothing is grouped); a period whose groups span two pages appears on both, as on AWS.
 */
final class CostAndUsageAnswer {
    private CostAndUsageAnswer() {}

    /** The sums of one group (or of a whole period) in one result period. */
    private static final class Cell {
        final Map<String, BigDecimal> sums = new HashMap<>();
        String currency = "USD";

        @Nullable
        String usageUnit;

        boolean mixedUnits;

        void add(CostAndUsageQuery q, CurLineItem item) {
            q.metrics().forEach((name, metric) -> sums.merge(name, metric.amountOf(item), BigDecimal::add));
            currency = item.currency();
            if (usageUnit == null) {
                usageUnit = item.pricingUnit();
            } else if (!usageUnit.equals(item.pricingUnit())) {
                mixedUnits = true;
            }
        }

        ObjectNode metrics(CostAndUsageQuery q) {
            ObjectNode out = AwsJson.object();
            q.metrics()
                    .forEach((name, metric) -> out.putObject(name)
                            .put("Amount", amount(sums.getOrDefault(name, BigDecimal.ZERO)))
                            .put(
                                    "Unit",
                                    metric.isCost() ? currency : mixedUnits || usageUnit == null ? "N/A" : usageUnit));
            return out;
        }
    }

    private record Entry(int period, Optional<List<String>> keys, Cell cell) {}

    static ObjectNode answer(
            CostAndUsageQuery q,
            List<CurLineItem> items,
            CostAllocationTagRegistry tags,
            ObjectNode request,
            int pageSize,
            LocalDate today) {
        List<DatePeriod> periods = q.periods();
        TreeMap<LocalDate, Integer> byStart = new TreeMap<>();
        for (int i = 0; i < periods.size(); i++) {
            byStart.put(periods.get(i).start(), i);
        }
        List<Cell> totals = new ArrayList<>();
        List<Map<List<String>, Cell>> groups = new ArrayList<>();
        for (int i = 0; i < periods.size(); i++) {
            totals.add(new Cell());
            groups.add(new TreeMap<>(CostAndUsageAnswer::compareKeys));
        }
        for (CurLineItem item : items) {
            LocalDate day = item.usageStart().atOffset(ZoneOffset.UTC).toLocalDate();
            if (!q.period().contains(day)) {
                continue;
            }
            Map<String, String> active = tags.activeTagsOf(item);
            if (!q.filter().test(item, active)) {
                continue;
            }
            int p = byStart.floorEntry(day).getValue();
            if (q.groupBy().isEmpty()) {
                totals.get(p).add(q, item);
            } else {
                List<String> keys =
                        q.groupBy().stream().map(g -> g.valueOf(item, active)).toList();
                groups.get(p).computeIfAbsent(keys, k -> new Cell()).add(q, item);
            }
        }
        List<Entry> entries = new ArrayList<>();
        for (int p = 0; p < periods.size(); p++) {
            if (q.groupBy().isEmpty() || groups.get(p).isEmpty()) {
                entries.add(new Entry(p, Optional.empty(), totals.get(p)));
            } else {
                for (Map.Entry<List<String>, Cell> g : groups.get(p).entrySet()) {
                    entries.add(new Entry(p, Optional.of(g.getKey()), g.getValue()));
                }
            }
        }
        int offset = Math.min(
                PageToken.offset(request, "NextPageToken", PageToken::invalidNextToken, PageToken::requestChanged),
                entries.size());
        int end = Math.min(entries.size(), offset + pageSize);

        ObjectNode out = AwsJson.object();
        if (end < entries.size()) {
            out.put("NextPageToken", PageToken.next(request, "NextPageToken", end));
        }
        ArrayNode definitions = out.putArray("GroupDefinitions");
        q.groupBy().forEach(g -> definitions.addObject().put("Type", g.type()).put("Key", g.key()));
        ArrayNode results = out.putArray("ResultsByTime");
        @Nullable ObjectNode current = null;
        int currentPeriod = -1;
        LocalDate firstOfMonth = today.withDayOfMonth(1);
        for (Entry e : entries.subList(offset, end)) {
            if (e.period() != currentPeriod) {
                currentPeriod = e.period();
                DatePeriod period = periods.get(currentPeriod);
                current = results.addObject();
                current.putObject("TimePeriod")
                        .put("Start", period.start().toString())
                        .put("End", period.end().toString());
                // With GroupBy, AWS leaves Total empty and puts the sums in the groups.
                current.set("Total", q.groupBy().isEmpty() ? e.cell().metrics(q) : AwsJson.object());
                current.putArray("Groups");
                current.put("Estimated", period.end().isAfter(firstOfMonth));
            }
            if (e.keys().isPresent()) {
                // The page's first entry opened a period above: entries come in period order.
                ObjectNode group = ((ArrayNode) java.util.Objects.requireNonNull(current, "no period open")
                                .get("Groups"))
                        .addObject();
                ArrayNode keys = group.putArray("Keys");
                e.keys().get().forEach(keys::add);
                group.set("Metrics", e.cell().metrics(q));
            }
        }
        out.putArray("DimensionValueAttributes");
        return out;
    }

    /** Amounts as AWS writes them: a plain decimal string, exact. */
    static String amount(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    private static int compareKeys(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
