package dev.tally.spark;

import dev.tally.core.error.ErrorKind;
import dev.tally.core.error.OneLine;
import dev.tally.core.error.TallyException;
import dev.tally.report.query.FirstQuery;
import dev.tally.report.query.FirstQueryFiles;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.FunctionRegistry$;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection$;
import org.apache.spark.sql.execution.SparkSqlParser;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * The child JVM of {@code tally report --engine spark}: reads a {@link FirstQuery} from stdin, runs it on a Spark
 * session and writes the rows to a file, for the parent to finish the report with the same second step as DuckDB's.
 * Arguments: {@code ROWS-FILE MASTER S3-CACHE [KEY=VALUE...]}, where {@code S3-CACHE} is the parent's S3 cache
 * folder: files under it are read from S3 itself through hadoop-aws, as on a cluster. The rows file starts with a
 * status: 0 then the rows, or the exit code the parent should end with and a one-line message.
 *
 * <p>The parent starts this JVM before it knows the query (it finds the inputs and plans first), so Spark starts
 * while it does: the session is made at once, and the query read meanwhile on a second thread, which also parses it
 * once so that Spark's parser (its ANTLR caches are shared) is warm when the session's turn comes. A stdin closed
 * before a whole query means the parent needs no answer after all (no input, or a usage error): the child ends, and
 * writes nothing.
 */
public final class SparkChild {
    private SparkChild() {}

    /**
     * Spark's defaults are a cluster's; on one machine a report is one scan and one small aggregation. The user's
     * {@code --spark-conf} overrides each.
     */
    static Map<String, String> localSettings(int cores) {
        Map<String, String> conf = new LinkedHashMap<>();
        // A report's aggregation has a few thousand groups: Spark's default of 200 shuffle partitions is 200 tasks to
        // schedule on a machine's few cores, for nothing. With one partition per core there is nothing left for
        // adaptive execution to merge or split, and re-planning between the two stages cost about 0.3 s a report.
        conf.put("spark.sql.shuffle.partitions", String.valueOf(cores));
        conf.put("spark.sql.adaptive.enabled", "false");
        // The first aggregation's keys are text. The row-based "fast" map that Spark puts in front of its main hash
        // map compares them field by field, making a string object for each (JFR: 10% of the task threads' samples);
        // the main map compares a key's bytes at once. Without the fast map the 20M-row report took 5% less time
        // and CPU (bench/spark/variants.sh, docs/benchmarks.md).
        conf.put("spark.sql.codegen.aggregate.map.twolevel.enabled", "false");
        // One scan split per task thread: with nothing capping a split, Spark cuts the input at total bytes /
        // spark.sql.files.minPartitionNum, whose default is the master's parallelism (local[N]: N threads), packing
        // small files together and cutting large ones on row groups. C2 compiles the query's scan loop while the first
        // task is still inside it, with a profile in which the loop has never ended, so the first task to end throws
        // that code away, and each task after it runs in slower code until C2 has compiled the loop again. With one
        // task per thread no task follows. 64 MB splits (23 tasks on the 20M-row benchmark) took 16.3-17.0 s, one
        // per thread 13.5-14.2 s (docs/benchmarks.md, "Why the scan loop was compiled again").
        conf.put("spark.sql.files.maxPartitionBytes", String.valueOf(Long.MAX_VALUE));
        // Tags and product are maps: read them with the vectorized reader too (the row-by-row one is several
        // times slower per row), and only the columns the query names (Spark prunes nested fields as well).
        conf.put("spark.sql.parquet.enableVectorizedReader", "true");
        conf.put("spark.sql.parquet.enableNestedColumnVectorizedReader", "true");
        conf.put("spark.sql.optimizer.nestedSchemaPruning.enabled", "true");
        // Case mappings (lower() in the tag key scan) through the JDK rather than ICU: ICU's tables cost about 2 s of
        // CPU to load in every new JVM (JFR, docs/benchmarks.md). The two agree on ASCII, which tag keys are; they
        // differ only in rare context-dependent mappings of other scripts, where DuckDB has its own again.
        conf.put("spark.sql.icu.caseMappings.enabled", "false");
        // Everything is in this JVM: no waiting for a data-local slot, no host name lookups.
        conf.put("spark.locality.wait", "0s");
        conf.put("spark.driver.host", "127.0.0.1");
        conf.put("spark.driver.bindAddress", "127.0.0.1");
        return conf;
    }

