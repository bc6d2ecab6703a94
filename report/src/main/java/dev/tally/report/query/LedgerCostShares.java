package dev.tally.report.query;

import static java.util.Objects.requireNonNull;

import dev.tally.core.price.PriceCatalog;
import dev.tally.core.usage.TokenType;
import dev.tally.ledger.TokenCounts;
import dev.tally.ledger.UsageEvent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A ledger event's cost split across the token types it used, the one way the report and {@code tally reconcile}
 * both read the ledger: the ledger records one exact cost per event, the bill one per token type. The split
 * follows the catalog's price of each type for the event's model and tier; it always sums exactly to the recorded
 * cost (when the catalog would price the event differently, shares are rounded to 12 decimals and the largest takes
 * the remainder; a model the catalog does not price splits by token count, with a warning).
 */
public final class LedgerCostShares {
    /** Shares of a cost are computed to this many decimals before the remainder goes to the largest share. */
    private static final int SHARE_SCALE = 12;

    private final PriceCatalog prices;
    private final Consumer<String> warn;

    public LedgerCostShares(PriceCatalog prices, Consumer<String> warn) {
        this.prices = requireNonNull(prices, "prices is null");
        this.warn = requireNonNull(warn, "warn is null");
    }

    /** One token type of one event: five-minute and one-hour cache writes apart. */
    public record Share(TokenType type, boolean oneHour, long tokens, BigDecimal cost) {
        public Share {
            requireNonNull(type, "type is null");
            requireNonNull(cost, "cost is null");
        }
    }

    /**
     * The event's shares, one per token type with tokens; an event with a cost and no tokens (should not happen) has
     * one input share of zero tokens carrying the cost; an event with neither has none.
     */
    public List<Share> of(UsageEvent e) {
        List<Share> parts = parts(e.tokens());
        if (parts.isEmpty()) {
            return e.cost().signum() == 0 ? List.of() : List.of(new Share(TokenType.INPUT, false, 0, e.cost()));
        }
        List<BigDecimal> costs = split(e, parts);
        List<Share> shares = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            Share p = parts.get(i);
            shares.add(new Share(p.type(), p.oneHour(), p.tokens(), costs.get(i)));
        }
        return shares;
    }

    private static List<Share> parts(TokenCounts t) {
        List<Share> parts = new ArrayList<>(5);
        add(parts, TokenType.INPUT, false, t.input());
        add(parts, TokenType.OUTPUT, false, t.output());
        add(parts, TokenType.CACHE_READ, false, t.cacheRead());
        add(parts, TokenType.CACHE_WRITE, false, t.cacheWrite5m());
        add(parts, TokenType.CACHE_WRITE, true, t.cacheWrite1h());
        return parts;
    }

    private static void add(List<Share> parts, TokenType type, boolean oneHour, long tokens) {
        if (tokens > 0) {
            parts.add(new Share(type, oneHour, tokens, BigDecimal.ZERO));
        }
    }

    /**
     * The event's cost split over its parts in proportion to what the catalog prices each at. When the catalog
     * priced the event exactly as the gateway did (the usual case), the shares are those prices; otherwise the
     * shares are rounded and the largest takes the remainder, so they always sum to the recorded cost. A model the
     * catalog does not price splits by tokens.
     */
    private List<BigDecimal> split(UsageEvent e, List<Share> parts) {
        List<BigDecimal> weights = new ArrayList<>(parts.size());
        boolean priced = true;
        for (Share p : parts) {
            var perMillion = prices.pricePerMillion(e.model(), p.type(), e.pricingModel(), p.oneHour());
            if (perMillion.isEmpty()) {
                priced = false;
                break;
            }
            weights.add(PriceCatalog.costOf(p.tokens(), perMillion.get()));
        }
        BigDecimal total = weights.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        if (!priced || total.signum() == 0) {
            if (!priced && e.cost().signum() != 0) {
                warn.accept(
                        "ledger: model " + e.model() + " (" + e.pricingModel().label()
                                + ") is not in the price catalog; its cost is split across token types by token count");
            }
            weights = parts.stream().map(p -> BigDecimal.valueOf(p.tokens())).toList();
            total = weights.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        }
        if (total.compareTo(e.cost()) == 0) {
            return weights;
        }
        int largest = 0;
        for (int i = 1; i < weights.size(); i++) {
            if (weights.get(i).compareTo(weights.get(largest)) > 0) {
                largest = i;
            }
        }
        List<BigDecimal> shares = new ArrayList<>(weights.size());
        BigDecimal rest = e.cost();
        for (int i = 0; i < weights.size(); i++) {
            if (i == largest) {
                shares.add(null);
                continue;
            }
            BigDecimal share = e.cost()
                    .multiply(weights.get(i))
                    .divide(total, SHARE_SCALE, RoundingMode.HALF_EVEN)
                    .stripTrailingZeros();
            shares.add(share);
            rest = rest.subtract(share);
        }
        shares.set(largest, rest);
        return shares;
    }
}
