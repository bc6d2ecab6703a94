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
import org.apache.spark.sql.SparkSession;

/**
 * The child JVM of {@code tally report --engine spark}: reads a {@link FirstQuery} from a file, runs it on a Spark
 * session and writes the rows to another file, for the parent to finish the report with the same second step as
 * DuckDB's. Arguments: {@code QUERY-FILE ROWS-FILE MASTER [KEY=VALUE...]}. The rows file starts with a status: 0
 * then the rows, or the exit code the parent should end with and a one-line message.
 */
public final class SparkChild {
    private SparkChild() {}

    public static void main(String[] args) throws IOException {
        Path queryFile = Path.of(args[0]);
        Path rowsFile = Path.of(args[1]);
        String master = args[2];
        Map<String, String> conf = new LinkedHashMap<>();
        if (master.startsWith("local")) {
            // A report's aggregation has a few thousand groups: Spark's default of 200 shuffle partitions is 200 tasks
            // to schedule on a machine's few cores, for nothing.
            conf.put(
                    "spark.sql.shuffle.partitions",
                    String.valueOf(2 * Runtime.getRuntime().availableProcessors()));
        }
        for (int i = 3; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            conf.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        FirstQuery query;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(queryFile)))) {
            query = FirstQueryFiles.readQuery(in);
        }
        // The rows are few (a few thousand for tens of millions of line items): kept in memory until the query
        // ends, so a failure halfway leaves no partial answer.
        ByteArrayOutputStream rows = new ByteArrayOutputStream();
        int status = 0;
        String message = "";
        try (SparkSession spark = SparkFirstStep.session(master, conf)) {
            spark.sparkContext().setLogLevel("ERROR");
            DataOutputStream out = new DataOutputStream(rows);
            new SparkFirstStep(spark)
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
        } catch (RuntimeException e) {
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
}
