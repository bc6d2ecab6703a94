package dev.tally.core.usage;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How many tokens one unit of a billed usage amount is. First-party Bedrock rows count in {@code 1K tokens}
 * or {@code 1M tokens}; Marketplace rows count {@code Units} of a million tokens (their description reads
 * "Million Input Tokens"). Model units, hours and requests are not tokens.
 */
public final class TokenUnit {
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1_000);
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private TokenUnit() {}

    /** Tokens per unit of {@code pricingUnit} for this usage type, or empty when the usage is not tokens. */
    public static Optional<BigDecimal> tokensPerUnit(@Nullable String pricingUnit, UsageType usageType) {
        if (!usageType.countsTokens()) {
            return Optional.empty();
        }
        String unit = pricingUnit == null
                ? ""
                : pricingUnit.strip().toLowerCase(Locale.ROOT).replace(" ", "");
        return switch (unit) {
            case "1ktokens", "thousandtokens", "1ktoken" -> Optional.of(THOUSAND);
            case "1mtokens", "milliontokens", "1mtoken" -> Optional.of(MILLION);
            case "tokens", "token" -> Optional.of(BigDecimal.ONE);
            case "units", "unit" -> usageType.marketplace() ? Optional.of(MILLION) : Optional.empty();
            default -> Optional.empty();
        };
    }
}
