package dev.tally.report.read;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.SequencedMap;

/**
 * How Spark sums money and usage exactly: a line item's value is its exact unscaled integer {@code u} (the value
 * times 10^scale, as DuckDB's {@code CAST(x AS DECIMAL(38, scale))} gives it), held in two BIGINT columns,
 * {@code NAME_hi} and {@code NAME_lo}, with {@code u = hi * 2^20 + lo} and {@code |lo| <= 2^20}. A group sums each as a
 * BIGINT and recombines the two sums once, exactly, into a {@code DECIMAL(38, scale)}. Overflow is an error in Spark's
 * ANSI mode (set by {@link SparkSqlDialect#setup}), never a wrapped or saturated value: a sum of lo overflows only past
 * about 8.8 * 10^12 line items in a group, one of hi past a group total of about 9.6 * 10^12 (money) or
 * 9.6 * 10^14 (usage), and the recombination past 10^13 (money) or 10^15 (usage).
 *
 * <p>Why Spark does not sum decimals as DuckDB does: beyond 18 digits Spark's decimals are {@code BigDecimal} objects,
 * so its sums of {@code DECIMAL(38, 12)} add {@code BigDecimal}s and read and write them in rows as bytes, and its cast
 * of a double to a decimal goes through {@code Double.toString}; JFR put the two at 28% of the executors' CPU in the
 * 20-million-row report (docs/benchmarks.md, "Spark"). Summing these parts instead took that report from 23.1 s to
 * 20.7 s (medians of 6 and 5 alternated runs, 42 s to 38 s of CPU; DuckDB 4.8 s). Why two columns and not a struct of parts: Spark keeps a
 * projection apart from the aggregation above it when the aggregation reads more than one costly field of it, and then
 * builds a struct object per row.
 *
 * <p>A double (Parquet DOUBLE or FLOAT) is rounded exactly as DuckDB's cast does: the product {@code v = x * 10^scale}
 * in binary, rounded half away from zero (C's {@code round}). Spark's own cast rounds the double's shortest decimal
 * text half up instead, which differs in the 12th decimal on about 2% of doubles (8617.3721 is 8617.372100000001 in
 * DuckDB, 8617.372100000000 in Spark's cast). Here, with primitive operations only, each exact: {@code hi} is v / 2^20
 * truncated (a power of two divides a double exactly), {@code r = v - hi * 2^20} is v's remainder (its own bits), and
 * {@code lo} is r rounded half away from zero: r truncated, plus the truncation of twice what that dropped (-1, 0 or
 * 1). Spark's ANSI cast of {@code v / 2^20} to BIGINT is the one bound: NaN, an infinity or |v| of 2^83 or more (a
 * cost of about 9.6 * 10^12 on one line item) is an error.
 *
 * <p>Decimal digits (CSV text, a DECIMAL or integer column) keep Spark's exact decimal cast, which rounds half up as
 * DuckDB's does, then split exactly: {@code h} its integer part, {@code f} its fraction times 10^scale, so
 * {@code u = (h >> 20) * 2^20 * 10^scale + w} with {@code w = (h & (2^20 - 1)) * 10^scale + f}, and
 * {@code hi = (h >> 20) * 10^scale + (w >> 20)}, {@code lo = w & (2^20 - 1)}: the same bound as a double's (ANSI
 * overflow past about 9.6 * 10^12 on one line item).
 */
enum ExactParts {
    MONEY(12),
    QUANTITY(10);

    /** hi counts units of 2^SHIFT; lo holds what is below. */
    private static final int SHIFT = 20;

    private static final String LO_MASK = ((1L << SHIFT) - 1) + "L";

    private final int scale;

    ExactParts(int scale) {
        this.scale = scale;
    }

    /** The two columns holding {@code expr}'s exact value, {@code column_hi} and {@code column_lo}. */
    SequencedMap<String, String> columns(String column, String expr, NumberStorage storage) {
        String[] parts = storage == NumberStorage.FLOATING_POINT ? ofDouble(expr) : ofDecimal(expr);
        SequencedMap<String, String> columns = new LinkedHashMap<>();
        columns.put(column + "_hi", parts[0]);
        columns.put(column + "_lo", parts[1]);
        return columns;
    }

    /**
     * The sum of {@link #columns} as a {@code DECIMAL(38, scale)}. Spark's decimal precision rules are why each BIGINT
     * sum is cast to {@code DECIMAL(19, 0)} and the total to {@code DECIMAL(25, 0)} before it is scaled: every
     * intermediate type stays within 38 digits, where a wider operand would make Spark drop decimals to fit
     * (spark.sql.decimalOperations.allowPrecisionLoss).
     */
    String sum(String column, String filter) {
        String hi = "CAST(sum(" + column + "_hi)" + filter + " AS DECIMAL(19, 0))";
        String lo = "CAST(sum(" + column + "_lo)" + filter + " AS DECIMAL(19, 0))";
        return "CAST(CAST(" + hi + " * " + (1L << SHIFT) + "BD + " + lo + " AS DECIMAL(25, 0)) * "
                + BigDecimal.ONE.movePointLeft(scale).toPlainString() + "BD AS DECIMAL(38, " + scale + "))";
    }

    private String[] ofDouble(String expr) {
        String v = "(CAST(" + expr + " AS DOUBLE) * 1.0E" + scale + "D)";
        String hi = "CAST(" + v + " * " + Math.scalb(1.0, -SHIFT) + "D AS BIGINT)";
        String r = "(" + v + " - " + hi + " * " + Math.scalb(1.0, SHIFT) + "D)";
        String t = "CAST(" + r + " AS BIGINT)";
        return new String[] {hi, t + " + CAST(2.0D * (" + r + " - " + t + ") AS BIGINT)"};
    }

    private String[] ofDecimal(String expr) {
        String d = "CAST(" + expr + " AS DECIMAL(38, " + scale + "))";
        String unit = BigDecimal.ONE.movePointRight(scale).toPlainString();
        String f = "CAST((" + d + " % 1BD) * " + unit + "BD AS BIGINT)";
        String h = "CAST(" + d + " AS BIGINT)";
        String w = "((" + h + " & " + LO_MASK + ") * " + unit + "L + " + f + ")";
        return new String[] {
            "shiftright(" + h + ", " + SHIFT + ") * " + unit + "L + shiftright(" + w + ", " + SHIFT + ")",
            w + " & " + LO_MASK
        };
    }
}
