package dev.tally.emulator.dataexports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.core.aws.AwsLimits;
import dev.tally.cur.Cur2Schema;
import dev.tally.emulator.http.AwsJsonError;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks an {@code Export} structure the way Data Exports does before it accepts one: the name pattern,
 * a {@code SELECT ... FROM <table>} statement whose columns the table has (CUR 2.0's from the shared
 * schema), table properties with their documented values, and an S3 destination whose format and
 * compression agree (Parquet with PARQUET, CSV with GZIP).
 */
final class ExportDefinition {
    static final String CUR2_TABLE = "COST_AND_USAGE_REPORT";
    private static final Pattern SELECT =
            Pattern.compile("(?is)\\s*SELECT\\s+(.+?)\\s+FROM\\s+([A-Za-z0-9_]+)\\s*;?\\s*");
    /** Bucket names: 3-63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit. */
    private static final Set<String> TABLES = Set.of(
            CUR2_TABLE,
            "FOCUS_1_0_AWS",
            "FOCUS_1_2_AWS",
            "COST_AND_USAGE_DASHBOARD",
            "COST_OPTIMIZATION_RECOMMENDATIONS",
            "CARBON_EMISSIONS");

    private static final Set<String> BOOLEAN_PROPERTIES = Set.of(
            "INCLUDE_RESOURCES",
            "INCLUDE_SPLIT_COST_ALLOCATION_DATA",
            "INCLUDE_MANUAL_DISCOUNT_COMPATIBILITY",
            "INCLUDE_CAPACITY_RESERVATION_DATA",
            "INCLUDE_IAM_PRINCIPAL_DATA");
    private static final Map<String, Set<String>> ENUMS = Map.of(
            "OutputType", Set.of("CUSTOM", "ATHENA", "REDSHIFT"),
            "Format", Set.of("TEXT_OR_CSV", "PARQUET"),
            "Compression", Set.of("GZIP", "PARQUET"),
            "Overwrite", Set.of("CREATE_NEW_REPORT", "OVERWRITE_REPORT"));

    private ExportDefinition() {}

    static void check(JsonNode export) {
        if (export == null || !export.isObject()) {
            throw field("export", "Member must not be null");
        }
        String name = export.path("Name").asText("");
        if (!AwsLimits.isExportName(name)) {
            throw field(
                    "export.name",
                    "Member must satisfy regular expression pattern: [0-9A-Za-z\\-_]+ and have length between 1 and 128");
        }
        checkQuery(export.path("DataQuery"));
        checkDestination(export.path("DestinationConfigurations").path("S3Destination"));
        if (!export.path("RefreshCadence").path("Frequency").asText("").equals("SYNCHRONOUS")) {
            throw field("export.refreshCadence.frequency", "Member must satisfy enum value set: [SYNCHRONOUS]");
        }
    }

    private static void checkQuery(JsonNode query) {
        String statement = query.path("QueryStatement").asText("");
        if (statement.isEmpty() || statement.length() > 36000) {
            throw field("export.dataQuery.queryStatement", "Member must have length between 1 and 36000");
        }
        Matcher m = SELECT.matcher(statement);
        if (!m.matches()) {
            throw AwsJsonError.validation("Invalid query statement: expected SELECT <columns> FROM <table>");
        }
        String table = m.group(2).toUpperCase(Locale.ROOT);
        if (!TABLES.contains(table)) {
            throw AwsJsonError.validation("Invalid query statement: table " + m.group(2) + " does not exist; tables: "
                    + String.join(", ", TABLES.stream().sorted().toList()));
        }
        if (table.equals(CUR2_TABLE)) {
            Set<String> columns = new HashSet<>();
            Cur2Schema.columns().forEach(c -> columns.add(c.name()));
            // String.split drops a trailing empty part: the emulator checks column names, not the SQL's commas.
            @SuppressWarnings("StringSplitter")
            String[] selected = m.group(1).split(",");
            for (String column : selected) {
                String c = column.strip().toLowerCase(Locale.ROOT);
                if (!columns.contains(c)) {
                    throw AwsJsonError.validation("Invalid query statement: column " + column.strip()
                            + " does not exist in table " + CUR2_TABLE);
                }
            }
        }
        JsonNode configurations = query.path("TableConfigurations");
        configurations.fieldNames().forEachRemaining(t -> {
            if (!t.equals(table)) {
                throw AwsJsonError.validation(
                        "TableConfigurations names table " + t + ", which the query statement does not select from");
            }
        });
        if (table.equals(CUR2_TABLE)) {
            configurations
                    .path(CUR2_TABLE)
                    .properties()
                    .forEach(p -> checkProperty(p.getKey(), p.getValue().asText()));
        }
    }

    private static void checkProperty(String name, String value) {
        if (name.equals("TIME_GRANULARITY")) {
            if (!List.of("HOURLY", "DAILY", "MONTHLY").contains(value)) {
                throw AwsJsonError.validation(
                        "Table property TIME_GRANULARITY must be HOURLY, DAILY or MONTHLY, got '" + value + "'");
            }
        } else if (BOOLEAN_PROPERTIES.contains(name)) {
            if (!value.equals("TRUE") && !value.equals("FALSE")) {
                throw AwsJsonError.validation("Table property " + name + " must be TRUE or FALSE, got '" + value + "'");
            }
        } else if (!name.equals("BILLING_VIEW_ARN")) {
            throw AwsJsonError.validation("Table property " + name + " does not exist for table " + CUR2_TABLE);
        }
    }

    private static void checkDestination(JsonNode s3) {
        if (!s3.isObject()) {
            throw field("export.destinationConfigurations.s3Destination", "Member must not be null");
        }
        String bucket = s3.path("S3Bucket").asText("");
        if (!AwsLimits.isBucketName(bucket) || bucket.contains("..")) {
            throw AwsJsonError.validation("S3Bucket '" + bucket + "' is not a valid bucket name");
        }
        if (!s3.hasNonNull("S3Prefix")) {
            throw field("export.destinationConfigurations.s3Destination.s3Prefix", "Member must not be null");
        }
        if (s3.path("S3Region").asText("").isEmpty()) {
            throw field("export.destinationConfigurations.s3Destination.s3Region", "Member must not be null");
        }
        JsonNode out = s3.path("S3OutputConfigurations");
        for (Map.Entry<String, Set<String>> e : ENUMS.entrySet()) {
            String v = out.path(e.getKey()).asText("");
            if (!e.getValue().contains(v)) {
                throw field(
                        "export.destinationConfigurations.s3Destination.s3OutputConfigurations." + lower(e.getKey()),
                        "Member must satisfy enum value set: "
                                + e.getValue().stream().sorted().toList());
            }
        }
        String format = out.path("Format").asText();
        String compression = out.path("Compression").asText();
        if (format.equals("PARQUET") != compression.equals("PARQUET")) {
            throw AwsJsonError.validation("Format " + format + " cannot be used with Compression " + compression
                    + " (PARQUET goes with PARQUET, TEXT_OR_CSV with GZIP)");
        }
    }

    /** Copies the export for storage, with its ARN set. */
    static ObjectNode stored(JsonNode export, String arn) {
        ObjectNode copy = ((ObjectNode) export).deepCopy();
        copy.put("ExportArn", arn);
        return copy;
    }

    private static String lower(String s) {
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static AwsJsonError field(String path, String constraint) {
        return AwsJsonError.validation(
                "1 validation error detected: Value at '" + path + "' failed to satisfy constraint: " + constraint);
    }
}
