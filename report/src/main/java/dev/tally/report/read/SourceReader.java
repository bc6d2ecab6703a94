package dev.tally.report.read;

import dev.tally.core.error.TallyException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        for (int i = 0; i < plan.tagKeys().size(); i++) {
            tagExprs.add(tag(columns, plan.tagKeys().get(i)) + " AS " + ReadPlan.tagColumn(i));
        }
        String projection = exprs.entrySet().stream().map(e -> e.getValue() + " AS " + e.getKey()).collect(Collectors.joining(", "));
        if (!tagExprs.isEmpty()) {
            projection += ", " + String.join(", ", tagExprs);
        }
        return "SELECT " + projection + " FROM " + scan(files, first.container());
    }

    /** Fills the common columns, in the documented order. */
    abstract void project(Columns columns, ReadPlan plan, Map<String, String> exprs);

    /** SQL for the value of tag {@code key} (lower case), or NULL. */
    abstract String tag(Columns columns, String key);

    /** Values DuckDB should read as NULL in this format's CSV. */
    List<String> nullStrings() {
        return List.of("");
    }

    private String scan(List<SourceFile> files, Container container) {
        String list = files.stream().map(f -> "'" + Sql.string(f.path().toString()) + "'").collect(Collectors.joining(", ", "[", "]"));
        if (container == Container.PARQUET) {
            return "read_parquet(" + list + ", union_by_name = true)";
        }
        String nulls = nullStrings().stream().map(s -> "'" + Sql.string(s) + "'").collect(Collectors.joining(", ", "[", "]"));
        return "read_csv(" + list + ", header = true, all_varchar = true, union_by_name = true, delim = ',', quote = '\"',"
                + " escape = '\"', nullstr = " + nulls + ", compression = '" + (container == Container.CSV_GZ ? "gzip" : "none") + "')";
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

    /**
     * Case-insensitive, trimmed lookup of {@code prefix + key} in a MAP(VARCHAR, VARCHAR); empty values count as
     * missing. Measured on 20 million rows, scanning every map entry with a lambda cost more than the rest of
     * the query, so the usual spellings ({@code iamPrincipal/Project}, {@code iamPrincipal/project}) are plain
     * subscripts, and the scan runs only on rows whose key list, as one lower-cased string, holds the key at
     * all (the FOCUS sample's {@code " org"}).
     */
    static String mapLookup(String mapExpr, String prefix, String key) {
        StringBuilder sql = new StringBuilder("CASE");
        for (String spelling : spellings(prefix, key)) {
            String value = mapExpr + "['" + Sql.string(spelling) + "']";
            sql.append(" WHEN nullif(").append(value).append(", '') IS NOT NULL THEN ").append(value);
        }
        String wanted = Sql.string((prefix + key).toLowerCase(java.util.Locale.ROOT));
        // cardinality first: a third of the rows of a typical export carry no principal tags at all.
        return sql.append(" WHEN cardinality(").append(mapExpr).append(") > 0 AND contains(lower(CAST(map_keys(").append(mapExpr)
                .append(") AS VARCHAR)), '").append(wanted)
                .append("') THEN tally_tag(").append(mapExpr).append(", '").append(wanted).append("') END").toString();
    }

    private static java.util.Set<String> spellings(String prefix, String key) {
        String capitalized = key.isEmpty() ? key : Character.toUpperCase(key.charAt(0)) + key.substring(1);
        return new java.util.LinkedHashSet<>(List.of(prefix + capitalized, prefix + key));
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
            return files.stream().flatMap(f -> f.column(name).stream()).findFirst().map(Sql::identifier).orElse("NULL");
        }

        /** The quoted column; every file must have it. */
        String required(String name, String why) {
            for (SourceFile f : files) {
                if (!f.has(name)) {
                    throw TallyException.badData(f.path() + ": " + f.format().label() + " file has no column " + name + " (" + why + ")");
                }
            }
            return Sql.identifier(files.get(0).column(name).orElseThrow());
        }

        List<String> startingWith(String prefix) {
            return files.stream().flatMap(f -> f.columnsStartingWith(prefix).stream()).distinct().toList();
        }

        Container container() {
            return files.get(0).container();
        }
    }
}
