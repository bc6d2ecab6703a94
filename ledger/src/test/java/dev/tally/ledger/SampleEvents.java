package dev.tally.ledger;

import dev.tally.core.usage.PricingModel;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Usage events for tests: distinct, valid, with every field set. */
public final class SampleEvents {
    public static final Instant START = Instant.parse("2026-11-02T09:00:00Z");

    private SampleEvents() {}

    public static UsageEvent event(String id, int n) {
        return new UsageEvent(
                id,
                START.plusMillis(n),
                "key_" + (n % 3),
                "user" + (n % 3),
                "arn:aws:sts::123456789012:assumed-role/TallyGateway/gw-user" + (n % 3),
                Map.of("User", "user" + (n % 3), "Team", n % 2 == 0 ? "search" : "ads"),
                "us.anthropic.claude-sonnet-4-6",
                "Claude4.6Sonnet",
                n % 2 == 0 ? "converse" : "invoke-stream",
                new TokenCounts(100 + n, 20 + n, n % 5, n % 7, n % 11),
                PricingModel.ON_DEMAND,
                new BigDecimal("0.000123").multiply(BigDecimal.valueOf(n + 1L)),
                "USD",
                200,
                Duration.ofMillis(30 + n % 50),
                n % 2 == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(12)),
                Outcome.COMPLETED,
                false);
    }
}
