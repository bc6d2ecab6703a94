package dev.tally.report.query;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One row of DuckDB's first aggregation: the raw column values a report needs (null where not asked for or
 * missing) and the exact sums. The engine turns these into dimension values in Java, so each rule is
 * written once, on the types in core. Rows from the gateway's ledger ({@link LedgerSource}) have the same
 * shape, with {@code source} {@code ledger} instead of {@code bill}.
 */
record RawGroup(
        @Nullable LocalDate usageDay,
        @Nullable String accountId,
        @Nullable String service,
        @Nullable String region,
        @Nullable String usageType,
        @Nullable String operation,
        @Nullable String principalArn,
        @Nullable String marketplaceProduct,
        @Nullable String unit,
        @Nullable String currency,
        List<@Nullable String> tags,
        BigDecimal cost,
        @Nullable BigDecimal usage,
        long rows,
        long duplicates,
        String source) {
    static final String BILL = "bill";
    static final String LEDGER = "ledger";
}
