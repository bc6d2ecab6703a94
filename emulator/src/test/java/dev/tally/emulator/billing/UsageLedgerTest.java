package dev.tally.emulator.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.core.price.PriceCatalog;
import dev.tally.core.sts.SessionTags;
import dev.tally.cur.CurLineItem;
import dev.tally.emulator.Granularity;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsageLedgerTest {
    private static final String SESSION = "arn:aws:sts::123456789012:assumed-role/tally-dev/alice";
    private static final String ARN = "arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-sonnet-4-6";

    @Test
    void daily_aggregatesCallsOfOneDay_intoOneLineItemPerTokenType() {
        UsageLedger ledger = new UsageLedger("123456789012", PriceCatalog.builtIn(), Granularity.DAILY);
        SessionTags tags = SessionTags.of(Map.of("Project", "p"));
        ledger.record(
                Instant.parse("2026-11-05T01:00:00Z"),
                SESSION,
                tags,
                "eu-west-1",
                "Claude4.6Sonnet",
                ARN,
                false,
                new TokenUsage(1000, 10, 0, 0, false));
        ledger.record(
                Instant.parse("2026-11-05T23:59:59Z"),
                SESSION,
                tags,
                "eu-west-1",
                "Claude4.6Sonnet",
                ARN,
                false,
                new TokenUsage(500, 0, 0, 2000, true));

        List<CurLineItem> items = ledger.lineItems(YearMonth.of(2026, 11));
        assertThat(items)
                .extracting(CurLineItem::usageType)
                .containsExactlyInAnyOrder(
                        "EU-Claude4.6Sonnet-input-tokens",
                        "EU-Claude4.6Sonnet-output-tokens",
                        "EU-Claude4.6Sonnet-1h-cache-write-input-token-count");
        CurLineItem input = items.stream()
                .filter(i -> i.usageType().endsWith("input-tokens"))
                .findFirst()
                .orElseThrow();
        assertThat(input.usageAmount()).isEqualTo(1.5);
        assertThat(input.unblendedCost()).isEqualByComparingTo("0.0045");
        assertThat(input.usageStart()).isEqualTo(Instant.parse("2026-11-05T00:00:00Z"));
        assertThat(input.usageEnd()).isEqualTo(Instant.parse("2026-11-06T00:00:00Z"));
        assertThat(input.tags()).containsExactly(Map.entry("iamPrincipal/Project", "p"));
        CurLineItem write = items.stream()
                .filter(i -> i.usageType().contains("1h-cache-write"))
                .findFirst()
                .orElseThrow();
        // One-hour cache writes cost twice the input price: 2000 x 6 / 10^6.
        assertThat(write.unblendedCost()).isEqualByComparingTo(new BigDecimal("0.012"));
        assertThat(write.unblendedRate()).isEqualTo("0.006");
        assertThat(ledger.takeDirtyPeriods()).containsExactly(YearMonth.of(2026, 11));
        assertThat(ledger.isDirty()).isFalse();
    }
}
