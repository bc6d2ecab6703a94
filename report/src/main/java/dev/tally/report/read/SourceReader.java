package dev.tally.report.read;

import dev.tally.core.error.TallyException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Maps one export format onto the columns every reader yields, as SQL over a scan of the files in the engine's
 * {@link SqlDialect}. The engine groups and filters only these columns, so a new format is one more subclass.
 *
 * <p>Columns, in order: {@code usage_start} (TIMESTAMP, UTC), {@code account_id}, {@code service},
 * {@code billing_entity}, {@code region}, {@code usage_type}, {@code operation}, {@code line_item_type},
 * {@code principal_arn}, {@code marketplace_product} (the product name of Marketplace rows, which name their model), {@code unit}, {@code usage_amount} and {@code cost}
 * (exact numbers, in the columns of the dialect's {@link SqlDialect#quantity} and {@link SqlDialect#money}: one DECIMAL
 * column each on DuckDB), {@code currency}, {@code line_item_id}, {@code time_interval}, {@code is_bedrock} and one
 * {@code tag_N} per planned tag key.
 */
public abstract sealed class SourceReader permits Cur2Reader, Cur1Reader, FocusReader {
    public static SourceReader of(SourceFormat format) {
        return switch (format) {
            case CUR2 -> new Cur2Reader();
            case CUR1 -> new Cur1Reader();
            case FOCUS -> new FocusReader();
        };
    }

    /** The scan of {@code files} (same format and container) this reader's SELECT reads from. */
    public final Scan scan(String name, List<SourceFile> files) {
        return new Scan(name, files, files.get(0).container(), nullStrings());
    }

    /** A SELECT over {@code scan} yielding the common columns. */
    public final String select(Scan scan, ReadPlan plan, SqlDialect sql) {
        Columns columns = new Columns(scan.files(), sql);
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
        return "SELECT " + projection + " FROM " + sql.from(scan);
    }

    /** Fills the common columns, in the documented order. */
    abstract void project(Columns columns, ReadPlan plan, Map<String, String> exprs);

    /** SQL for the tag's value, or NULL. */
    abstract String tag(Columns columns, TagLookup tag);

    /** Values to read as NULL in this format's CSV. */
    List<String> nullStrings() {
        return List.of("");
    }

    /** The product name only where the billing entity is AWS Marketplace: other rows need no map lookup. */
    static String marketplaceOnly(String billingEntity, String productName) {
        return "CASE WHEN " + billingEntity + " = 'AWS Marketplace' THEN " + productName + " END";
    }

    /**
     * The files' columns, found case-insensitively across all of them (files may differ: union by name), and the
     * dialect their SQL is written in.
     */
    static final class Columns {
        private final List<SourceFile> files;
        private final SqlDialect sql;

        Columns(List<SourceFile> files, SqlDialect sql) {
            this.files = files;
            this.sql = sql;
        }

        SqlDialect sql() {
            return sql;
        }

        boolean has(String name) {
            return files.stream().anyMatch(f -> f.has(name));
        }

        /** The quoted column, or NULL when no file has it. */
        String optional(String name) {
            return files.stream()
                    .flatMap(f -> f.column(name).stream())
                    .findFirst()
                    .map(sql::identifier)
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
            return sql.identifier(files.get(0).column(name).orElseThrow());
        }

        /** A map column as a map of text to text: CSV exports hold it as a JSON object string. */
        String map(String name) {
            String column = optional(name);
            return container() == Container.PARQUET ? column : sql.jsonMap(column);
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

        /** The exact {@code cost} column(s) from the cost basis's {@code column}, which the report needs. */
        SequencedMap<String, String> cost(String column, CostBasis basis) {
            String why = "asked for by the " + (basis == CostBasis.NET ? "net" : "unblended") + " cost basis";
            return sql.money("cost", required(column, why), storage(column));
        }

        /** The exact {@code usage_amount} column(s) from {@code column}, NULL where the files lack it. */
        SequencedMap<String, String> usageAmount(String column) {
            return sql.quantity("usage_amount", optional(column), storage(column));
        }

        /**
         * How the files hold a number column: binary floating point when any file holds it so (engines reading files
         * of both kinds at once widen the column to DOUBLE), else decimal digits (always in CSV).
         */
        private NumberStorage storage(String name) {
            return files.stream().anyMatch(f -> f.isFloatingPoint(name))
                    ? NumberStorage.FLOATING_POINT
                    : NumberStorage.DECIMAL;
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
