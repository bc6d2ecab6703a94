package dev.tally.report.read;

/** Which cost column a report sums (design.md, "Cost"). */
public enum CostBasis {
    /** {@code line_item_unblended_cost}, {@code lineItem/UnblendedCost}, FOCUS {@code BilledCost}. */
    UNBLENDED,
    /** {@code line_item_net_unblended_cost}, {@code lineItem/NetUnblendedCost}, FOCUS {@code EffectiveCost}. */
    NET
}
