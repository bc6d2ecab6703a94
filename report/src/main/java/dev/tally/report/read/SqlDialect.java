package dev.tally.report.read;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/**
 * Where the SQL of a report's first step differs between the engines that run it. The readers and the first
 * aggregation say what to compute once, in engine-neutral terms; each engine's spelling of a quoted name, a map
 * lookup, a JSON map, a timestamp or a scan of the files lives in one implementation: {@link DuckDbDialect},
 * {@link SparkSqlDialect}.
 */
public sealed interface SqlDialect permits DuckDbDialect, SparkSqlDialect {
    /** Statements run once per connection or session before the query. */
    List<String> setup();

    /** A quoted column name (CUR 1.0 columns hold '/' and ':'). */
    String identifier(String name);

    /** A string literal, quoted. */
    String literal(String text);

    /** The SQL type of text, for casts. */
    String text();

    /**
     * The columns that hold a line item's money, exactly: the value of DuckDB's {@code CAST(expr AS DECIMAL(38, 12))}
     * on every engine (a double is scaled by 10^12 in binary and rounded half away from zero; decimal digits are
     * rounded half up), in the engine's representation, which only {@link #moneySum} reads: DuckDB's is that one
     * DECIMAL column, named {@code column}; others may use several, named {@code column} and a suffix. Sums of money
     * never go through floating point.
     */
    default SequencedMap<String, String> money(String column, String expr, NumberStorage storage) {
        return one(column, "CAST(" + expr + " AS DECIMAL(38, 12))");
    }

    /** The columns that hold a line item's usage amount: DuckDB's {@code CAST(expr AS DECIMAL(38, 10))}, as {@link #money}. */
    default SequencedMap<String, String> quantity(String column, String expr, NumberStorage storage) {
        return one(column, "CAST(" + expr + " AS DECIMAL(38, 10))");
    }

    /**
     * The exact sum of the {@link #money} in {@code column} as a {@code DECIMAL(38, 12)}, over the rows {@code filter}
     * keeps ({@code ""}, or {@code " FILTER (WHERE ...)"}); NULL when it sums no value.
     */
    default String moneySum(String column, String filter) {
        return "sum(" + column + ")" + filter;
    }

    /** The exact sum of the {@link #quantity} in {@code column} as a {@code DECIMAL(38, 10)}, as {@link #moneySum}. */
    default String quantitySum(String column, String filter) {
        return "sum(" + column + ")" + filter;
    }

    private static SequencedMap<String, String> one(String column, String expr) {
        SequencedMap<String, String> columns = new LinkedHashMap<>();
        columns.put(column, expr);
        return columns;
    }

    /** A timestamp column or ISO-8601 text as a UTC timestamp without zone. */
    String timestamp(String expr);

    /** A JSON object string (CSV exports' maps) as a map of text to text; NULL or blank is NULL. */
    String jsonMap(String expr);

    /** The value of {@code key} in a map, or NULL. */
    String mapValue(String map, String key);

    /**
     * Per row: the first entry in byte order of key whose key, trimmed of spaces and lower-cased, is {@code wanted}
     * and whose value is not empty; NULL when there is none.
     */
    String keyScan(String map, String wanted);

    String startsWith(String expr, String prefix);

    String contains(String expr, String part);

    /** The window that numbers the copies of one line item (the first aggregation counts copy 1 only). */
    String copiesWindow();

    /** The table expression that reads {@code scan}'s files. */
    String from(Scan scan);
}
