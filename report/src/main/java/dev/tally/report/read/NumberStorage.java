package dev.tally.report.read;

/**
 * How the files hold a number column (a cost, a usage amount), which decides how an engine turns it into an exact
 * decimal: {@link SqlDialect#money} must give DuckDB's {@code CAST(x AS DECIMAL(38, 12))} on every engine, and that
 * cast rounds a binary double differently from decimal digits.
 */
public enum NumberStorage {
    /** Binary floating point: Parquet DOUBLE or FLOAT, as CUR 2.0 and Athena-style legacy CUR hold costs. */
    FLOATING_POINT,
    /** Decimal digits: CSV text, or a Parquet DECIMAL or integer column. */
    DECIMAL
}
