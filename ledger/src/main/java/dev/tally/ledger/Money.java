package dev.tally.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Amounts as the store counts them: whole billionths of the currency unit in a BIGINT, so counters add exactly and
 * atomically in SQL ({@code used = used + ?}) on SQLite and PostgreSQL alike. Costs are rounded up, so a counter
 * never shows less than was spent.
 */
public final class Money {
    private static final int SCALE = 9;

    private Money() {}

    public static long nanos(BigDecimal amount) {
        return amount.setScale(SCALE, RoundingMode.CEILING).unscaledValue().longValueExact();
    }

    public static BigDecimal of(long nanos) {
        return BigDecimal.valueOf(nanos, SCALE).stripTrailingZeros();
    }
}
