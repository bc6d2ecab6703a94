package dev.tally.report.query;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One row of DuckDB's first aggregation: the raw column values a report needs (null where not asked for or
 * missing) and the exact sums. The engine turns these into dimension values in Java, so each rule is
 * written once, on the types in core.
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
        long duplicates) {}
