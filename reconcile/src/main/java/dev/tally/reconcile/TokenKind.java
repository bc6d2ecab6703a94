package dev.tally.reconcile;

import dev.tally.core.usage.TokenType;
import dev.tally.core.usage.UsageType;

/**
 * The token types reconcile compares, with five-minute and one-hour cache writes apart: they have different prices,
 * and billing one at the other's rate is a classic metering mistake. The bill tells them apart by the {@code 1h}
 * marker in its usage type; the ledger counts them apart.
 */
public enum TokenKind {
    INPUT("input"),
    OUTPUT("output"),
    CACHE_READ("cache-read"),
    CACHE_WRITE_5M("cache-write-5m"),
    CACHE_WRITE_1H("cache-write-1h"),
    /** Billed usage that is not tokens (model units, tax, credits): the gateway meters none of it. */
    OTHER("other");

    private final String label;

    TokenKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static TokenKind of(TokenType type, boolean oneHourCache) {
        return switch (type) {
            case INPUT -> INPUT;
            case OUTPUT -> OUTPUT;
            case CACHE_READ -> CACHE_READ;
            case CACHE_WRITE -> oneHourCache ? CACHE_WRITE_1H : CACHE_WRITE_5M;
            case OTHER -> OTHER;
        };
    }

    public static TokenKind of(UsageType usageType) {
        return of(usageType.tokenType(), usageType.oneHourCache());
    }

    /** The core token type and whether it is a one-hour cache write: how the price catalog is asked. */
    public TokenType tokenType() {
        return switch (this) {
            case INPUT -> TokenType.INPUT;
            case OUTPUT -> TokenType.OUTPUT;
            case CACHE_READ -> TokenType.CACHE_READ;
            case CACHE_WRITE_5M, CACHE_WRITE_1H -> TokenType.CACHE_WRITE;
            case OTHER -> TokenType.OTHER;
        };
    }
}
