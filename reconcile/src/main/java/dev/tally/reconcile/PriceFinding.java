package dev.tally.reconcile;

import static java.util.Objects.requireNonNull;

import dev.tally.core.usage.PricingModel;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Tokens equal, cost different, for a model, tier and token type: the gateway's price catalog is out of date. Unit
 * prices are per million tokens, as the catalog states them.
 */
public record PriceFinding(
        String model,
        PricingModel pricing,
        TokenKind kind,
        long tokens,
        BigDecimal meteredCost,
        BigDecimal billedCost) {
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    public PriceFinding {
        requireNonNull(model, "model is null");
        requireNonNull(pricing, "pricing is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(meteredCost, "meteredCost is null");
        requireNonNull(billedCost, "billedCost is null");
    }

    public BigDecimal meteredPricePerMillion() {
        return perMillion(meteredCost);
    }

    public BigDecimal billedPricePerMillion() {
        return perMillion(billedCost);
    }

    public BigDecimal difference() {
        return meteredCost.subtract(billedCost);
    }

    private BigDecimal perMillion(BigDecimal cost) {
        if (tokens == 0) {
            return BigDecimal.ZERO;
        }
        return cost.multiply(MILLION).divide(BigDecimal.valueOf(tokens), 6, RoundingMode.HALF_EVEN);
    }
}
