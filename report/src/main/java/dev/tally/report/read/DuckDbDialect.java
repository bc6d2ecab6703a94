package dev.tally.report.read;

import java.util.List;
import java.util.stream.Collectors;

/** DuckDB's spelling of the first step: its scans of the files inline, macros for the tag lookup and JSON maps. */
public final class DuckDbDialect implements SqlDialect {
    public static final DuckDbDialect INSTANCE = new DuckDbDialect();

    /**
     * The per-row tag lookup when a map's keys are not known: the first entry in byte order of key whose trimmed,
     * lower-cased key is {@code k} and whose value is not empty.
     */
    private static final String TAG_MACRO = "CREATE MACRO tally_tag(m, k) AS"
            + " list_sort(list_filter(map_entries(m), lambda e: lower(trim(e.key, ' ')) = k AND e.value <> ''))[1].value";

    /**
     * Run once per connection. Parquet footers are kept once read: format detection's DESCRIBE reads each file's, and
     * the report's query would read it again (about 20 ms for a 20M-row CUR's 163 row groups); the connection lives
     * for one report.
     */
    private static final List<String> SETUP = List.of(
            "SET TimeZone = 'UTC'",
            "SET parquet_metadata_cache = true",
            TAG_MACRO,
            "CREATE MACRO tally_json_map(j) AS CASE WHEN j IS NULL OR trim(j) = '' THEN NULL ELSE CAST(CAST(j AS JSON) AS MAP(VARCHAR, VARCHAR)) END");

    private DuckDbDialect() {}

    @Override
    public List<String> setup() {
        return SETUP;
    }

    @Override
    public String identifier(String name) {
        return Sql.identifier(name);
    }

    @Override
    public String literal(String text) {
        return "'" + Sql.string(text) + "'";
    }

    @Override
    public String text() {
        return "VARCHAR";
    }

    @Override
    public String timestamp(String expr) {
        return "CAST(CAST(" + expr + " AS TIMESTAMPTZ) AS TIMESTAMP)";
    }

    @Override
    public String jsonMap(String expr) {
        return "tally_json_map(" + expr + ")";
    }

    @Override
    public String mapValue(String map, String key) {
        return map + "[" + literal(key) + "]";
    }

    /**
     * Measured on 20 million rows, scanning every map entry with a lambda costs more than the rest of the query: the
     * scan runs only on rows whose key list, as one lower-cased string, holds the key at all (cardinality first: a
     * third of the rows of a typical export carry no principal tags at all).
     */
    @Override
    public String keyScan(String map, String wanted) {
        return "CASE WHEN cardinality(" + map + ") > 0 AND contains(lower(CAST(map_keys(" + map + ") AS VARCHAR)), "
                + literal(wanted) + ") THEN tally_tag(" + map + ", " + literal(wanted) + ") END";
    }

    @Override
    public String startsWith(String expr, String prefix) {
        return "starts_with(" + expr + ", " + literal(prefix) + ")";
    }

    @Override
    public String contains(String expr, String part) {
        return "contains(" + expr + ", " + literal(part) + ")";
    }

    /** Which copy is first does not matter: copies of a line item are the same row. No ORDER BY: it would sort. */
    @Override
    public String copiesWindow() {
        return "row_number() OVER (PARTITION BY line_item_id, time_interval)";
    }

    @Override
    public String from(Scan scan) {
        String list = scan.files().stream()
                .map(f -> literal(f.path().toString()))
                .collect(Collectors.joining(", ", "[", "]"));
        if (scan.container() == Container.PARQUET) {
            return "read_parquet(" + list + ", union_by_name = true)";
        }
        String nulls = scan.nullStrings().stream().map(this::literal).collect(Collectors.joining(", ", "[", "]"));
        return "read_csv(" + list
                + ", header = true, all_varchar = true, union_by_name = true, delim = ',', quote = '\"',"
                + " escape = '\"', nullstr = " + nulls + ", compression = '"
                + (scan.container() == Container.CSV_GZ ? "gzip" : "none") + "')";
    }
}
