package dev.tally.report.read;

import dev.tally.core.error.TallyException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Tells a file's format from its content: Parquet by its magic bytes and schema, CSV (plain or gzip) by its
 * header line. File names are never trusted: exports get renamed.
 */
public final class FormatDetector {
    private static final byte[] PARQUET_MAGIC = {'P', 'A', 'R', '1'};
    /** The tag maps of CUR 2.0 and FOCUS, whose keys tag lookups match: read from the file's dictionaries. */
    private static final Set<String> TAG_MAPS = Set.of("tags", "resource_tags", "Tags");

    private final Connection duck;

    public FormatDetector(Connection duck) {
        this.duck = duck;
    }

    /** The file's format and columns, or empty when it is not a billing export (a manifest, a README). */
    public Optional<SourceFile> detect(Path path) {
        byte[] head = head(path);
        if (startsWith(head, PARQUET_MAGIC)) {
            return Optional.of(parquet(path));
        }
        boolean gzip = head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
        List<String> header = csvHeader(path, gzip);
        return formatOfHeader(header, false)
                .map(f -> new SourceFile(path, f, gzip ? Container.CSV_GZ : Container.CSV, header));
    }

    /** Like {@link #detect}, for a file the user named: not being an export is an error. */
    public SourceFile require(Path path) {
        return detect(path)
                .orElseThrow(() -> TallyException.badData(path
                        + ": not a billing export (expected a CUR 2.0, legacy CUR or FOCUS file with a line_item_usage_type, "
                        + "lineItem/UsageType or BilledCost column)"));
    }

    private SourceFile parquet(Path path) {
        List<String> columns = new ArrayList<>();
        boolean mapColumns = false;
        List<String> tagMaps = new ArrayList<>();
        Set<String> floatingPoint = new HashSet<>();
        try (Statement s = duck.createStatement();
                ResultSet rs =
                        s.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + Sql.string(path.toString()) + "')")) {
            while (rs.next()) {
                String name = rs.getString("column_name");
                columns.add(name);
                String type = rs.getString("column_type");
                boolean map = type.startsWith("MAP");
                if (type.equals("DOUBLE") || type.equals("FLOAT")) {
                    floatingPoint.add(name);
                }
                if ((name.equals("tags") || name.equals("resource_tags") || name.equals("product")) && map) {
                    mapColumns = true;
                }
                if (TAG_MAPS.contains(name) && map) {
                    tagMaps.add(name);
                }
            }
        } catch (SQLException e) {
            throw TallyException.badData(path + ": not a readable Parquet file (" + Sql.firstLine(e) + ")");
        }
        boolean athenaStyle =
                columns.stream().anyMatch(c -> c.startsWith("resource_tags_") || c.startsWith("product_product_name"));
        Optional<SourceFormat> format = formatOfHeader(columns, athenaStyle && !mapColumns);
        return new SourceFile(
                path,
                format.orElseThrow(
                        () -> TallyException.badData(
                                path
                                        + ": Parquet file is not a billing export (expected line_item_usage_type or BilledCost among its columns)")),
                Container.PARQUET,
                columns,
                ParquetDictionary.mapKeys(path, tagMaps),
                floatingPoint);
    }

    private static Optional<SourceFormat> formatOfHeader(List<String> columns, boolean athenaCur1) {
        boolean cur2 = columns.stream().anyMatch(c -> c.equalsIgnoreCase("line_item_usage_type"));
        if (cur2) {
            return Optional.of(athenaCur1 ? SourceFormat.CUR1 : SourceFormat.CUR2);
        }
        if (columns.stream().anyMatch(c -> c.equalsIgnoreCase("lineItem/UsageType"))) {
            return Optional.of(SourceFormat.CUR1);
        }
        if (columns.stream().anyMatch(c -> c.equalsIgnoreCase("BilledCost"))
                && columns.stream().anyMatch(c -> c.equalsIgnoreCase("ChargePeriodStart"))) {
            return Optional.of(SourceFormat.FOCUS);
        }
        return Optional.empty();
    }

    private static byte[] head(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return in.readNBytes(4);
        } catch (IOException e) {
            throw TallyException.usage(path + ": cannot read (" + e.getMessage() + ")");
        }
    }

    private static List<String> csvHeader(Path path, boolean gzip) {
        try (InputStream raw = Files.newInputStream(path);
                InputStream in = gzip ? new GZIPInputStream(raw) : raw;
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line = reader.readLine();
            if (line == null) {
                return List.of();
            }
            if (line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            return splitCsvLine(line);
        } catch (IOException e) {
            if (gzip) {
                throw TallyException.badData(path + ": not a readable gzip file (" + e.getMessage() + ")");
            }
            throw TallyException.usage(path + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** Splits one CSV header line (RFC 4180 quoting); headers never span lines in these exports. */
    static List<String> splitCsvLine(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
