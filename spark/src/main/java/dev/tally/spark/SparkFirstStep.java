package dev.tally.spark;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.ErrorKind;
import dev.tally.core.error.OneLine;
import dev.tally.core.error.TallyException;
import dev.tally.report.query.FirstQuery;
import dev.tally.report.query.FirstStep;
import dev.tally.report.query.ResultRow;
import dev.tally.report.read.Container;
import dev.tally.report.read.Scan;
import dev.tally.report.read.SourceFile;
import dev.tally.report.read.SparkSqlDialect;
import dev.tally.report.read.SqlDialect;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.Footer;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.datasources.parquet.ParquetFileFormat$;
import org.apache.spark.sql.execution.datasources.parquet.ParquetFooterReader;
import org.apache.spark.sql.execution.datasources.parquet.ParquetToSparkSchemaConverter;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.jspecify.annotations.Nullable;

/**
 * A report's first step on Spark: each {@link Scan} registered as a temporary view (Spark SQL has no CSV reader with
 * options in FROM), then the same {@link FirstQuery} every engine runs, in {@link SparkSqlDialect}.
 */
public final class SparkFirstStep implements FirstStep {
    private final SparkSession spark;
    private final Function<Path, String> locations;

    /** Reads every file where it is: local mode, or a file system every executor mounts alike. */
    public SparkFirstStep(SparkSession spark) {
        this(spark, file -> file.toAbsolutePath().toString());
    }

    /** Reads files of the report's S3 cache from S3 itself, through hadoop-aws (executors cannot see that cache). */
    public SparkFirstStep(SparkSession spark, S3Locations locations) {
        this(spark, requireNonNull(locations, "locations is null")::of);
    }

    private SparkFirstStep(SparkSession spark, Function<Path, String> locations) {
        this.spark = requireNonNull(spark, "spark is null");
        this.locations = locations;
    }

    /** The session a report runs on: UTC, no web UI (a report is one query, and the UI takes a port and a second). */
    public static SparkSession session(String master, Map<String, String> conf) {
        SparkSession.Builder builder = SparkSession.builder()
                .appName("tally report")
                .master(master)
                .config("spark.ui.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC");
        conf.forEach(builder::config);
        return builder.getOrCreate();
    }

    @Override
    public SqlDialect dialect() {
        return SparkSqlDialect.INSTANCE;
    }

    @Override
    public void run(FirstQuery query, List<SourceFile> files, Consumer<ResultRow> rows) {
        List<Row> result;
        try {
            dialect().setup().forEach(spark::sql);
            for (Scan scan : query.scans()) {
                read(scan).createOrReplaceTempView(scan.name());
            }
            result = spark.sql(query.sql()).collectAsList();
        } catch (TallyException e) {
            throw e;
        } catch (RuntimeException e) {
            String message = OneLine.of(String.valueOf(e.getMessage()));
            if (isOverflow(e)) {
                throw TallyException.badData(where(files) + "a cost or usage amount is not a finite number, or beyond"
                        + " what Spark sums exactly (about 9.6e12 on one line item or in one group; docs/spark.md)"
                        + " (" + message + ")");
            }
            throw TallyException.badData(where(files) + message);
        }
        for (Row row : result) {
            rows.accept(new SparkRow(row));
        }
    }

    /**
     * The scan's files as one table, columns united by name. Spark's CSV reader takes one header for all the files it
     * reads at once, so files are read in groups of the same columns and the groups united.
     */
    private Dataset<Row> read(Scan scan) {
        Map<List<String>, List<String>> byColumns = new LinkedHashMap<>();
        for (SourceFile f : scan.files()) {
            if (scan.container() == Container.CSV_GZ
                    && !f.path().getFileName().toString().endsWith(".gz")) {
                // Hadoop picks the codec by suffix: read as plain text, a gzip file would be garbage, not an error.
                throw TallyException.usage(f.path() + ": gzip CSV without a .gz suffix; Spark reads gzip by name"
                        + " (rename it to end in .gz, or use --engine duckdb)");
            }
            byColumns.computeIfAbsent(f.columns(), k -> new ArrayList<>()).add(location(f.path()));
        }
        return byColumns.values().stream()
                .map(paths -> scan.container() == Container.PARQUET
                        ? spark.read().schema(parquetSchema(paths.getFirst())).parquet(paths.toArray(String[]::new))
                        : nullsRead(csv(spark.read()).csv(paths.toArray(String[]::new)), scan.nullStrings()))
                .reduce((all, part) -> all.unionByName(part, true))
                .orElseThrow(() -> new IllegalStateException(scan.name() + " has no files"));
    }

