package dev.tally.report.render;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How numbers look: exact in machine formats, rounded for people. */
public final class Amounts {
    private Amounts() {}

    /** Exact, without exponent or trailing zeros: JSON and CSV. */
    public static String exact(BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        if (v.scale() < 0) {
            v = v.setScale(0);
        }
        return v.toPlainString();
    }

    /** Money for people (amounts and prices per million tokens): four decimals, since single Bedrock line items are often fractions of a cent. */
    public static String money(BigDecimal value) {
        return String.format("%,.4f", value.setScale(4, RoundingMode.HALF_EVEN));
    }

    /** Token counts for people: whole numbers with separators. */
    public static String tokens(BigDecimal value) {
        return String.format("%,d", value.setScale(0, RoundingMode.HALF_EVEN).toBigInteger());
    }
}
