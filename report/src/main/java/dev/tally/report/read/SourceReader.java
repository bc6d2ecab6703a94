package dev.tally.report.read;

import dev.tally.core.error.TallyException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Maps one export format onto the columns every reader yields, as SQL over DuckDB's scan of the files. The
 * engine groups and filters only these columns, so a new format is one more subclass.
 *
 * <p>Columns, in order: {@code usage_start} (TIMESTAMP, UTC), {@code account_id}, {@code service},
 * {@code billing_entity}, {@code region}, {@code usage_type}, {@code operation}, {@code line_item_type},
 * {@code principal_arn}, {@code marketplace_product} (the product name of Marketplace rows, which name their model), {@code unit}, {@code usage_amount} (DECIMAL), {@code cost}
 * (DECIMAL), {@code currency}, {@code line_item_id}, {@code time_interval}, {@code is_bedrock} and one
 * {@code tag_N} per planned tag key.
 */
public abstract sealed class SourceReader permits Cur2Reader, Cur1Reader, FocusReader {
    /** Exact decimals: sums of money never go through floating point. */
    static final String MONEY = "DECIMAL(38, 12)";

    static final String QUANTITY = "DECIMAL(38, 10)";

    /**
     * What every reader's SQL relies on, run once per connection: UTC dates, the tag lookup, JSON maps of CSV exports.
     * Parquet footers are kept once read: format detection's DESCRIBE reads each file's, and the report's query would
     * read it again (about 20 ms for a 20M-row CUR's 163 row groups); the connection lives for one report.
     */
    public static final List<String> SETUP = List.of(
            "SET TimeZone = 'UTC'",
            "SET parquet_metadata_cache = true",
            MapLookup.MACRO,
            "CREATE MACRO tally_json_map(j) AS CASE WHEN j IS NULL OR trim(j) = '' THEN NULL ELSE CAST(CAST(j AS JSON) AS MAP(VARCHAR, VARCHAR)) END");

    public static SourceReader of(SourceFormat format) {
        return switch (format) {
            case CUR2 -> new Cur2Reader();
            case CUR1 -> new Cur1Reader();
            case FOCUS -> new FocusReader();
        };
    }

    /** A SELECT over all of {@code files} (same format and container) yielding the common columns. */
    public final String select(List<SourceFile> files, ReadPlan plan) {
        SourceFile first = files.get(0);
        Columns columns = new Columns(files);
        Map<String, String> exprs = new LinkedHashMap<>();
        project(columns, plan, exprs);
        List<String> tagExprs = new ArrayList<>();
        for (int i = 0; i < plan.tags().size(); i++) {
            tagExprs.add(tag(columns, plan.tags().get(i)) + " AS " + ReadPlan.tagColumn(i));
        }
        String projection = exprs.entrySet().stream()
                .map(e -> e.getValue() + " AS " + e.getKey())
                .collect(Collectors.joining(", "));
        if (!tagExprs.isEmpty()) {
            projection += ", " + String.join(", ", tagExprs);
        }
        return "SELECT " + projection + " FROM " + scan(files, first.container());
    }

    /** Fills the common columns, in the documented order. */
    abstract void project(Columns columns, ReadPlan plan, Map<String, String> exprs);

    /** SQL for the tag's value, or NULL. */
    abstract String tag(Columns columns, TagLookup tag);

    /** Values DuckDB should read as NULL in this format's CSV. */
    List<String> nullStrings() {
        return List.of("");
    }

    private String scan(List<SourceFile> files, Container container) {
        String list = files.stream()
                .map(f -> "'" + Sql.string(f.path().toString()) + "'")
                .collect(Collectors.joining(", ", "[", "]"));
        if (container == Container.PARQUET) {
            return "read_parquet(" + list + ", union_by_name = true)";
        }
        String nulls =
                nullStrings().stream().map(s -> "'" + Sql.string(s) + "'").collect(Collectors.joining(", ", "[", "]"));
        return "read_csv(" + list
                + ", header = true, all_varchar = true, union_by_name = true, delim = ',', quote = '\"',"
                + " escape = '\"', nullstr = " + nulls + ", compression = '"
                + (container == Container.CSV_GZ ? "gzip" : "none") + "')";
    }

    static String timestamp(String expr) {
        return "CAST(CAST(" + expr + " AS TIMESTAMPTZ) AS TIMESTAMP)";
    }

    /** The product name only where the billing entity is AWS Marketplace: other rows need no map lookup. */
    static String marketplaceOnly(String billingEntity, String productName) {
        return "CASE WHEN " + billingEntity + " = 'AWS Marketplace' THEN " + productName + " END";
    }

    static String money(String expr) {
        return "CAST(" + expr + " AS " + MONEY + ")";
    }

    static String quantity(String expr) {
        return "CAST(" + expr + " AS " + QUANTITY + ")";
    }

    /** The files' columns, found case-insensitively across all of them (files may differ: union by name). */
    static final class Columns {
        private final List<SourceFile> files;

        Columns(List<SourceFile> files) {
            this.files = files;
        }

        boolean has(String name) {
            return files.stream().anyMatch(f -> f.has(name));
        }

        /** The quoted column, or NULL when no file has it. */
        String optional(String name) {
            return files.stream()
                    .flatMap(f -> f.column(name).stream())
                    .findFirst()
                    .map(Sql::identifier)
                    .orElse("NULL");
        }

        /** The quoted column; every file must have it. */
        String required(String name, String why) {
            for (SourceFile f : files) {
                if (!f.has(name)) {
                    throw TallyException.badData(
                            f.path() + ": " + f.format().label() + " file has no column " + name + " (" + why + ")");
                }
            }
            return Sql.identifier(files.get(0).column(name).orElseThrow());
        }

        /** Every key of a MAP column, where every file's Parquet dictionaries tell them exactly. */
        Optional<Set<String>> mapKeys(String name) {
            Set<String> keys = new HashSet<>();
            for (SourceFile f : files) {
                Optional<String> column = f.column(name);
                if (column.isPresent()) {
                    Set<String> known = f.mapKeys().get(column.get());
                    if (known == null) {
                        return Optional.empty();
                    }
                    keys.addAll(known);
                }
            }
            return Optional.of(keys);
        }

        List<String> startingWith(String prefix) {
            return files.stream()
                    .flatMap(f -> f.columnsStartingWith(prefix).stream())
                    .distinct()
                    .toList();
        }

        Container container() {
            return files.get(0).container();
        }
    }
}
