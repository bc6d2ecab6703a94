package dev.tally.reconcile;

import static java.util.Objects.requireNonNull;

import dev.tally.core.usage.PricingModel;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Tokens differ for a session, day, model and token type: a metering gap. {@code estimatedCalls} counts the metered
 * calls the gateway flagged as estimates (streams cut upstream or cancelled by the client), the usual cause.
 */
public record TokenFinding(
        String user,
        String session,
        String sessionArn,
        LocalDate day,
        String model,
        PricingModel pricing,
        TokenKind kind,
        long meteredTokens,
        long billedTokens,
        BigDecimal meteredCost,
        BigDecimal billedCost,
        long meteredCalls,
        long estimatedCalls) {
    public TokenFinding {
        requireNonNull(user, "user is null");
        requireNonNull(session, "session is null");
        requireNonNull(sessionArn, "sessionArn is null");
        requireNonNull(day, "day is null");
        requireNonNull(model, "model is null");
        requireNonNull(pricing, "pricing is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(meteredCost, "meteredCost is null");
        requireNonNull(billedCost, "billedCost is null");
    }

    public BigDecimal difference() {
        return meteredCost.subtract(billedCost);
    }
}
