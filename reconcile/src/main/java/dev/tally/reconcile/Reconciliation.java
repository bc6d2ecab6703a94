package dev.tally.reconcile;

import static java.util.Objects.requireNonNull;

import dev.tally.report.query.Dimension;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A finished reconciliation: the groups {@code --by} asked for, the total, metered against billed per day and per
 * user (the HTML page's views), every difference classified, and the warnings for stderr.
 *
 * @param newestBilledDay the latest UTC day the bill holds; metered cost on or after it that is not billed is
 *     provisional
 * @param unattributedBilledCost billed Bedrock cost that names no principal (left out of every group)
 */
public record Reconciliation(
        List<Dimension> dimensions,
        BigDecimal tolerancePercent,
        String currency,
        Optional<LocalDate> newestBilledDay,
        List<Line> groups,
        Line total,
        List<Line> byDay,
        List<Line> byUser,
        List<PriceFinding> prices,
        List<TokenFinding> tokens,
        List<UnknownSession> unknownSessions,
        List<ProvisionalDay> provisional,
        BigDecimal unattributedBilledCost,
        List<String> warnings) {
    public Reconciliation {
        dimensions = List.copyOf(requireNonNull(dimensions, "dimensions is null"));
        requireNonNull(tolerancePercent, "tolerancePercent is null");
        requireNonNull(currency, "currency is null");
        requireNonNull(newestBilledDay, "newestBilledDay is null");
        groups = List.copyOf(requireNonNull(groups, "groups is null"));
        requireNonNull(total, "total is null");
        byDay = List.copyOf(requireNonNull(byDay, "byDay is null"));
        byUser = List.copyOf(requireNonNull(byUser, "byUser is null"));
        prices = List.copyOf(requireNonNull(prices, "prices is null"));
        tokens = List.copyOf(requireNonNull(tokens, "tokens is null"));
        unknownSessions = List.copyOf(requireNonNull(unknownSessions, "unknownSessions is null"));
        provisional = List.copyOf(requireNonNull(provisional, "provisional is null"));
        requireNonNull(unattributedBilledCost, "unattributedBilledCost is null");
        warnings = List.copyOf(requireNonNull(warnings, "warnings is null"));
    }

    /**
     * Whether a scheduled job may stay quiet: every group within the tolerance and no billed session unknown to the
     * ledger (provisional cost never excuses an unknown session).
     */
    public boolean passes() {
        return unknownSessions.isEmpty() && groups.stream().allMatch(Line::withinTolerance);
    }

    /** {@code ok} or {@code differs}: the JSON form's status and the exit status's reason. */
    public String status() {
        return passes() ? "ok" : "differs";
    }
}