    public static void main(String[] args) throws IOException {
        // Before any Spark class logs: Spark keeps a configuration it did not make (docs: child-log4j2.properties).
        boolean debug = System.getenv("TALLY_DEBUG") != null;
        System.setProperty(
                "log4j2.configurationFile", String.valueOf(SparkChild.class.getResource("child-log4j2.properties")));
        Path rowsFile = Path.of(args[0]);
        String master = args[1];
        S3Locations s3 = new S3Locations(Path.of(args[2]));
        Map<String, String> conf = new LinkedHashMap<>();
        if (master.startsWith("local")) {
            conf.putAll(localSettings(Runtime.getRuntime().availableProcessors()));
        }
        for (int i = 3; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            conf.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        CompletableFuture<Optional<FirstQuery>> queryRead = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("tally-warm-up").start(() -> {
            warmUp();
            queryRead.complete(readQuery());
        });
        // The rows are few (a few thousand for tens of millions of line items): kept in memory until the query
        // ends, so a failure halfway leaves no partial answer.
        ByteArrayOutputStream rows = new ByteArrayOutputStream();
        int status = 0;
        String message = "";
        try (SparkSession spark = session(master, conf)) {
            if (debug) {
                spark.sparkContext().setLogLevel("WARN");
            }
            S3aSettings.apply(spark.sparkContext().hadoopConfiguration(), System.getenv());
            Optional<FirstQuery> read = queryRead.join();
            if (read.isEmpty()) {
                return;
            }
            FirstQuery query = read.get();
            DataOutputStream out = new DataOutputStream(rows);
            new SparkFirstStep(spark, s3)
                    .run(
                            query,
                            query.scans().stream()
                                    .flatMap(s -> s.files().stream())
                                    .toList(),
                            row -> {
                                try {
                                    FirstQueryFiles.writeRow(query, row, out);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            });
            FirstQueryFiles.endRows(out);
        } catch (TallyException e) {
            status = e.kind() == ErrorKind.USAGE ? 2 : 1;
            message = e.getMessage();
        } catch (Exception e) {
            // Exception, not RuntimeException: Scala code throws checked ones (SparkException) undeclared.
            status = 1;
            message = "Spark failed: " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(rowsFile)))) {
            out.writeInt(status);
            if (status == 0) {
                rows.writeTo(out);
            } else {
                out.writeUTF(OneLine.of(message));
            }
        }
    }

    /** The session, or a usage error for a master URL Spark does not know (the one user input it checks here). */
    private static SparkSession session(String master, Map<String, String> conf) {
        try {
            return SparkFirstStep.session(master, conf);
        } catch (Exception e) {
            if (String.valueOf(e.getMessage()).startsWith("Could not parse Master URL")) {
                throw TallyException.usage("--spark-master '" + master + "' is not a master URL Spark knows (expected"
                        + " local, local[N], local[*], spark://HOST:PORT, yarn or k8s://https://HOST:PORT)");
            }
            throw e;
        }
    }

    /**
     * What every report's query needs once and no session has to be there for: the built-in functions' registry and
     * Spark's code generation (Janino compiling a small projection). Done here on the second core while the main
     * thread starts the session, so the main thread finds them made.
     */
    private static void warmUp() {
        try {
            FunctionRegistry$.MODULE$.builtin();
            UnsafeProjection$.MODULE$.create(new DataType[] {DataTypes.StringType, DataTypes.LongType});
        } catch (RuntimeException | LinkageError e) {
            // Only a warm-up.
        }
    }

    /**
     * The query from stdin, or none when stdin ends first. Parsed once here, the result thrown away: the first parse
     * of a report's query took 170-290 ms on the main thread, against 20-40 ms once Spark's shared parser caches hold
     * it (docs/benchmarks.md). A query this parse fails on fails the same way on the session's, which reports it.
     */
    private static Optional<FirstQuery> readQuery() {
        FirstQuery query;
        try {
            query = FirstQueryFiles.readQuery(new DataInputStream(new BufferedInputStream(System.in)));
        } catch (IOException e) {
            return Optional.empty();
        }
        try {
            new SparkSqlParser().parsePlan(query.sql());
        } catch (RuntimeException e) {
            // Only a warm-up.
        }
        return Optional.of(query);
    }
}
