package dev.tally.gateway.metering;

import dev.tally.core.usage.PricingModel;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Bedrock's service-tier words ({@code serviceTier.type}, {@code X-Amzn-Bedrock-Service-Tier}) and the latency
 * setting ({@code performanceConfig.latency}) as the pricing model the bill uses.
 */
final class ServiceTier {
    private ServiceTier() {}

    static Optional<PricingModel> ofTier(@Nullable String word) {
        if (word == null) {
            return Optional.empty();
        }
        return switch (word.strip().toLowerCase(Locale.ROOT)) {
            case "priority" -> Optional.of(PricingModel.PRIORITY);
            case "flex" -> Optional.of(PricingModel.FLEX);
            case "reserved" -> Optional.of(PricingModel.RESERVED);
            case "default", "standard", "on-demand" -> Optional.of(PricingModel.ON_DEMAND);
            default -> Optional.empty();
        };
    }

    static Optional<PricingModel> ofLatency(@Nullable String word) {
        return word != null && word.strip().equalsIgnoreCase("optimized")
                ? Optional.of(PricingModel.LATENCY_OPTIMIZED)
                : Optional.empty();
    }
}
