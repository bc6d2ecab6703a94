package dev.tally.report.read;

import java.util.List;
import java.util.SequencedMap;

/**
 * Spark SQL's spelling of the first step. Spark SQL cannot read a CSV with options in a FROM clause, so each
 * {@link Scan} is a temporary view of that name, which the engine registers from the scan's files before the query
 * (module {@code spark}); strings escape with backslashes; map and list functions have their own names; money and
 * usage are summed as exact BIGINT parts ({@link ExactParts}), not as decimals.
 */
public final class SparkSqlDialect implements SqlDialect {
    public static final SparkSqlDialect INSTANCE = new SparkSqlDialect();

    private SparkSqlDialect() {}

    /**
     * Dates and times are UTC (design.md): timestamps without zone, CSV text and day boundaries read in UTC. ANSI mode
     * (Spark 4's default, set here whatever a cluster's configuration says) makes every overflow in {@link ExactParts}
     * an error, never a wrapped total or a saturated value.
     */
    @Override
    public List<String> setup() {
        return List.of("SET TIME ZONE 'UTC'", "SET spark.sql.ansi.enabled = true");
    }

    @Override
    public SequencedMap<String, String> money(String column, String expr, NumberStorage storage) {
        return ExactParts.MONEY.columns(column, expr, storage);
    }

    @Override
    public SequencedMap<String, String> quantity(String column, String expr, NumberStorage storage) {
        return ExactParts.QUANTITY.columns(column, expr, storage);
    }

    @Override
    public String moneySum(String column, String filter) {
        return ExactParts.MONEY.sum(column, filter);
    }

    @Override
    public String quantitySum(String column, String filter) {
        return ExactParts.QUANTITY.sum(column, filter);
    }

    @Override
    public String identifier(String name) {
        return '`' + name.replace("`", "``") + '`';
    }

    @Override
    public String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Override
    public String text() {
        return "STRING";
    }

    @Override
    public String timestamp(String expr) {
        return "CAST(" + expr + " AS TIMESTAMP)";
    }

    @Override
    public String jsonMap(String expr) {
        return "CASE WHEN " + expr + " IS NULL OR trim(" + expr + ") = '' THEN NULL ELSE from_json(" + expr
                + ", 'MAP<STRING, STRING>') END";
    }

    @Override
    public String mapValue(String map, String key) {
        return "try_element_at(" + map + ", " + literal(key) + ")";
    }

    /** Spark's {@code trim} removes spaces (U+0020) only, as DuckDB's {@code trim(key, ' ')}; strings sort by bytes. */
    @Override
    public String keyScan(String map, String wanted) {
        return "try_element_at(array_sort(filter(map_entries(" + map + "), e -> lower(trim(e.key)) = " + literal(wanted)
                + " AND e.value <> '')), 1).value";
    }

    @Override
    public String startsWith(String expr, String prefix) {
        return "startswith(" + expr + ", " + literal(prefix) + ")";
    }

    @Override
    public String contains(String expr, String part) {
        return "contains(" + expr + ", " + literal(part) + ")";
    }

    /** Spark's row_number needs an order; the partition's own key is constant, so it sorts nothing. */
    @Override
    public String copiesWindow() {
        return "row_number() OVER (PARTITION BY line_item_id, time_interval ORDER BY line_item_id)";
    }

    @Override
    public String from(Scan scan) {
        return identifier(scan.name());
    }
}
