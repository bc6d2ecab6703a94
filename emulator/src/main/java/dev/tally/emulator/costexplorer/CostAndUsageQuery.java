package dev.tally.emulator.costexplorer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.cur.CurLineItem;
import dev.tally.emulator.http.AwsJsonError;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A GetCostAndUsage request, validated the way AWS validates it: a TimePeriod, a Granularity, at least one
 * metric, at most two GroupBy definitions of type DIMENSION or TAG, and an optional filter.
 */
record CostAndUsageQuery(
        DatePeriod period,
        String granularity,
        Map<String, CostMetric> metrics,
        List<GroupBy> groupBy,
        CostFilter filter) {
    /** At most two group definitions, as the API documents. */
    static final int MAX_GROUP_BY = 2;

    /** One GroupBy definition; a TAG group's key is {@code Key$Value}, and {@code Key$} when the tag is missing. */
    record GroupBy(String type, String key, Optional<CostDimension> dimension) {
        String valueOf(CurLineItem item, Map<String, String> activeTags) {
            return dimension.map(d -> d.valueOf(item)).orElseGet(() -> key + "$" + activeTags.getOrDefault(key, ""));
        }
    }

    static CostAndUsageQuery parse(ObjectNode body, LocalDate today) {
        DatePeriod period = DatePeriod.parse(body.get("TimePeriod"), today);
        String granularity = body.path("Granularity").asText("");
        switch (granularity) {
            case "DAILY", "MONTHLY" -> {}
            case "HOURLY" ->
                throw AwsJsonError.validation(
                        "Hourly granularity is not enabled for this account (the emulator answers DAILY and MONTHLY)");
            case "" ->
                throw AwsJsonError.validation(
                        "1 validation error detected: Value null at 'granularity' failed to satisfy constraint: Member must not be null");
            default ->
                throw AwsJsonError.validation(
                        "1 validation error detected: Value '" + granularity
                                + "' at 'granularity' failed to satisfy constraint: Member must satisfy enum value set: [DAILY, MONTHLY, HOURLY]");
        }
        JsonNode metricNames = body.path("Metrics");
        if (!metricNames.isArray() || metricNames.isEmpty()) {
            throw AwsJsonError.validation("Metrics is required for GetCostAndUsage");
        }
        Map<String, CostMetric> metrics = new LinkedHashMap<>();
        metricNames.forEach(m -> metrics.put(m.asText(), CostMetric.parse(m.asText())));
        JsonNode groups = body.path("GroupBy");
        if (groups.size() > MAX_GROUP_BY) {
            throw AwsJsonError.validation(
                    "You can only group by up to two different groups: dimensions, tag keys, cost categories, or any two group by types");
        }
        List<GroupBy> groupBy = new ArrayList<>();
        for (JsonNode g : groups) {
            String type = g.path("Type").asText("");
            String key = g.path("Key").asText("");
            groupBy.add(
                    switch (type) {
                        case "DIMENSION" ->
                            new GroupBy(type, key, Optional.of(CostDimension.parse(key, "Group Definition")));
                        case "TAG" -> {
                            if (key.isEmpty()) {
                                throw AwsJsonError.validation("Group Definition of type TAG needs a Key");
                            }
                            yield new GroupBy(type, key, Optional.empty());
                        }
                        case "COST_CATEGORY" ->
                            throw AwsJsonError.validation("cost categories are not supported by the emulator");
                        default ->
                            throw AwsJsonError.validation("Group Definition type '" + type
                                    + "' is invalid. Valid values are DIMENSION, TAG, COST_CATEGORY");
                    });
        }
        return new CostAndUsageQuery(
                period,
                granularity,
                Collections.unmodifiableMap(metrics),
                List.copyOf(groupBy),
                CostFilter.parse(body.get("Filter")));
    }

    /** The result periods: each day, or each calendar month cut to the time period. */
    List<DatePeriod> periods() {
        List<DatePeriod> out = new ArrayList<>();
        LocalDate at = period.start();
        while (at.isBefore(period.end())) {
            LocalDate next = granularity.equals("DAILY")
                    ? at.plusDays(1)
                    : at.withDayOfMonth(1).plusMonths(1);
            if (next.isAfter(period.end())) {
                next = period.end();
            }
            out.add(new DatePeriod(at, next));
            at = next;
        }
        return out;
    }
}
