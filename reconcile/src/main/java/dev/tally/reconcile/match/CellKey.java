package dev.tally.reconcile.match;

import static java.util.Objects.requireNonNull;

import dev.tally.core.usage.PricingModel;
import dev.tally.reconcile.TokenKind;
import java.time.LocalDate;

/**
 * The finest level both sides are joined at: the assumed-role session (its ARN, which the gateway records and the bill
 * names as {@code line_item_iam_principal}), the UTC day, the bill's model name, the tier and the token type.
 */
public record CellKey(String sessionArn, LocalDate day, String model, PricingModel pricing, TokenKind kind) {
    public CellKey {
        requireNonNull(sessionArn, "sessionArn is null");
        requireNonNull(day, "day is null");
        requireNonNull(model, "model is null");
        requireNonNull(pricing, "pricing is null");
        requireNonNull(kind, "kind is null");
    }
}
