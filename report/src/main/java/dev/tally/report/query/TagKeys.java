package dev.tally.report.query;

import dev.tally.report.read.Container;
import dev.tally.report.read.SourceFile;
import dev.tally.report.read.SourceFormat;
import dev.tally.report.read.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tag keys an export holds, so that the dashboard can offer every tag without being told which: from Parquet
 * dictionaries where they list a map's keys exactly, from column names in legacy CUR, and otherwise from the JSON maps
 * of the first {@value #CSV_ROWS} rows of each CSV export (a key first seen later is not offered; {@code --by
 * tag:KEY} always is).
 */
final class TagKeys {
    static final int CSV_ROWS = 100_000;

    private TagKeys() {}

    /** Keys trimmed and lower case, as tag lookups match them; principal and resource tags alike. */
    static Set<String> present(Connection duck, List<SourceFile> files) {
        return present(duck, files, false);
    }

    /**
     * The same, reading the first {@value #CSV_ROWS} rows of a Parquet map whose dictionaries did not tell its keys
     * (a small file, another codec): worth the scan when a report warns that a key is missing, and only then.
     */
    static Set<String> presentScanning(Connection duck, List<SourceFile> files) {
        return present(duck, files, true);
    }

    private static Set<String> present(Connection duck, List<SourceFile> files, boolean scanParquet) {
        Set<String> keys = new TreeSet<>();
        for (SourceFile f : files) {
            if (f.format() == SourceFormat.CUR1) {
                for (String prefix : List.of("resourceTags/user:", "resource_tags_user_")) {
                    f.columnsStartingWith(prefix).forEach(c -> keys.add(normalize(c.substring(prefix.length()))));
                }
                continue;
            }
            for (String map : f.format() == SourceFormat.FOCUS ? List.of("Tags") : List.of("tags", "resource_tags")) {
                f.column(map).ifPresent(column -> {
                    Set<String> known = f.mapKeys().get(column);
                    (known != null ? known : scannedKeys(duck, f, column, scanParquet))
                            .forEach(k -> keys.add(normalize(k)));
                });
            }
        }
        keys.remove("");
        return keys;
    }

    /** {@code iamPrincipal/Team} and {@code user_team} are both the key {@code team}. */
    static String normalize(String key) {
        String k = key.strip();
        if (k.regionMatches(true, 0, "iamPrincipal/", 0, 13)) {
            k = k.substring(13);
        } else if (k.regionMatches(true, 0, "user_", 0, 5)) {
            k = k.substring(5);
        } else if (k.regionMatches(true, 0, "user:", 0, 5)) {
            k = k.substring(5);
        }
        return k.strip().toLowerCase(Locale.ROOT);
    }

    private static Set<String> scannedKeys(Connection duck, SourceFile file, String column, boolean scanParquet) {
        String sql;
        if (file.container() == Container.PARQUET) {
            if (!scanParquet) {
                return Set.of(); // a Parquet map whose dictionaries did not tell its keys: not worth a second scan
            }
            sql = "SELECT DISTINCT unnest(map_keys(m)) FROM (SELECT " + Sql.identifier(column) + " AS m FROM "
                    + "read_parquet(['" + Sql.string(file.path().toString()) + "']) LIMIT " + CSV_ROWS
                    + ") WHERE m IS NOT NULL";
        } else {
            String scan = "read_csv(['" + Sql.string(file.path().toString())
                    + "'], header = true, all_varchar = true, delim = ',', quote = '\"', escape = '\"', compression = '"
                    + (file.container() == Container.CSV_GZ ? "gzip" : "none") + "')";
            sql = "SELECT DISTINCT unnest(json_keys(m)) FROM (SELECT " + Sql.identifier(column) + " AS m FROM " + scan
                    + " LIMIT " + CSV_ROWS + ") WHERE m IS NOT NULL AND trim(m) <> ''";
        }
        Set<String> keys = new TreeSet<>();
        try (Statement s = duck.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
        } catch (SQLException e) {
            // Keys are an offer of more views, not data: a map DuckDB cannot read here fails the report's own query.
            return Set.of();
        }
        return keys;
    }
}
