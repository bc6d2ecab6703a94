package dev.tally.reconcile;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One group of a reconciliation: its key values (in {@code --by} order), both sides' cost and tokens, the part of
 * the metered cost that is provisional (not billed yet), the kinds of difference its cells hold, and whether it is
 * within the tolerance.
 *
 * @param provisionalCost metered cost on or after the newest billed day that the bill does not hold yet
 * @param withinTolerance whether |metered - provisional - billed| is at most the tolerance's share of billed
 */
public record Line(
        List<String> keys,
        BigDecimal meteredCost,
        BigDecimal billedCost,
        long meteredTokens,
        long billedTokens,
        BigDecimal provisionalCost,
        Set<DifferenceKind> kinds,
        boolean withinTolerance) {
    public Line {
        keys = List.copyOf(requireNonNull(keys, "keys is null"));
        requireNonNull(meteredCost, "meteredCost is null");
        requireNonNull(billedCost, "billedCost is null");
        requireNonNull(provisionalCost, "provisionalCost is null");
        kinds = Set.copyOf(requireNonNull(kinds, "kinds is null"));
    }

    /** Metered minus billed: positive when the gateway counted more than AWS billed. */
    public BigDecimal difference() {
        return meteredCost.subtract(billedCost);
    }

    /** Metered divided by billed, to six decimals; empty when nothing was billed. */
    public Optional<BigDecimal> ratio() {
        if (billedCost.signum() == 0) {
            return Optional.empty();
        }
        return Optional.of(meteredCost.divide(billedCost, 6, RoundingMode.HALF_EVEN));
    }

    /** The kinds in their declared order, for stable output. */
    public List<DifferenceKind> sortedKinds() {
        return kinds.isEmpty() ? List.of() : List.copyOf(EnumSet.copyOf(kinds));
    }
}