    /**
     * The schema Spark would infer for Parquet files of the same columns: without schema merging it reads one file's
     * footer (the Spark schema stored there, else the Parquet schema converted with the session's settings), but in
     * a job of its own, which cost about 0.3 s of a report on one machine (docs/benchmarks.md). Read here on the
     * driver instead, with the same conversion ({@code spark/SchemaFromFooterTest} holds the two equal).
     */
    StructType parquetSchema(String location) {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(location);
        Configuration conf = spark.sessionState().newHadoopConf();
        try {
            ParquetMetadata footer = ParquetFooterReader.readFooter(
                    HadoopInputFile.fromPath(path, conf), ParquetMetadataConverter.SKIP_ROW_GROUPS);
            // Every field nullable, as Spark makes an inferred schema: a file's "required" says nothing of others.
            return ParquetFileFormat$.MODULE$
                    .readSchemaFromFooter(
                            new Footer(path, footer),
                            new ParquetToSparkSchemaConverter(
                                    spark.sessionState().conf()))
                    .asNullable();
        } catch (IOException | RuntimeException e) {
            // Parquet says "not a Parquet file" with a RuntimeException.
            throw TallyException.badData(
                    location + ": cannot read its Parquet footer: " + OneLine.of(String.valueOf(e.getMessage())));
        }
    }

    private String location(Path file) {
        String location = locations.apply(file);
        if (location.startsWith("s3a://") && !S3aSettings.available()) {
            throw new TallyException(
                    ErrorKind.FAILURE,
                    location + ": s3:// inputs on Spark are read through hadoop-aws, which is not"
                            + " on Spark's classpath (add org.apache.hadoop:hadoop-aws:3.5.0 and its AWS SDK bundle:"
                            + " ./mvnw -pl spark -am package puts them in spark/target/spark-s3-lib for --engine spark;"
                            + " on a cluster, spark-submit --packages org.apache.hadoop:hadoop-aws:3.5.0)");
        }
        return location;
    }

    private static DataFrameReader csv(DataFrameReader reader) {
        return reader.option("header", "true")
                .option("inferSchema", "false")
                .option("quote", "\"")
                .option("escape", "\"")
                .option("mode", "FAILFAST")
                .option("enforceSchema", "false");
    }

    /** Every column as text, with the format's null strings (CUR: empty; FOCUS: empty and NULL) read as NULL. */
    private static Dataset<Row> nullsRead(Dataset<Row> csv, List<String> nullStrings) {
        Column[] columns = new Column[csv.columns().length];
        Object[] nulls = nullStrings.toArray();
        for (int i = 0; i < columns.length; i++) {
            String name = csv.columns()[i];
            Column c = csv.col("`" + name.replace("`", "``") + "`");
            columns[i] = functions
                    .when(c.isin(nulls), functions.lit(null).cast("string"))
                    .otherwise(c)
                    .as(name);
        }
        return csv.select(columns);
    }

    /**
     * Whether Spark stopped at an overflow, which in a report's query only the exact sums can meet (ANSI mode, set by
     * the dialect: a NaN, an infinity or a value too large for their BIGINT parts).
     */
    private static boolean isOverflow(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String condition = t instanceof SparkThrowable spark ? spark.getCondition() : null;
            if (condition != null
                    && (condition.startsWith("CAST_OVERFLOW")
                            || condition.startsWith("ARITHMETIC_OVERFLOW")
                            || condition.startsWith("NUMERIC_VALUE_OUT_OF_RANGE"))) {
                return true;
            }
        }
        return false;
    }

    private static String where(List<SourceFile> files) {
        String shown = files.stream().limit(3).map(f -> f.path().toString()).collect(Collectors.joining(", "));
        return "reading " + shown + (files.size() > 3 ? " and " + (files.size() - 3) + " more" : "") + ": ";
    }

    /** A Spark row as the first step's columns: text, exact decimals, counts (int or long). */
    private record SparkRow(Row row) implements ResultRow {
        @Override
        public @Nullable String text(int column) {
            return row.isNullAt(column) ? null : row.get(column).toString();
        }

        @Override
        public @Nullable BigDecimal decimal(int column) {
            return row.isNullAt(column) ? null : row.getDecimal(column);
        }

        @Override
        public long count(int column) {
            return row.isNullAt(column) ? 0 : ((Number) row.get(column)).longValue();
        }
    }
}
