package dev.tally.cur;

import dev.tally.core.io.AtomicFile;
import dev.tally.core.io.JsonText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes CUR 2.0 files with every column of {@link Cur2Schema} in AWS's types: Parquet, or CSV where maps
 * are JSON strings and timestamps ISO-8601 in UTC, as AWS writes them. A file appears only whole: DuckDB
 * writes a temporary file beside the target, which is then renamed over it.
 */
public final class Cur2Writer {
    private Cur2Writer() {}

    /** Writes line items to {@code out}, in the format its extension names. */
    public static void write(List<CurLineItem> items, Path out) {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement s = duck.createStatement()) {
                s.execute("SET TimeZone = 'UTC'");
                s.execute("""
                        CREATE TEMP TABLE items (
                          identity_line_item_id VARCHAR, identity_time_interval VARCHAR,
                          line_item_usage_start_date TIMESTAMP, line_item_usage_end_date TIMESTAMP,
                          bill_billing_period_start_date TIMESTAMP, bill_billing_period_end_date TIMESTAMP,
                          bill_payer_account_id VARCHAR, line_item_usage_account_id VARCHAR, bill_billing_entity VARCHAR,
                          bill_bill_type VARCHAR, line_item_line_item_type VARCHAR, line_item_product_code VARCHAR,
                          product_name VARCHAR, line_item_usage_type VARCHAR, line_item_operation VARCHAR,
                          product_region_code VARCHAR, line_item_resource_id VARCHAR, line_item_iam_principal VARCHAR,
                          line_item_usage_amount DOUBLE, pricing_unit VARCHAR, line_item_unblended_rate VARCHAR,
                          line_item_unblended_cost DOUBLE, line_item_net_unblended_rate VARCHAR,
                          line_item_net_unblended_cost DOUBLE, line_item_currency_code VARCHAR,
                          line_item_line_item_description VARCHAR, tags_json VARCHAR, resource_tags_json VARCHAR)""");
            }
            try (PreparedStatement insert = duck.prepareStatement(
                    "INSERT INTO items VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'Anniversary', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (CurLineItem item : items) {
                    bind(insert, item);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            write(duck, """
                    SELECT * EXCLUDE (product_name, tags_json, resource_tags_json),
                           MAP {'product_name': product_name} AS product,
                           CAST(tags_json::JSON AS MAP(VARCHAR, VARCHAR)) AS tags,
                           CAST(resource_tags_json::JSON AS MAP(VARCHAR, VARCHAR)) AS resource_tags
                    FROM items""", out);
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("cannot write " + out + ": " + e.getMessage(), e));
        }
    }

    /**
     * Writes the rows of {@code query} to {@code out}. The query yields any subset of the CUR 2.0 columns by
     * their names; the others are written as null, or empty maps.
     */
    public static void write(Connection duck, String query, Path out) throws SQLException {
        CurFormat format = CurFormat.forPath(out);
        Set<String> present = columnsOf(duck, query);
        String projection = Cur2Schema.columns().stream()
                .map(c -> project(c, present.contains(c.name()), format))
                .collect(Collectors.joining(",\n  "));
        Path target = out.toAbsolutePath();
        Path temp = AtomicFile.temporaryFor(target);
        try {
            Files.createDirectories(target.getParent());
            try (Statement s = duck.createStatement()) {
                s.execute("COPY (SELECT\n  " + projection + "\nFROM (" + query + ") src) TO '"
                        + sqlString(temp.toString()) + "' (" + format.copyOptions() + ")");
            }
            AtomicFile.replace(temp, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // best effort: the temporary name is hidden and unique
            }
        }
    }

    private static String project(Cur2Schema.Column column, boolean present, CurFormat format) {
        String value;
        if (present) {
            value = "CAST(src." + column.name() + " AS " + column.duckType() + ")";
        } else if (column.isMap()) {
            value = "CAST(MAP {} AS " + column.duckType() + ")";
        } else {
            value = "CAST(NULL AS " + column.duckType() + ")";
        }
        if (format.isCsv() && column.isMap()) {
            value = "CAST(to_json(" + value + ") AS VARCHAR)";
        } else if (format.isCsv() && column.isTimestamp()) {
            value = "strftime(" + value + ", '%Y-%m-%dT%H:%M:%S.%gZ')";
        }
        return value + " AS " + column.name();
    }

    private static Set<String> columnsOf(Connection duck, String query) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Statement s = duck.createStatement();
                ResultSet rs = s.executeQuery("DESCRIBE " + query)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static void bind(PreparedStatement insert, CurLineItem item) throws SQLException {
        var start = item.usageStart().atOffset(ZoneOffset.UTC);
        var periodStart = start.toLocalDate().withDayOfMonth(1).atStartOfDay();
        int i = 1;
        insert.setString(i++, item.lineItemId());
        insert.setString(i++, item.usageStart() + "/" + item.usageEnd());
        insert.setTimestamp(i++, Timestamp.valueOf(start.toLocalDateTime()));
        insert.setTimestamp(
                i++, Timestamp.valueOf(item.usageEnd().atOffset(ZoneOffset.UTC).toLocalDateTime()));
        insert.setTimestamp(i++, Timestamp.valueOf(periodStart));
        insert.setTimestamp(i++, Timestamp.valueOf(periodStart.plusMonths(1)));
        insert.setString(i++, item.payerAccountId());
        insert.setString(i++, item.usageAccountId());
        insert.setString(i++, item.billingEntity());
        insert.setString(i++, item.lineItemType());
        insert.setString(i++, item.productCode());
        insert.setString(i++, item.productName());
        insert.setString(i++, item.usageType());
        insert.setString(i++, item.operation());
        insert.setString(i++, item.regionCode());
        insert.setString(i++, item.resourceId());
        insert.setString(i++, item.iamPrincipal());
        insert.setDouble(i++, item.usageAmount());
        insert.setString(i++, item.pricingUnit());
        insert.setString(i++, item.unblendedRate());
        insert.setBigDecimal(i++, item.unblendedCost());
        insert.setString(i++, item.unblendedRate());
        insert.setBigDecimal(i++, item.netUnblendedCost());
        insert.setString(i++, item.currency());
        insert.setString(i++, item.description());
        insert.setString(i++, json(item.tags()));
        insert.setString(i, json(item.resourceTags()));
    }

    private static String json(Map<String, String> map) {
        return JsonText.object(new java.util.TreeMap<>(map));
    }

    private static String sqlString(String s) {
        return s.replace("'", "''");
    }
}
