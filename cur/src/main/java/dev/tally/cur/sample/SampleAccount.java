package dev.tally.cur.sample;

import java.math.BigDecimal;
import java.util.List;

/**
 * A linked account of the sample organization. An account with {@code privateRate} has a private pricing
 * agreement that takes {@link #PRIVATE_RATE_DISCOUNT} off first-party usage: its net unblended cost is lower
 * than its unblended cost.
 */
record SampleAccount(String id, String name, boolean privateRate) {
    static final BigDecimal PRIVATE_RATE_DISCOUNT = new BigDecimal("0.05");
    static final String PAYER_ID = "210987654321";
    static final String PAYER_NAME = "acme-management";

    static final List<SampleAccount> ALL = List.of(
            new SampleAccount("123456789012", "acme-ml-prod", true),
            new SampleAccount("234567890123", "acme-dev-sandbox", false),
            new SampleAccount("345678901234", "acme-data-platform", false));
}
