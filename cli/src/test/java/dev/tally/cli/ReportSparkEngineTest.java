package dev.tally.cli;

import static dev.tally.cli.TallyRun.inProcess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tally.cur.sample.SampleCur;
import dev.tally.cur.sample.SampleCurConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tally report --engine}: the choice, the one-line error without Spark's jars, and Spark end to end. */
class ReportSparkEngineTest {
    private static final String FOCUS = Path.of(System.getProperty("tally.shared"), "data", "focus-1.0-sample.csv")
            .toString();
    private static final Path ROOT = Path.of(System.getProperty("tally.root", "."));

    @Test
    void unknownEngine_exitsTwoWithOneLine() {
        TallyRun r = inProcess("report", FOCUS, "--engine", "bigquery");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("--engine 'bigquery' is not one of: duckdb, spark");
    }

    @Test
    void sparkOptions_withoutSparkEngine_exitTwo() {
        TallyRun r = inProcess("report", FOCUS, "--spark-conf", "spark.executor.memory=4g");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("need --engine spark");
    }

    @Test
    void sparkEngine_withoutSparksJars_saysWhatToDoInOneLine(@TempDir Path empty) {
        assumeTrue(System.getenv("SPARK_HOME") == null, "SPARK_HOME is set: Spark's jars would be found there");
        String before = System.getProperty("tally.root");
        System.setProperty("tally.root", empty.toString());
        try {
            TallyRun r = inProcess("report", FOCUS, "--engine", "spark");
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().strip())
                    .doesNotContain("\n")
                    .contains("--engine spark: no Spark jars in " + empty.resolve("spark/target/spark-lib"))
                    .contains("set SPARK_HOME");
        } finally {
            System.setProperty("tally.root", before);
        }
    }

    /** The child JVM runs on what module spark packaged: in the full build it comes before cli. */
    @Test
    void sparkEngine_endToEnd_printsTheSameJsonAsDuckDb() {
        assumeTrue(
                Files.isDirectory(ROOT.resolve("spark/target/spark-lib")),
                "module spark is not packaged (./mvnw -pl spark -am package)");
        String[] args = {"report", FOCUS, "--all-services", "--by", "service,tag:team", "--format", "json"};
        TallyRun duckdb = inProcess(args);
        TallyRun spark = inProcess(concat(args, "--engine", "spark", "--spark-master", "local[1]"));
        assertThat(spark.exit()).as(spark.err()).isZero();
        assertThat(spark.out()).isEqualTo(duckdb.out()).contains("\"cost\"");
        // The first report leaves the child's AOT cache (surefire's XDG_CACHE_HOME, in target/); the next starts
        // from it with the same answer.
        Path aot = Path.of(System.getenv("XDG_CACHE_HOME"), "tally", "spark");
        assertThat(aot).isDirectoryContaining("glob:**/child-*.aot");
        TallyRun again = inProcess(concat(args, "--engine", "spark", "--spark-master", "local[1]"));
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).isEqualTo(duckdb.out());
        assertThat(again.err()).doesNotContain("aot");
    }

    /**
     * The child starts before the inputs are found: a report that fails after that stops it, and leaves neither its
     * folder nor, when it was recording the AOT cache, its record. The child ends by itself, printing nothing: the
     * user's terminal shows tally's one line, even after the child is gone.
     */
    @Test
    void sparkEngine_missingInput_stopsTheEarlyChild(@TempDir Path dir) throws Exception {
        assumeTrue(
                Files.isDirectory(ROOT.resolve("spark/target/spark-lib")),
                "module spark is not packaged (./mvnw -pl spark -am package)");
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        List<Path> foldersBefore = sparkFolders(tmp);
        Instant started = Instant.now();
        TallyRun r =
                SeparateProcess.run(dir, Map.of(), List.of("report", FOCUS, FOCUS + ".missing", "--engine", "spark"));
        assertThat(r.exit()).isEqualTo(2);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (children(started) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(children(started)).as("Spark child JVMs still running").isZero();
        assertThat(Files.readString(dir.resolve("out"))).isEmpty();
        assertThat(Files.readString(dir.resolve("err")))
                .isEqualTo("tally: " + FOCUS + ".missing: no such file or directory\n");
        assertThat(sparkFolders(tmp)).containsExactlyInAnyOrderElementsOf(foldersBefore);
        Path aot = Path.of(System.getenv("XDG_CACHE_HOME"), "tally", "spark");
        if (Files.isDirectory(aot)) {
            assertThat(aot).isDirectoryNotContaining("glob:**/*.aotconf");
        }
    }

    /** A task failing on bad data: Spark's own log (ERROR lines, stack traces) stays in the child. */
    @Test
    void sparkEngine_badData_isOneLineWithoutSparksLog(@TempDir Path dir) throws Exception {
        assumeTrue(
                Files.isDirectory(ROOT.resolve("spark/target/spark-lib")),
                "module spark is not packaged (./mvnw -pl spark -am package)");
        Path sample = dir.resolve("sample.parquet");
        Path nan = dir.resolve("nan.parquet");
        SampleCur.withBuiltInPrices().generate(SampleCurConfig.of(200, 3, sample));
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = duck.createStatement()) {
            s.execute("COPY (SELECT * REPLACE ('NaN'::DOUBLE AS line_item_unblended_cost) FROM '" + sample + "') TO '"
                    + nan + "' (FORMAT parquet)");
        }
        TallyRun r = SeparateProcess.run(
                dir, Map.of(), List.of("report", nan.toString(), "--engine", "spark", "--spark-master", "local[1]"));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .startsWith("tally: reading " + nan + ": a cost or usage amount is not a finite number")
                .endsWith("\n")
                .satisfies(err -> assertThat(err.strip()).doesNotContain("\n"));
    }

    @Test
    void sparkEngine_unknownMaster_isAUsageErrorInOneLine(@TempDir Path dir) throws Exception {
        assumeTrue(
                Files.isDirectory(ROOT.resolve("spark/target/spark-lib")),
                "module spark is not packaged (./mvnw -pl spark -am package)");
        TallyRun r = SeparateProcess.run(
                dir, Map.of(), List.of("report", FOCUS, "--engine", "spark", "--spark-master", "locl[2]"));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .isEqualTo("tally: --spark-master 'locl[2]' is not a master URL Spark knows (expected local, local[N],"
                        + " local[*], spark://HOST:PORT, yarn or k8s://https://HOST:PORT)\n");
    }

    /** Spark child JVMs started since {@code since}, whoever's children they are now (tally's ended first). */
    private static long children(Instant since) {
        return ProcessHandle.allProcesses()
                .filter(p ->
                        p.info().startInstant().map(t -> !t.isBefore(since)).orElse(false))
                .filter(p -> p.info().commandLine().orElse("").contains("dev.tally.spark.SparkChild"))
                .count();
    }

    /** tally's folders for a child's rows, and Spark's own (its shutdown removes them; a killed JVM would not). */
    private static List<Path> sparkFolders(Path tmp) throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.filter(f -> {
                        String name = f.getFileName().toString();
                        return name.startsWith("tally-spark-")
                                || name.startsWith("spark-")
                                || name.startsWith("blockmgr-");
                    })
                    .toList();
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
