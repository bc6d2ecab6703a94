package dev.tally.report.query;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One row of DuckDB's first aggregation: the raw column values a report needs (null where not asked for or
 * missing) and the exact sums. The engine turns these into dimension values in Java, so each rule is
 * written once, on the types in core. Rows from the gateway's ledger ({@link LedgerSource}) have the same
 * shape, with {@code source} {@code ledger} instead of {@code bill}.
 */
record RawGroup(
        LocalDate usageDay,
        String accountId,
        String service,
        String region,
        String usageType,
        String operation,
        String principalArn,
        String marketplaceProduct,
        String unit,
        String currency,
        List<String> tags,
        BigDecimal cost,
        BigDecimal usage,
        long rows,
        long duplicates,
        String source) {
    static final String BILL = "bill";
    static final String LEDGER = "ledger";

    /** A row read from a billing export. */
    RawGroup(
            LocalDate usageDay,
            String accountId,
            String service,
            String region,
            String usageType,
            String operation,
            String principalArn,
            String marketplaceProduct,
            String unit,
            String currency,
            List<String> tags,
            BigDecimal cost,
            BigDecimal usage,
            long rows,
            long duplicates) {
        this(
                usageDay,
                accountId,
                service,
                region,
                usageType,
                operation,
                principalArn,
                marketplaceProduct,
                unit,
                currency,
                tags,
                cost,
                usage,
                rows,
                duplicates,
                BILL);
    }
}
