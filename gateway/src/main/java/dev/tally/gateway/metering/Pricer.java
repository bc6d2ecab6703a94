package dev.tally.gateway.metering;

import static java.util.Objects.requireNonNull;

import dev.tally.core.price.PriceCatalog;
import dev.tally.core.usage.PricingModel;
import dev.tally.core.usage.TokenType;
import dev.tally.ledger.TokenCounts;
import java.math.BigDecimal;

/**
 * What a request cost, by core's {@link PriceCatalog} for its tier: each token type at its own price (five-minute
 * and one-hour cache writes apart), summed exactly. A model the catalog does not know costs zero here and keeps
 * its id as its name, so the report can still show its tokens.
 */
public final class Pricer {
    private final PriceCatalog catalog;

    public Pricer(PriceCatalog catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    public String currency() {
        return catalog.currency();
    }

    /** The canonical model the bill uses for a model id, inference-profile id or ARN; the id itself if unknown. */
    public String canonicalModel(String modelId) {
        return catalog.canonicalModel(modelId).orElse(modelId);
    }

    public BigDecimal cost(String model, TokenCounts t, PricingModel tier) {
        return part(model, TokenType.INPUT, tier, false, t.input())
                .add(part(model, TokenType.OUTPUT, tier, false, t.output()))
                .add(part(model, TokenType.CACHE_READ, tier, false, t.cacheRead()))
                .add(part(model, TokenType.CACHE_WRITE, tier, false, t.cacheWrite5m()))
                .add(part(model, TokenType.CACHE_WRITE, tier, true, t.cacheWrite1h()));
    }

    private BigDecimal part(String model, TokenType type, PricingModel tier, boolean oneHour, long tokens) {
        if (tokens == 0) {
            return BigDecimal.ZERO;
        }
        return catalog.pricePerMillion(model, type, tier, oneHour)
                .map(p -> PriceCatalog.costOf(tokens, p))
                .orElse(BigDecimal.ZERO);
    }
}
