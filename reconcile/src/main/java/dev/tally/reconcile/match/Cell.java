package dev.tally.reconcile.match;

import java.math.BigDecimal;

/** Both sides' sums for one {@link CellKey}; filled by the two readers, then classified. Not thread-safe. */
public final class Cell {
    BigDecimal meteredCost = BigDecimal.ZERO;
    long meteredTokens;
    long meteredCalls;
    /** Calls the gateway metered as estimates: streams cut upstream or cancelled by the client. */
    long estimatedCalls;

    BigDecimal billedCost = BigDecimal.ZERO;
    long billedTokens;
    boolean billed;

    public void addMetered(BigDecimal cost, long tokens, boolean estimated) {
        meteredCost = meteredCost.add(cost);
        meteredTokens += tokens;
        meteredCalls++;
        if (estimated) {
            estimatedCalls++;
        }
    }

    public void addBilled(BigDecimal cost, long tokens) {
        billedCost = billedCost.add(cost);
        billedTokens += tokens;
        billed = true;
    }

    public BigDecimal meteredCost() {
        return meteredCost;
    }

    public long meteredTokens() {
        return meteredTokens;
    }

    public long meteredCalls() {
        return meteredCalls;
    }

    public long estimatedCalls() {
        return estimatedCalls;
    }

    public BigDecimal billedCost() {
        return billedCost;
    }

    public long billedTokens() {
        return billedTokens;
    }

    public boolean isBilled() {
        return billed;
    }

    public boolean isMetered() {
        return meteredCalls > 0;
    }

    /** Metered minus billed. */
    public BigDecimal difference() {
        return meteredCost.subtract(billedCost);
    }
}
