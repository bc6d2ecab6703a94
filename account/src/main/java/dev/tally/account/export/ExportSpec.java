package dev.tally.account.export;

import static java.util.Objects.requireNonNull;

import dev.tally.core.aws.AwsLimits;
import dev.tally.core.error.TallyException;
import dev.tally.cur.Cur2Schema;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.bcmdataexports.model.Export;

/**
 * A CUR 2.0 Data Export that carries IAM principal data: every CUR 2.0 column selected from
 * {@code COST_AND_USAGE_REPORT}, with {@code INCLUDE_IAM_PRINCIPAL_DATA=TRUE} (without it
 * {@code line_item_iam_principal} stays empty, aws-facts.md section 5), resources included and an S3
 * destination that AWS overwrites in place each refresh.
 */
public record ExportSpec(
        String name, String bucket, String prefix, String region, Format format, TimeGranularity granularity) {
    public static final String TABLE = "COST_AND_USAGE_REPORT";
    private static final Pattern IP = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");

    /** Files as Parquet (compressed inside) or gzip CSV: the two pairs Data Exports accepts. */
    public enum Format {
        PARQUET("PARQUET", "PARQUET"),
        CSV("TEXT_OR_CSV", "GZIP");

        private final String apiFormat;
        private final String compression;

        Format(String apiFormat, String compression) {
            this.apiFormat = apiFormat;
            this.compression = compression;
        }
    }

    public enum TimeGranularity {
        HOURLY,
        DAILY,
        MONTHLY
    }

    public ExportSpec {
        requireNonNull(name, "name is null");
        requireNonNull(bucket, "bucket is null");
        requireNonNull(prefix, "prefix is null");
        requireNonNull(region, "region is null");
        requireNonNull(format, "format is null");
        requireNonNull(granularity, "granularity is null");
        if (!AwsLimits.isExportName(name)) {
            throw TallyException.invalidSetting("name", " '" + name + "' must be 1-128 letters, digits, '-' or '_'");
        }
        checkBucket(bucket);
        if (prefix.isEmpty()
                || prefix.startsWith("/")
                || prefix.contains("//")
                || prefix.length() > 512
                || prefix.chars().anyMatch(c -> c < 0x20)) {
            throw TallyException.invalidSetting(
                    "prefix",
                    " '" + prefix
                            + "' must be 1-512 characters, not start with '/', and hold no '//' or control "
                            + "characters (e.g. cur2 or billing/cur2)");
        }
        if (!AwsLimits.isRegion(region)) {
            throw TallyException.usage("bucket region '" + region + "' is not an AWS region (e.g. us-east-1)");
        }
    }

    /** The Data Exports {@code Export} structure this spec stands for. */
    public Export export() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("TIME_GRANULARITY", granularity.name());
        properties.put("INCLUDE_IAM_PRINCIPAL_DATA", "TRUE");
        properties.put("INCLUDE_RESOURCES", "TRUE");
        properties.put("INCLUDE_SPLIT_COST_ALLOCATION_DATA", "FALSE");
        properties.put("INCLUDE_MANUAL_DISCOUNT_COMPATIBILITY", "FALSE");
        return Export.builder()
                .name(name)
                .description("CUR 2.0 with IAM principal data, for Bedrock cost attribution (created by tally)")
                .dataQuery(q -> q.queryStatement(queryStatement()).tableConfigurations(Map.of(TABLE, properties)))
                .destinationConfigurations(d -> d.s3Destination(s -> s.s3Bucket(bucket)
                        .s3Prefix(prefix)
                        .s3Region(region)
                        .s3OutputConfigurations(o -> o.outputType("CUSTOM")
                                .format(format.apiFormat)
                                .compression(format.compression)
                                .overwrite("OVERWRITE_REPORT"))))
                .refreshCadence(r -> r.frequency("SYNCHRONOUS"))
                .build();
    }

    /** Every CUR 2.0 column, from the schema Tally writes and reads. */
    public static String queryStatement() {
        return "SELECT "
                + Cur2Schema.columns().stream().map(Cur2Schema.Column::name).collect(Collectors.joining(", "))
                + " FROM " + TABLE;
    }

    /** S3's bucket naming rules, so a typo is refused before the API is called. */
    private static void checkBucket(String bucket) {
        String why = null;
        if (!AwsLimits.isBucketName(bucket)) {
            why = bucket.length() < 3 || bucket.length() > 63
                    ? "must be 3-63 characters"
                    : !bucket.equals(bucket.toLowerCase(Locale.ROOT))
                            ? "must be lower case"
                            : "may hold only a-z, 0-9, '.' and '-', and must start and end with a letter or digit";
        } else if (bucket.contains("..") || bucket.contains(".-") || bucket.contains("-.")) {
            why = "must not hold '..', '.-' or '-.'";
        } else if (IP.matcher(bucket).matches()) {
            why = "must not look like an IP address";
        } else if (bucket.startsWith("xn--")
                || bucket.startsWith("sthree-")
                || bucket.endsWith("-s3alias")
                || bucket.endsWith("--ol-s3")) {
            why = "uses a prefix or suffix S3 reserves";
        }
        if (why != null) {
            throw TallyException.invalidSetting("bucket", " '" + bucket + "' is not a valid S3 bucket name: it " + why);
        }
    }
}
