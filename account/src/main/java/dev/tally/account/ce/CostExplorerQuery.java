package dev.tally.account.ce;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.TallyException;
import dev.tally.report.query.Dimension;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What {@code tally ce} asks Cost Explorer: the report dimensions that have a Cost Explorer counterpart (at
 * most two groupings, the API's limit, plus at most one of {@code day} / {@code month}, which become the
 * granularity), and a date range, {@code from} inclusive and {@code to} exclusive, as the API reads it.
 *
 * @param granularity DAILY or MONTHLY; empty picks DAILY for {@code day}, else MONTHLY
 */
public record CostExplorerQuery(
        List<Dimension> dimensions, LocalDate from, LocalDate to, Optional<String> granularity) {
    /** Groupings the API allows per request. */
    public static final int MAX_GROUPINGS = 2;

    public CostExplorerQuery {
        dimensions = List.copyOf(requireNonNull(dimensions, "dimensions is null"));
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        requireNonNull(granularity, "granularity is null");
        for (Dimension d : dimensions) {
            if (!d.isTime() && CeGrouping.of(d).isEmpty()) {
                throw TallyException.invalidSetting(
                        "by", " " + d.label() + " has no Cost Explorer counterpart (allowed: " + allowed() + ")");
            }
        }
        List<Dimension> times = dimensions.stream().filter(Dimension::isTime).toList();
        if (times.size() > 1 || times.stream().anyMatch(d -> d.kind() == Dimension.Kind.WEEK)) {
            throw TallyException.invalidSetting(
                    "by",
                    " takes at most one of day or month for Cost Explorer (it has no week), got "
                            + times.stream().map(Dimension::label).collect(Collectors.joining(", ")));
        }
        if (dimensions.size() - times.size() > MAX_GROUPINGS) {
            throw TallyException.invalidSetting(
                    "by",
                    " takes at most " + MAX_GROUPINGS + " of " + allowed()
                            + " (Cost Explorer groups by two at most), got "
                            + dimensions.stream()
                                    .filter(d -> !d.isTime())
                                    .map(Dimension::label)
                                    .collect(Collectors.joining(", ")));
        }
        if (dimensions.stream().distinct().count() != dimensions.size()) {
            throw TallyException.invalidSetting("by", " names a dimension twice");
        }
        if (!to.isAfter(from)) {
            throw TallyException.invalidSetting(
                    "to", " " + to + " must be after the start " + from + " (the end is exclusive)");
        }
        granularity.ifPresent(g -> {
            if (!g.equals("DAILY") && !g.equals("MONTHLY")) {
                throw TallyException.invalidSetting(
                        "granularity", " '" + g.toLowerCase(Locale.ROOT) + "' is not one of: daily, monthly");
            }
            if (g.equals("MONTHLY") && times.stream().anyMatch(d -> d.kind() == Dimension.Kind.DAY)) {
                throw TallyException.invalidSetting("by", " day needs daily granularity");
            }
        });
    }

    /** The Cost Explorer granularity: the one asked, else DAILY when grouping by day, else MONTHLY. */
    public String effectiveGranularity() {
        return granularity.orElse(
                dimensions.stream().anyMatch(d -> d.kind() == Dimension.Kind.DAY) ? "DAILY" : "MONTHLY");
    }

    public static String allowed() {
        return "service, region, usage-type, operation, account, tag:<key>, day, month";
    }
}
