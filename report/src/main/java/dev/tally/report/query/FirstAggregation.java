package dev.tally.report.query;

import dev.tally.report.read.ReadPlan;
import dev.tally.report.read.Scan;
import dev.tally.report.read.SourceFile;
import dev.tally.report.read.SourceFormat;
import dev.tally.report.read.SourceReader;
import dev.tally.report.read.SqlDialect;
import dev.tally.report.read.TagLookup;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The SQL of a report's first step, the same for every engine (their differences are their {@link SqlDialect}):
 * every input read through its format's {@link SourceReader}, filtered, and aggregated by only the raw columns the
 * asked dimensions need (the others are constant NULLs, so the rows keep one shape for {@link RawGroup}). Its result
 * columns, by position: the group keys of {@link #TEXT_COLUMNS}, one per planned tag, then the sums of
 * {@link #read}.
 */
final class FirstAggregation {
    /** The leading text columns of every result row, in order. */
    static final List<String> TEXT_COLUMNS = List.of(
            "usage_day",
            "account_id",
            "service",
            "region",
            "usage_type",
            "operation",
            "principal_arn",
            "unit",
            "currency");

    private static final Set<Dimension.Kind> TIME =
            EnumSet.of(Dimension.Kind.DAY, Dimension.Kind.WEEK, Dimension.Kind.MONTH);
    private static final Set<Dimension.Kind> PRINCIPAL =
            EnumSet.of(Dimension.Kind.PRINCIPAL, Dimension.Kind.ROLE, Dimension.Kind.SESSION, Dimension.Kind.USER);

    /**
     * Marketplace rows name their model only in the product name, which rides in the usage type's group key after
     * this character (usage types never hold it): one key column instead of two, about 5% of the aggregation on the
     * benchmark's 20 million rows (docs/benchmarks.md).
     */
    static final char PRODUCT_SEPARATOR = '\u001f';

    private FirstAggregation() {}

    /** The usage type of a group key. */
    private static @Nullable String usageType(@Nullable String key) {
        if (key == null) {
            return null;
        }
        int at = key.indexOf(PRODUCT_SEPARATOR);
        return at < 0 ? key : key.substring(0, at);
    }

    /** The Marketplace product name of a group key, or null. */
    private static @Nullable String marketplaceProduct(@Nullable String key) {
        if (key == null) {
            return null;
        }
        int at = key.indexOf(PRODUCT_SEPARATOR);
        return at < 0 ? null : key.substring(at + 1);
    }

    /**
     * Reads the first aggregation's result rows, in the columns {@link FirstAggregation} documents, keeping one copy
     * of each distinct text: the driver makes a new string per cell, and the dashboard's 2 million raw groups of 20
     * million line items, each holding a dozen such copies, took gigabytes of heap (docs/benchmarks.md), though they
     * have only thousands of distinct values.
     */
    static Function<ResultRow, RawGroup> reader(int tagCount) {
        Map<String, String> texts = new HashMap<>();
        Map<String, LocalDate> days = new HashMap<>();
        return row -> read(row, tagCount, texts, days);
    }

    private static RawGroup read(ResultRow row, int tagCount, Map<String, String> texts, Map<String, LocalDate> days) {
        UnaryOperator<@Nullable String> once = s -> {
            if (s == null) {
                return null;
            }
            String kept = texts.putIfAbsent(s, s);
            return kept == null ? s : kept;
        };
        List<@Nullable String> tags = new ArrayList<>(tagCount);
        int at = TEXT_COLUMNS.size();
        for (int i = 0; i < tagCount; i++) {
            tags.add(once.apply(row.text(at + i)));
        }
        at += tagCount;
        String day = row.text(0);
        String usageKey = once.apply(row.text(4));
        BigDecimal cost = row.decimal(at);
        return new RawGroup(
                day == null ? null : days.computeIfAbsent(day, LocalDate::parse),
                once.apply(row.text(1)),
                once.apply(row.text(2)),
                once.apply(row.text(3)),
                once.apply(usageType(usageKey)),
                once.apply(row.text(5)),
                once.apply(row.text(6)),
                once.apply(marketplaceProduct(usageKey)),
                once.apply(row.text(7)),
                once.apply(row.text(8)),
                tags,
                cost == null ? BigDecimal.ZERO : cost,
                row.decimal(at + 1),
                row.count(at + 2),
                row.count(at + 3),
                RawGroup.BILL);
    }

    static FirstQuery query(List<SourceFile> files, ReportRequest request, List<TagLookup> tags, SqlDialect sql) {
        List<Scan> scans = scans(files);
        String union = union(scans, new ReadPlan(request.costBasis(), tags), sql);
        String keys = String.join(", ", groupKeys(request, tags.size(), sql));
        String where = filters(request);
        // The same line item read twice (overlapping exports, an export version kept beside the next) counts
        // once. Only a multi-file read can hold a repeat, so one file skips the window's cost.
        boolean dedupe = files.size() > 1 && files.stream().anyMatch(f -> f.format() != SourceFormat.FOCUS);
        if (!dedupe) {
            return new FirstQuery(
                    "SELECT " + keys + ", " + sql.moneySum("cost", "") + " AS cost, "
                            + sql.quantitySum("usage_amount", "")
                            + " AS usage, count(*) AS line_items, 0 AS duplicates FROM (" + union + ") src" + where
                            + " GROUP BY ALL",
                    scans,
                    tags.size());
        }
        String copies = "(SELECT *, CASE WHEN line_item_id IS NULL THEN 1 ELSE " + sql.copiesWindow()
                + " END AS tally_copy FROM (" + union + ") lines" + where + ")";
        String first = " FILTER (WHERE tally_copy = 1)";
        return new FirstQuery(
                "SELECT " + keys + ", " + sql.moneySum("cost", first) + " AS cost, "
                        + sql.quantitySum("usage_amount", first) + " AS usage, count(*)" + first
                        + " AS line_items, count(*) FILTER (WHERE tally_copy > 1) AS duplicates FROM " + copies
                        + " src GROUP BY ALL",
                scans,
                tags.size());
    }

    /** One scan per format and container, so an export of a thousand files is one read_parquet, not a thousand. */
    private static List<Scan> scans(List<SourceFile> files) {
        Map<String, List<SourceFile>> byKind = new LinkedHashMap<>();
        for (SourceFile f : files) {
            byKind.computeIfAbsent(f.format() + "/" + f.container(), k -> new ArrayList<>())
                    .add(f);
        }
        List<Scan> scans = new ArrayList<>();
        for (List<SourceFile> group : byKind.values()) {
            scans.add(SourceReader.of(group.get(0).format()).scan("tally_scan_" + scans.size(), group));
        }
        return scans;
    }

    private static String union(List<Scan> scans, ReadPlan plan, SqlDialect sql) {
        return scans.stream()
                .map(scan -> SourceReader.of(scan.files().get(0).format()).select(scan, plan, sql))
                .collect(Collectors.joining("\nUNION ALL\n"));
    }

    private static List<String> groupKeys(ReportRequest request, int tagCount, SqlDialect sql) {
        Set<Dimension.Kind> kinds = EnumSet.noneOf(Dimension.Kind.class);
        request.by().forEach(d -> kinds.add(d.kind()));
        request.where().forEach(c -> kinds.add(c.dimension().kind()));
        if (request.by().isEmpty()) {
            kinds.add(Dimension.Kind.PRINCIPAL);
        }
        boolean day = request.series() || kinds.stream().anyMatch(TIME::contains);
        List<String> keys = new ArrayList<>();
        String noText = "CAST(NULL AS " + sql.text() + ")";
        keys.add((day ? "CAST(CAST(usage_start AS DATE) AS " + sql.text() + ")" : noText) + " AS usage_day");
        keys.add(column("account_id", kinds.contains(Dimension.Kind.ACCOUNT), noText));
        // A Marketplace row's product code is opaque; its product name says which model it is.
        keys.add(
                kinds.contains(Dimension.Kind.SERVICE)
                        ? "coalesce(marketplace_product, service) AS service"
                        : column("service", false, noText));
        keys.add(column("region", kinds.contains(Dimension.Kind.REGION), noText));
        keys.add(
                kinds.contains(Dimension.Kind.MODEL)
                        ? "CASE WHEN marketplace_product IS NULL THEN usage_type ELSE concat(usage_type, chr("
                                + (int) PRODUCT_SEPARATOR + "), marketplace_product) END AS usage_type"
                        : "usage_type");
        keys.add(column("operation", kinds.contains(Dimension.Kind.OPERATION), noText));
        keys.add(column("principal_arn", kinds.stream().anyMatch(PRINCIPAL::contains), noText));
        keys.add("unit");
        keys.add("currency");
        for (int i = 0; i < tagCount; i++) {
            keys.add(ReadPlan.tagColumn(i));
        }
        return keys;
    }

    private static String filters(ReportRequest request) {
        List<String> filters = new ArrayList<>();
        if (!request.allServices()) {
            filters.add("is_bedrock");
        }
        request.from().ifPresent(d -> filters.add("usage_start >= TIMESTAMP '" + d + " 00:00:00'"));
        request.to().ifPresent(d -> filters.add("usage_start < TIMESTAMP '" + d + " 00:00:00'"));
        return filters.isEmpty() ? "" : " WHERE " + String.join(" AND ", filters);
    }

    private static String column(String name, boolean needed, String noText) {
        return needed ? name : noText + " AS " + name;
    }
}
